"""Covenant events reach the right people, once each, never the one who acted, never another organisation."""

from datetime import date, timedelta

import pytest
from django.core import mail

from charter_portal.permissions import actor_for
from covenants import services
from covenants.models import Side
from notifications.models import Notification
from notifications.todo import todo_for
from tests import factories
from tests.covenants.conftest import agree, fill_draft, make_covenant

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(city_org, partner_org, other_org, city_staff, partner_admin, partner_member, other_admin):
    return {
        "city_staff": city_staff,
        "city_colleague": factories.member(city_org),
        "partner_admin": partner_admin,
        "partner_member": partner_member,
        "other_admin": other_admin,
    }


def covenant_todos(user) -> list:
    """The person's covenant decisions waiting (reports to write come and go with the calendar)."""
    return [item.kind for item in todo_for(actor_for(user)) if item.kind == "covenants.approve_version"]


def got(kind) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def emails(*users) -> set:
    return {user.email for user in users}


def test_a_submitted_version_asks_the_other_sides_deciders(
    city_org, partner_org, people, django_capture_on_commit_callbacks
):
    covenant = make_covenant(city_org, partner_org, by=people["city_staff"])
    fill_draft(covenant.versions.get(number=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.version_submit(terms=covenant.versions.get(number=1), by=people["city_staff"], side=Side.CITY)
    assert got("covenants.version_submitted") == emails(people["partner_admin"])
    assert [m.to for m in mail.outbox] == [[people["partner_admin"].email]]  # action needed: at once, once
    assert covenant_todos(people["partner_admin"]) == ["covenants.approve_version"]
    assert covenant_todos(people["city_staff"]) == ["covenants.approve_version"]
    assert covenant_todos(people["other_admin"]) == []


def test_approvals_and_agreement_are_news_for_both_sides(city_org, partner_org, people):
    covenant = make_covenant(city_org, partner_org, by=people["city_staff"])
    fill_draft(covenant.versions.get(number=1))
    agree(covenant, people["city_staff"], people["partner_admin"])
    # the city approved first: the partner's admins are asked, the rest of both sides hear of it
    assert got("covenants.version_waiting") == emails(people["partner_admin"])
    assert got("covenants.version_approved") == emails(people["city_colleague"], people["partner_member"])
    assert got("covenants.version_agreed") == emails(
        people["city_staff"], people["city_colleague"], people["partner_member"]
    )
    assert covenant_todos(people["partner_admin"]) == []


def test_reports_go_to_the_city_for_review_and_back_to_the_partner(
    city_org, partner_org, people, django_capture_on_commit_callbacks
):
    covenant = make_covenant(city_org, partner_org, by=people["city_staff"])
    fill_draft(covenant.versions.get(number=1))
    agree(covenant, people["city_staff"], people["partner_admin"])
    period = covenant.periods.get(starts_on=date(2026, 1, 1))
    report = services.report_start(period=period, by=people["partner_member"])
    values = {
        v.indicator_id: (118 if v.indicator.is_quantitative else None, "Veel nieuwe gezichten.")
        for v in report.values.select_related("indicator")
    }
    services.report_save(report=report, expected_version=None, values=values)
    services.report_submit(report=report, by=people["partner_member"])
    assert got("covenants.report_submitted") == emails(people["city_staff"], people["city_colleague"])
    assert "covenants.review_report" in [i.kind for i in todo_for(actor_for(people["city_colleague"]))]
    services.report_review(report=report, by=people["city_staff"], accept=False, comment="Voeg de cijfers toe.")
    assert got("covenants.report_sent_back") == emails(people["partner_admin"])
    assert "covenants.revise_report" in [i.kind for i in todo_for(actor_for(people["partner_member"]))]
    report.refresh_from_db()
    services.report_submit(report=report, by=people["partner_member"])
    services.report_review(report=report, by=people["city_staff"], accept=True)
    assert got("covenants.report_accepted") == emails(people["partner_admin"], people["partner_member"])
    assert "other@" not in " ".join(Notification.objects.values_list("recipient__email", flat=True))
    assert not Notification.objects.filter(recipient=people["other_admin"]).exists()


def test_comments_and_meetings_reach_both_sides_but_not_the_writer(city_org, partner_org, people):
    covenant = make_covenant(city_org, partner_org, by=people["city_staff"])
    services.comment_add(
        covenant=covenant, by=people["partner_member"], side=Side.PARTNER, body="Wanneer zien we elkaar?"
    )
    assert got("covenants.comment") == emails(people["city_staff"], people["city_colleague"], people["partner_admin"])
    notification = Notification.objects.get(kind="covenants.comment", recipient=people["city_staff"])
    assert partner_org.name in notification.title and people["partner_member"].email not in notification.title
    services.meeting_record(
        covenant=covenant,
        by=people["city_staff"],
        held_on=date(2026, 3, 1),
        participants=[],
        notes="Afspraken.",
        actions=[],
    )
    assert got("covenants.meeting") == emails(
        people["city_colleague"], people["partner_admin"], people["partner_member"]
    )


def test_a_report_shows_from_a_month_before_its_period_ends(city_org, partner_org, people, time_machine):
    covenant = make_covenant(city_org, partner_org, by=people["city_staff"])
    fill_draft(covenant.versions.get(number=1))
    agree(covenant, people["city_staff"], people["partner_admin"])
    period = covenant.periods.order_by("ends_on").first()

    def write_items():
        return [
            item
            for item in todo_for(actor_for(people["partner_member"]))
            if item.kind == "covenants.write_report" and item.object_id == period.pk
        ]

    time_machine.move_to(period.ends_on - timedelta(days=40))
    assert write_items() == []
    time_machine.move_to(period.ends_on - timedelta(days=10))
    (item,) = write_items()
    assert item.due_on == period.ends_on + timedelta(days=31) and not item.is_overdue
    time_machine.move_to(period.ends_on + timedelta(days=40))
    assert write_items()[0].is_overdue
    assert write_items() and not [i for i in todo_for(actor_for(people["other_admin"])) if i.object_id == period.pk]
