"""What signals add to the priority of areas: a built-in indicator (``neighbourhoods.builtin_indicators``)."""

from decimal import Decimal

from neighbourhoods.builtin_indicators import twelve_months_up_to
from neighbourhoods.models import Neighbourhood
from signals.selectors import signal_counts_by_neighbourhood


def signals_reported_last_12_months(year: int) -> dict[int, Decimal]:
    """Signals reported per neighbourhood in the 12 months up to the data year.

    A neighbourhood without signals counts 0 (no signal is data too); see
    ``signals.selectors.signal_counts_by_neighbourhood`` for how areas and movement circles count.
    """
    start, end = twelve_months_up_to(year)
    counts = signal_counts_by_neighbourhood(start, end)
    return {pk: Decimal(counts.get(pk, 0)) for pk in Neighbourhood.objects.values_list("pk", flat=True)}
