from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from signals import deadlines, services
from signals.models import Status

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def test_it_skips_weekends_and_belgian_public_holidays():
    # Thursday 2 April 2026; Easter Monday is 6 April 2026.
    assert deadlines.add_working_days(date(2026, 4, 2), 5) == date(2026, 4, 10)
    # Without the holiday the same span of a weekend ends on Thursday.
    assert deadlines.add_working_days(date(2026, 3, 26), 5) == date(2026, 4, 2)


def test_it_counts_a_holiday_on_a_weekday_like_a_weekend_day():
    assert not deadlines.is_working_day(date(2026, 5, 1))  # Labour Day, a Friday
    assert not deadlines.is_working_day(date(2026, 12, 26))  # Saturday
    assert deadlines.is_working_day(date(2026, 12, 28))


def test_it_sets_the_acknowledge_deadline_across_a_weekend_and_a_holiday(make_signal):
    with time_machine.travel(datetime(2026, 4, 2, 16, 0, tzinfo=BRUSSELS), tick=False):
        signal = make_signal()
        assert signal.acknowledge_due_on == date(2026, 4, 10)
        assert signal.due_on == date(2026, 4, 10)
        assert not signal.is_overdue
    with time_machine.travel(datetime(2026, 4, 10, 23, 0, tzinfo=BRUSSELS), tick=False):
        assert not signal.is_overdue
    with time_machine.travel(datetime(2026, 4, 11, 9, 0, tzinfo=BRUSSELS), tick=False):
        assert signal.is_overdue


def test_it_gives_thirty_days_to_answer_from_acknowledgement(make_signal, service_b, service_b_staff):
    with time_machine.travel(datetime(2026, 4, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        signal = make_signal()
    with time_machine.travel(datetime(2026, 4, 7, 10, 0, tzinfo=BRUSSELS), tick=False):
        signal = services.signal_acknowledge(signal=signal, by=service_b_staff, responsible_service=service_b)
        assert signal.acknowledged_on_time is True
        assert signal.answer_due_on == date(2026, 5, 7)
        assert signal.due_on == date(2026, 5, 7)
    with time_machine.travel(datetime(2026, 5, 8, 10, 0, tzinfo=BRUSSELS), tick=False):
        assert signal.is_overdue
        signal = services.signal_start(signal=signal, by=service_b_staff)
        signal = services.signal_answer(signal=signal, by=service_b_staff, outcome="action_taken", answer="Done.")
        assert signal.answered_on_time is False
        assert signal.due_on is None
        assert not signal.is_overdue
        assert signal.status == Status.ANSWERED


@pytest.mark.parametrize(("working_days", "expected"), [(1, date(2026, 4, 3)), (2, date(2026, 4, 7))])
def test_it_reads_the_deadlines_from_settings(settings, working_days, expected):
    settings.SIGNAL_ACKNOWLEDGE_WORKING_DAYS = working_days
    settings.SIGNAL_ANSWER_DAYS = 10
    assert deadlines.acknowledge_due(date(2026, 4, 2)) == expected
    assert deadlines.answer_due(date(2026, 4, 2)) == date(2026, 4, 12)
