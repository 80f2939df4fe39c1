"""Signal events: each step of a signal is news for the reporting organisation's members, an endorsement for the
reporter and the responsible body, an answer for the endorsers; never for the one who acted or an outsider."""

import pytest
from django.core import mail

from notifications.models import Notification, Preference
from signals import services
from tests import factories
from tests.signals.conftest import report

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(db):
    return factories.city_service(name="Dienst Welzijn")


@pytest.fixture
def body_staff(body):
    return factories.member(body, full_name="Wim Welzijn")


def got(kind) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_every_step_reaches_the_reporting_organisation(
    partner_org, partner_member, partner_admin, other_admin, body, body_staff, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=partner_admin, category="signals", frequency="immediate")
    signal = report(partner_member, partner_org)
    with django_capture_on_commit_callbacks(execute=True):
        signal = services.signal_acknowledge(signal=signal, by=body_staff, responsible_body=body)
    assert got("signals.acknowledged") == {partner_member.email, partner_admin.email}
    # of the reporting organisation only the admin who chose "immediately" gets a mail (the body's staff member
    # acknowledged it himself, so he hears nothing of it)
    assert [m.to for m in mail.outbox] == [[partner_admin.email]]
    signal = services.signal_start(signal=signal, by=body_staff)
    signal = services.signal_answer(
        signal=signal, by=body_staff, outcome="action_taken", answer="De lampen branden weer."
    )
    assert got("signals.started") == got("signals.answered") == {partner_member.email, partner_admin.email}
    services.signal_close(signal=signal, by=partner_member)
    assert got("signals.closed") == {partner_admin.email}  # not the one who closed it
    assert not Notification.objects.filter(recipient=other_admin).exists()
    title = Notification.objects.get(kind="signals.acknowledged", recipient=partner_member).title
    assert "Wim Welzijn (Dienst Welzijn)" in title and body_staff.email not in title


def test_an_endorsement_and_the_answer_reach_the_right_organisations(
    partner_org, partner_member, other_org, other_admin, body, body_staff
):
    other_member = factories.member(other_org)
    signal = report(partner_member, partner_org)
    signal = services.signal_acknowledge(signal=signal, by=body_staff, responsible_body=body)
    services.signal_endorse(signal=signal, by=other_admin, organisation=other_org, observation="Ook bij ons.")
    assert got("signals.endorsed") == {partner_member.email, body_staff.email}
    assert other_org.name in Notification.objects.filter(kind="signals.endorsed").first().title
    signal = services.signal_start(signal=signal, by=body_staff)
    services.signal_answer(signal=signal, by=body_staff, outcome="action_taken", answer="De lampen branden weer.")
    assert got("signals.endorsed_answered") == {other_admin.email, other_member.email}
    assert body_staff.email not in got("signals.answered")
