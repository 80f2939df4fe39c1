"""What signals add to the priority of areas: a built-in indicator (``neighbourhoods.builtin_indicators``)."""

from decimal import Decimal

from neighbourhoods.builtin_indicators import twelve_months_up_to
from neighbourhoods.models import Neighbourhood
from signals.models import SignalSettings
from signals.selectors import signal_weights_by_neighbourhood


def signals_reported_last_12_months(year: int) -> dict[int, Decimal]:
    """Open and recent signals per neighbourhood for the data year, weighted by their endorsements.

    Recent: reported in the 12 months up to the data year; open: reported before its end and not closed. Each
    signal weighs 1 plus the endorsement weight city admins set (``SignalSettings``) per endorsement; when the
    city chose a theme, only signals with that theme count. A neighbourhood without signals counts 0 (no signal
    is data too); see ``signals.selectors.signal_weights_by_neighbourhood`` for how areas and movement circles
    count.
    """
    start, end = twelve_months_up_to(year)
    chosen = SignalSettings.load()
    weights = signal_weights_by_neighbourhood(
        start, end, theme=chosen.indicator_theme, endorsement_weight=chosen.indicator_endorsement_weight
    )
    return {pk: Decimal(weights.get(pk, 0)) for pk in Neighbourhood.objects.values_list("pk", flat=True)}


def explanation() -> str:
    """The rule in a sentence, for the settings page and the priority score's explanation."""
    from django.utils.translation import gettext as _

    chosen = SignalSettings.load()
    theme = chosen.get_indicator_theme_display() if chosen.indicator_theme else _("every theme")
    return _(
        "Open signals and signals of the last 12 months per neighbourhood (%(theme)s); each signal counts 1 plus "
        "%(weight)s for each endorsement."
    ) % {"theme": theme, "weight": chosen.indicator_endorsement_weight}
