from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase

from signals import services
from signals.models import ReminderSent
from tests import factories

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(year, month, day, hour=8):
    return time_machine.travel(datetime(year, month, day, hour, tzinfo=BRUSSELS), tick=False)


def run():
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):  # the command's transactions commit, the mail leaves
        call_command("send_signal_reminders", stdout=out)
    return out.getvalue()


@pytest.fixture
def acknowledged(make_signal, service_b, service_b_staff):
    # Reported Thursday 2 April 2026; acknowledged Tuesday 7 April: answer by Saturday 2 May (from submission).
    with at(2026, 4, 2):
        signal = make_signal()
    with at(2026, 4, 7):
        signal = services.signal_acknowledge(signal=signal, by=service_b_staff, responsible_body=service_b)
    mail.outbox.clear()
    return signal


def test_it_reminds_the_responsible_body_once_before_and_once_after_the_deadline(acknowledged, service_b_staff):
    with at(2026, 4, 29):
        assert "0 reminder(s) sent" in run()
    with at(2026, 4, 30):
        assert "1 reminder(s) sent" in run()
    assert [m.to for m in mail.outbox] == [[service_b_staff.email]]
    assert "2 May 2026" in mail.outbox[0].body or "2 mei 2026" in mail.outbox[0].body
    with at(2026, 5, 1):
        assert "0 reminder(s) sent" in run()
    with at(2026, 5, 3):
        assert "1 reminder(s) sent" in run()
    with at(2026, 5, 20):
        assert "0 reminder(s) sent" in run()
    assert len(mail.outbox) == 2
    records = list(ReminderSent.objects.order_by("sent_at").values_list("deadline", "stage", "recipients"))
    assert records == [("answer", "before", service_b_staff.email), ("answer", "overdue", service_b_staff.email)]


def test_it_reminds_again_for_a_new_deadline_after_a_reopening(acknowledged, service_b_staff, partner_member):
    with at(2026, 5, 8):
        run()
        signal = services.signal_start(signal=acknowledged, by=service_b_staff)
        signal = services.signal_answer(signal=signal, by=service_b_staff, outcome="action_planned", answer="Soon.")
    with at(2026, 5, 10):
        signal = services.signal_reopen(signal=signal, by=partner_member, reason="Nothing happened.")
    mail.outbox.clear()
    with at(2026, 6, 8):
        assert "1 reminder(s) sent" in run()
        assert "0 reminder(s) sent" in run()
    assert ReminderSent.objects.filter(signal=signal, due_on=signal.due_on, stage="before").count() == 1


def test_it_reminds_city_admins_about_a_signal_nobody_acknowledged(make_signal, city_admin, city_staff):
    with at(2026, 4, 2):
        make_signal()
    mail.outbox.clear()
    with at(2026, 4, 13):
        run()
        run()
    assert [m.to for m in mail.outbox] == [[city_admin.email]]
    assert ReminderSent.objects.get().deadline == "acknowledge"


def test_it_writes_reminders_in_the_recipients_language(acknowledged, service_b):
    english = factories.member(service_b, email="english@stad.example", preferred_language="en")
    with at(2026, 5, 8):
        run()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address[english.email].subject.startswith("Overdue signal")
    assert "That deadline has passed" in by_address[english.email].body


def test_it_sends_nothing_for_answered_or_closed_signals(make_signal):
    from signals.models import Status

    with at(2026, 4, 2):
        make_signal(Status.ANSWERED)
        make_signal(Status.CLOSED)
    mail.outbox.clear()
    with at(2026, 6, 1):
        assert "0 reminder(s) sent" in run()
    assert mail.outbox == []
