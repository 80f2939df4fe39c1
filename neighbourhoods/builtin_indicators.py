"""Built-in indicators: values the portal computes itself instead of importing ("data, indications and signals").

Each function takes a data year and returns ``{neighbourhood_id: value}``. ``BUILTIN_SOURCES`` maps an
``Indicator.source_kind`` to its function; the priority score reads built-in indicators only through it.
"""

import datetime

from django.utils import timezone


def twelve_months_up_to(year: int) -> tuple[datetime.date, datetime.date]:
    """The 12 months that a data year stands for: the calendar year, or the last 12 months for the current year."""
    today = timezone.localdate()
    end = today if year >= today.year else datetime.date(year, 12, 31)
    return end - datetime.timedelta(days=365), end


# Filled at start-up by the apps whose data makes a built-in indicator (``register_builtin_source`` in their
# ``AppConfig.ready``; the signals app adds "builtin_signals").
BUILTIN_SOURCES: dict[str, object] = {}


# Built-in sources whose values count people (young people who raised a theme): the priority page shows a value
# below 5 as "fewer than 5" (R12).
COUNTS_PEOPLE: set[str] = set()


def register_builtin_source(source_kind: str, values_for_year, *, counts_people: bool = False) -> None:
    """``values_for_year(year)`` returns ``{neighbourhood_id: Decimal}`` for the indicator of ``source_kind``."""
    BUILTIN_SOURCES[source_kind] = values_for_year
    if counts_people:
        COUNTS_PEOPLE.add(source_kind)
