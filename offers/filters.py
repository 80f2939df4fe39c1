"""Filters of the public offer directory, shared by the page and the API so both answer the same."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from charter_portal.filters import any_yes_no
from neighbourhoods.filters import AREA_TEXT_HELP, AreaTextFilter, fit_area_filters, split_area_code
from neighbourhoods.models import MovementCircle, Neighbourhood
from offers.models import Collaboration, Offer, OfferTime, SharedSpace
from offers.models.offer import SPOKEN_LANGUAGES
from offers.nearby import near_ids
from offers.search import offer_search
from organisations.models import Function, Organisation


@extend_schema_field(OpenApiTypes.INT)
class AreaFilter(django_filters.ModelChoiceFilter):
    """An area chosen by id, filtered by a method (the schema cannot guess its type)."""


class OfferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    neighbourhood = AreaFilter(
        queryset=Neighbourhood.objects.defer("geometry"),
        method="in_neighbourhood",
        label=_("Neighbourhood"),
        empty_label=_("All neighbourhoods"),
    )
    near = AreaFilter(
        queryset=Neighbourhood.objects.defer("geometry"),
        method="near_neighbourhood",
        label=_("Near"),
        empty_label=_("Anywhere"),
        help_text=_("The neighbourhood and the ones bordering it."),
    )
    movement_circle = AreaFilter(
        queryset=MovementCircle.objects.all(),
        method="in_movement_circle",
        label=_("Movement circle"),
        empty_label=_("All movement circles"),
    )
    area = AreaTextFilter(
        method="in_area",
        label=_("Neighbourhood or movement circle"),
        help_text=AREA_TEXT_HELP,
    )
    function = django_filters.ModelChoiceFilter(
        queryset=Function.objects.all(),
        field_name="functions",
        to_field_name="code",
        label=_("Function"),
        empty_label=_("All functions"),
    )
    age = django_filters.NumberFilter(
        method="for_age", label=_("Age of the child"), min_value=0, max_value=30, help_text=_("In years.")
    )
    weekday = django_filters.ChoiceFilter(
        choices=OfferTime.Weekday.choices,
        method="on_weekday",
        label=_("Day of the week"),
        empty_label=_("Any day"),
    )
    free = django_filters.BooleanFilter(field_name="is_free", label=_("Free of charge"), widget=any_yes_no())
    language = django_filters.ChoiceFilter(
        choices=SPOKEN_LANGUAGES, method="in_language", label=_("Language spoken"), empty_label=_("Any language")
    )
    is_warm_place = django_filters.BooleanFilter(label=_("Warm place"), widget=any_yes_no())
    is_mobile = django_filters.BooleanFilter(label=_("Mobile or outreach work"), widget=any_yes_no())
    organisation_kind = django_filters.ChoiceFilter(
        field_name="organisation__kind",
        choices=Organisation.Kind.choices,
        label=_("Kind of organisation"),
        empty_label=_("All kinds"),
    )
    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), label=_("Organisation"))
    status = django_filters.ChoiceFilter(choices=Offer.Status.choices, label=_("Status"))

    class Meta:
        model = Offer
        fields = []

    def search(self, queryset, name, value):
        return offer_search(queryset, value)

    def on_weekday(self, queryset, name, value):
        return queryset.filter(pk__in=OfferTime.objects.filter(weekday=int(value)).values("offer_id"))

    def in_language(self, queryset, name, value):
        # Codes are stored as "ar,nl,tr": every code has two or three letters between commas.
        return queryset.filter(Q(language_codes=value) | Q(language_codes__regex=rf"(^|,){value}(,|$)"))

    def near_neighbourhood(self, queryset, name, value):
        ids = near_ids(value.pk)
        direct = Offer.neighbourhoods.through.objects.filter(neighbourhood__in=ids).values("offer_id")
        circles = Offer.movement_circles.through.objects.filter(movementcircle__neighbourhoods__in=ids)
        return queryset.filter(Q(pk__in=direct) | Q(pk__in=circles.values("offer_id")))

    # The area filters test membership with subqueries (``pk__in``) rather than joins: no row appears twice, so the
    # list needs no DISTINCT, which would make the database compute every row's links before it can cut a page.

    def in_neighbourhood(self, queryset, name, value):
        """Serves the neighbourhood directly or through a movement circle that contains it.

        See docs/rules.md#areas-and-movement-circles.
        """
        direct = Offer.neighbourhoods.through.objects.filter(neighbourhood=value).values("offer_id")
        circles = Offer.movement_circles.through.objects.filter(movementcircle__neighbourhoods=value)
        return queryset.filter(Q(pk__in=direct) | Q(pk__in=circles.values("offer_id")))

    def in_movement_circle(self, queryset, name, value):
        circle = Offer.movement_circles.through.objects.filter(movementcircle=value).values("offer_id")
        spanned = Offer.neighbourhoods.through.objects.filter(neighbourhood__in=value.neighbourhoods.all())
        return queryset.filter(Q(pk__in=circle) | Q(pk__in=spanned.values("offer_id")))

    def in_area(self, queryset, name, value: str):
        """``value`` is an area code from ``AreaField``: "n<id>" (a neighbourhood) or "c<id>" (a circle)."""
        kind, pk = split_area_code(value)
        if kind == "n":
            return self.in_neighbourhood(queryset, name, pk)
        circle = MovementCircle.objects.get(pk=pk)
        return self.in_movement_circle(queryset, name, circle)

    def for_page(self):
        """Lists of areas in a city, one text box in a region (``fit_area_filters``)."""
        fit_area_filters(self.form, ("neighbourhood", "near", "movement_circle"))
        return self

    def for_age(self, queryset, name, value):
        return queryset.filter(age_min__lte=value, age_max__gte=value)


class PublicOfferFilter(OfferFilter):
    """The directory page: the public does not filter on status or a single organisation id."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.filters["status"]
        del self.filters["organisation"]


class CollaborationFilter(django_filters.FilterSet):
    neighbourhood = AreaFilter(
        queryset=Neighbourhood.objects.defer("geometry"), method="in_neighbourhood", label=_("Neighbourhood")
    )
    movement_circle = django_filters.ModelChoiceFilter(
        queryset=MovementCircle.objects.all(), field_name="movement_circles", label=_("Movement circle")
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), field_name="members__organisation", label=_("Organisation")
    )

    class Meta:
        model = Collaboration
        fields = []

    def in_neighbourhood(self, queryset, name, value):
        return queryset.filter(Q(neighbourhoods=value) | Q(movement_circles__neighbourhoods=value)).distinct()


class SharedSpaceFilter(django_filters.FilterSet):
    neighbourhood = django_filters.ModelChoiceFilter(
        queryset=Neighbourhood.objects.defer("geometry"), label=_("Neighbourhood"), empty_label=_("All neighbourhoods")
    )
    area = AreaTextFilter(
        method="in_area",
        label=_("Neighbourhood or movement circle"),
        help_text=AREA_TEXT_HELP,
    )

    class Meta:
        model = SharedSpace
        fields = []

    def in_area(self, queryset, name, value: str):
        """A space lies in one neighbourhood; a movement circle finds the spaces in any of its neighbourhoods."""
        kind, pk = split_area_code(value)
        if kind == "n":
            return queryset.filter(neighbourhood_id=pk)
        return queryset.filter(neighbourhood__movement_circles=pk).distinct()

    def for_page(self):
        """A list of neighbourhoods in a city, one text box in a region (``fit_area_filters``)."""
        fit_area_filters(self.form, ("neighbourhood",))
        return self
