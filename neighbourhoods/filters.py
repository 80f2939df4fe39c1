"""Area filters of the list pages (offers, spaces, signals): a list of neighbourhoods and movement circles to
choose from in a city, a text box for a number or a name in a region."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from neighbourhoods.models import MovementCircle, Neighbourhood

# Up to this many neighbourhoods, area filters are a list to choose from; beyond it (a region has about
# 20,000), a list would weigh megabytes and be of no use: people type a number or a name instead.
AREA_LIST_LIMIT = 300


def neighbourhood_choices() -> list[tuple[str, str]] | None:
    """("n<id>", "<number>. <name>") for every neighbourhood, or None when there are more than
    ``AREA_LIST_LIMIT`` (one query either way)."""
    rows = list(Neighbourhood.objects.order_by("number").values_list("pk", "number", "name")[: AREA_LIST_LIMIT + 1])
    if len(rows) > AREA_LIST_LIMIT:
        return None
    return [(f"n{pk}", f"{number}. {name}") for pk, number, name in rows]


class AreaField(forms.CharField):
    """A neighbourhood or a movement circle, cleaned to its code: "n<id>" or "c<id>" (or "" when empty).

    Accepts the code itself (what a list of areas and the API send), a neighbourhood's number, or the
    name of a neighbourhood or a movement circle (upper or lower case), so it works as a text box too.
    """

    default_error_messages = {
        "unknown": _("No neighbourhood or movement circle is called or numbered “%(value)s”."),
    }

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return ""
        kind, rest = value[:1], value[1:]
        if kind in ("n", "c") and rest.isdigit():
            model = Neighbourhood if kind == "n" else MovementCircle
            if model.objects.filter(pk=int(rest)).exists():
                return value
        elif value.isdigit():
            pk = Neighbourhood.objects.filter(number=int(value)).values_list("pk", flat=True).first()
            if pk is not None:
                return f"n{pk}"
        else:
            pk = Neighbourhood.objects.filter(name__iexact=value).values_list("pk", flat=True).first()
            if pk is not None:
                return f"n{pk}"
            pk = MovementCircle.objects.filter(name__iexact=value).values_list("pk", flat=True).first()
            if pk is not None:
                return f"c{pk}"
        raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"value": value})


def area_text_input() -> forms.TextInput:
    return forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})


AREA_TEXT_HELP = _("The number or name of a neighbourhood, or the name of a movement circle.")


@extend_schema_field(OpenApiTypes.STR)
class AreaTextFilter(django_filters.Filter):
    """Filters on an ``AreaField`` value ("n<id>" or "c<id>"); the filter's method receives the code."""

    field_class = AreaField


def split_area_code(code: str) -> tuple[str, int]:
    """An ``AreaField`` value as ("n" or "c", id)."""
    return code[0], int(code[1:])


def neighbourhood_count_is_long() -> bool:
    """More neighbourhoods than a list should hold (one query)."""
    return Neighbourhood.objects.all()[AREA_LIST_LIMIT : AREA_LIST_LIMIT + 1].exists()


def fit_area_filters(form, list_fields: tuple[str, ...], text_field: str = "area") -> None:
    """Fit a filter form's areas to a page: the lists in ``list_fields`` to choose from in a city; in a
    region (thousands of areas), one text box for a number or a name, the lists kept as hidden values
    so that links to them still work."""
    fields = form.fields
    if neighbourhood_count_is_long():
        for name in list_fields:
            if name in fields:
                fields[name].widget = forms.HiddenInput()
        fields[text_field].widget = area_text_input()
    else:
        fields[text_field].widget = forms.HiddenInput()
