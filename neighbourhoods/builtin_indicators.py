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

    HOOK: connect to the signals app here, e.g.
    ``signals.selectors.count_reported_per_neighbourhood(start=start, end=end)``. Until then it returns
    no values, and an indicator with this source simply has no data (the score leaves it out).
    """
    start, end = twelve_months_up_to(year)
    return {}


BUILTIN_SOURCES = {
    "builtin_signals": signals_reported_last_12_months,
}
