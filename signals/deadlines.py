"""Signal deadlines: working days without weekends and Belgian public holidays (pure computation)."""

from datetime import date, timedelta
from functools import cache

import holidays
from django.conf import settings


@cache
def _belgian_holidays(year: int):
    return holidays.Belgium(years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _belgian_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself never counts)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def acknowledge_due(submitted_on: date) -> date:
    """Acknowledge within SIGNAL_ACKNOWLEDGE_WORKING_DAYS working days of the day of reporting."""
    return add_working_days(submitted_on, settings.SIGNAL_ACKNOWLEDGE_WORKING_DAYS)


def answer_due(from_day: date) -> date:
    """Answer within SIGNAL_ANSWER_DAYS calendar days, counted from the day of reporting (or of a reopening).

    A late acknowledgement does not move it: the partner's wait is counted from their side."""
    return from_day + timedelta(days=settings.SIGNAL_ANSWER_DAYS)


def is_overdue(due_on: date | None, today: date) -> bool:
    return due_on is not None and today > due_on


def days_left(due_on: date | None, today: date) -> int | None:
    return None if due_on is None else (due_on - today).days
