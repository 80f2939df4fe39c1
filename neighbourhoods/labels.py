"""Words for codes: function names, gap descriptions and map statuses, translatable."""

from django.utils.translation import gettext_lazy as _

from neighbourhoods.coverage import FUNCTION_ORDER, GAP_MISSING_FUNCTION

FUNCTION_LABELS = {
    "leisure": _("Leisure"),
    "welfare": _("Welfare"),
    "bridge": _("Bridge"),
    "signal": _("Signal"),
}

GAP_LABELS = {
    "not_integral": _("All four functions are present, but not together in one organisation or collaboration"),
    "no_warm_place": _("No warm place"),
    "no_base_offer": _("No base offer: the leisure function is missing"),
    "base_offer_too_short": _("No base offer: no leisure offer runs for the minimum number of weeks"),
}
MISSING_FUNCTION_LABELS = {
    "leisure": _("The leisure function is missing"),
    "welfare": _("The welfare function is missing"),
    "bridge": _("The bridge function is missing"),
    "signal": _("The signal function is missing"),
}

MEETS, GAPS, PRIORITY_GAPS = "meets", "gaps", "priority_gaps"
STATUS_LABELS = {
    MEETS: _("Meets the charter"),
    GAPS: _("Gaps"),
    PRIORITY_GAPS: _("Priority area with gaps"),
}
STATUS_COLOURS = {MEETS: "#1b7f3b", GAPS: "#f2c14e", PRIORITY_GAPS: "#b3261e", None: "#d0d4d9"}

AREA_TYPE_LABELS = {"neighbourhood": _("Neighbourhood"), "movement_circle": _("Movement circle")}
AREA_KIND_SLUGS = {"neighbourhood": "wijk", "movement_circle": "beweegcirkel"}
AREA_TYPES_BY_SLUG = {slug: area_type for area_type, slug in AREA_KIND_SLUGS.items()}


def gap_label(code: str) -> str:
    if code.startswith(GAP_MISSING_FUNCTION):
        return MISSING_FUNCTION_LABELS.get(code.removeprefix(GAP_MISSING_FUNCTION), code)
    return GAP_LABELS.get(code, code)


def status_of(result) -> str:
    if result.meets_charter:
        return MEETS
    return PRIORITY_GAPS if result.is_priority else GAPS


__all__ = ["FUNCTION_ORDER"]
