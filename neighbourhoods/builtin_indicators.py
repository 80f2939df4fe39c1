"""Built-in indicators: values the portal computes itself instead of importing ("data, indications and signals").

Each function takes a data year and returns ``{neighbourhood_id: value}``. ``BUILTIN_SOURCES`` maps an
``Indicator.source_kind`` to its function; the priority score reads built-in indicators only through it.
"""

import datetime
from decimal import Decimal

from django.utils import timezone


def twelve_months_up_to(year: int) -> tuple[datetime.date, datetime.date]:
    """The 12 months that a data year stands for: the calendar year, or the last 12 months for the current year."""
    today = timezone.localdate()
    end = today if year >= today.year else datetime.date(year, 12, 31)
    return end - datetime.timedelta(days=365), end


def signals_reported_last_12_months(year: int) -> dict[int, Decimal]:
    """Signals reported per neighbourhood in the 12 months up to the data year.

    A neighbourhood without signals counts 0 (no signal is data too); see
    ``signals.selectors.signal_counts_by_neighbourhood`` for how areas and movement circles count.
    """
    from neighbourhoods.models import Neighbourhood
    from signals.selectors import signal_counts_by_neighbourhood

    start, end = twelve_months_up_to(year)
    counts = signal_counts_by_neighbourhood(start, end)
    return {pk: Decimal(counts.get(pk, 0)) for pk in Neighbourhood.objects.values_list("pk", flat=True)}


BUILTIN_SOURCES = {
    "builtin_signals": signals_reported_last_12_months,
}
