from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from signals import deadlines, services
from signals.models import Signal, Status

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


def test_it_gives_thirty_days_to_answer_from_submission(make_signal, service_b, service_b_staff):
    with time_machine.travel(datetime(2026, 4, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        signal = make_signal()
        assert signal.answer_due_on == date(2026, 5, 2)
    with time_machine.travel(datetime(2026, 4, 7, 10, 0, tzinfo=BRUSSELS), tick=False):
        signal = services.signal_acknowledge(signal=signal, by=service_b_staff, responsible_body=service_b)
        assert signal.acknowledged_on_time is True
        assert signal.answer_due_on == date(2026, 5, 2)
        assert signal.due_on == date(2026, 5, 2)
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


def test_it_leaves_the_answer_deadline_where_it_was_after_a_late_acknowledgement(
    make_signal, service_b, service_b_staff
):
    """Reported 2 April, acknowledged 24 April (long after the 5 working days): the answer is still due 2 May."""
    with time_machine.travel(datetime(2026, 4, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        signal = make_signal()
    with time_machine.travel(datetime(2026, 4, 24, 10, 0, tzinfo=BRUSSELS), tick=False):
        signal = services.signal_acknowledge(signal=signal, by=service_b_staff, responsible_body=service_b)
    assert signal.acknowledged_on_time is False
    assert signal.answer_due_on == date(2026, 5, 2)
    assert signal.due_on == date(2026, 5, 2)


def test_it_keeps_the_recorded_answer_deadline_of_an_existing_signal(make_signal, service_b, service_b_staff):
    with time_machine.travel(datetime(2026, 4, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        signal = make_signal()
    Signal.objects.filter(pk=signal.pk).update(answer_due_on=date(2026, 5, 20))  # recorded under the old rule
    with time_machine.travel(datetime(2026, 4, 7, 10, 0, tzinfo=BRUSSELS), tick=False):
        signal = services.signal_acknowledge(signal=signal, by=service_b_staff, responsible_body=service_b)
    assert signal.answer_due_on == date(2026, 5, 20)


def test_it_gives_thirty_days_from_a_reopening(make_signal, partner_member):
    with time_machine.travel(datetime(2026, 4, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        signal = make_signal(Status.ANSWERED)
    with time_machine.travel(datetime(2026, 4, 20, 10, 0, tzinfo=BRUSSELS), tick=False):
        signal = services.signal_reopen(signal=signal, by=partner_member, reason="Still dark.")
    assert signal.answer_due_on == date(2026, 5, 20)
