from django import template
from django.utils.translation import gettext_lazy as _

from diversity import presentation

register = template.Library()

_REASONS = {"filed": _("filed"), "corrected": _("corrected"), "archived": _("archived")}


@register.filter
def figure(value) -> str:
    """A figure as pages show it: "fewer than 5" for a suppressed one, a dash where nothing is published."""
    return presentation.display(value)


@register.filter
def index(sequence, position):
    try:
        return sequence[position]
    except (IndexError, KeyError, TypeError):
        return None


@register.filter
def reference(shares: dict, key: str):
    """The reference share of a chart key (``staff_gender_women`` reads ``gender_women``)."""
    return shares.get(key.split("_", 1)[1])


@register.filter
def change_reason(reason) -> str:
    return str(_REASONS.get(reason or "", reason or "–"))
