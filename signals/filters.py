"""The filters of signal lists, shared by the pages and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charter_portal.filters import any_yes_no
from neighbourhoods.filters import (
    AREA_TEXT_HELP,
    AreaTextFilter,
    area_text_input,
    neighbourhood_choices,
    split_area_code,
)
from neighbourhoods.models import MovementCircle
from organisations.models import Organisation
from signals.models import Signal, Status, Theme


class SignalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("Any"))
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=Theme.choices, method="filter_theme", empty_label=_("Any")
    )
    area = AreaTextFilter(
        label=_("Area"),
        method="filter_area",
        help_text=_("A neighbourhood also finds signals about the movement circles it lies in."),
    )
    service = django_filters.ModelChoiceFilter(
        label=_("City service"),
        field_name="responsible_body",
        queryset=Organisation.objects.city_services().approved(),
        empty_label=_("Any"),
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue", widget=any_yes_no())
    priority = django_filters.BooleanFilter(label=_("Priority"), method="filter_priority", widget=any_yes_no())

    class Meta:
        model = Signal
        fields = ["q", "status", "theme", "area", "service", "overdue", "priority"]

    def for_page(self):
        """Fit the area filter to a page: a list to choose from in a city, a text box in a region."""
        field = self.form.fields["area"]
        neighbourhoods = neighbourhood_choices()
        if neighbourhoods is None:
            field.widget = area_text_input()
            field.help_text = f"{AREA_TEXT_HELP} {field.help_text}"
        else:
            circles = [(f"c{pk}", name) for pk, name in MovementCircle.objects.values_list("pk", "name")]
            field.widget = forms.Select(choices=[("", _("Any")), *neighbourhoods, *circles])
        return self

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value) | Q(organisation__name__icontains=value)
        )

    def filter_theme(self, queryset, name, value):
        return queryset.filter(pk__in=Signal.themes.rel.related_model.objects.filter(code=value).values("signal"))

    def filter_area(self, queryset, name, value: str):
        kind, pk = split_area_code(value)
        if kind == "c":
            return queryset.filter(
                pk__in=Signal.movement_circles.through.objects.filter(movementcircle_id=pk).values("signal")
            )
        circles = MovementCircle.neighbourhoods.through.objects.filter(neighbourhood_id=pk).values("movementcircle")
        return queryset.filter(
            Q(pk__in=Signal.neighbourhoods.through.objects.filter(neighbourhood_id=pk).values("signal"))
            | Q(pk__in=Signal.movement_circles.through.objects.filter(movementcircle__in=circles).values("signal"))
        )

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        if value:
            return queryset.filter(due_on__lt=today)
        return queryset.exclude(due_on__lt=today)

    def filter_priority(self, queryset, name, value):
        return queryset.filter(priority_round__isnull=not value)
