"""Signals followed through (issue 19): follow-up actions and the closing rule, the reporter's confirmation,
public bodies as responsible bodies, routing, reassignment, internal notes and comments."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from charter_portal.errors import StepNotAllowed
from notifications.models import Notification
from signals import services
from signals.models import Confirmation, RoutingRule, Signal, SignalAction, Status, TimelineEntry
from tests import factories

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def at(year, month, day, hour=10):
    return time_machine.travel(datetime(year, month, day, hour, tzinfo=BRUSSELS), tick=False)


@pytest.fixture
def police(db):
    return factories.organisation(name="Politiezone Gent", kind="public_body")


@pytest.fixture
def police_staff(police):
    return factories.member(police, email="agent@politie.example", full_name="Paula Politie")


def planned(make_signal, service_b_staff, service_b, **action):
    """A signal answered with "action planned" that carries one action of service_b."""
    signal = make_signal(Status.IN_PROGRESS)
    item = services.action_add(
        signal=signal,
        by=service_b_staff,
        description=action.get("description", "Replace the lamps"),
        responsible_body=action.get("body", service_b),
        due_on=action.get("due_on", date.today() + timedelta(days=20)),
    )
    signal = services.signal_answer(signal=signal, by=service_b_staff, outcome="action_planned", answer="We will.")
    return signal, item


def test_a_planned_action_keeps_the_signal_open_until_done_or_dropped(
    make_signal, service_b_staff, service_b, partner_member
):
    signal, item = planned(make_signal, service_b_staff, service_b)
    assert signal.status == Status.ANSWERED and not signal.awaits_confirmation
    with pytest.raises(StepNotAllowed, match="not done or dropped"):
        services.signal_close(signal=signal, by=partner_member)
    with pytest.raises(StepNotAllowed):
        services.signal_confirm(signal=signal, by=partner_member, resolved=True)
    item = services.action_update(action=item, by=service_b_staff, progress=60)
    assert item.status == SignalAction.State.IN_PROGRESS
    with pytest.raises(StepNotAllowed):
        services.signal_close(signal=signal, by=service_b_staff)
    services.action_update(action=item, by=service_b_staff, status="done", expected_version=item.version)
    signal.refresh_from_db()
    assert signal.awaits_confirmation
    signal = services.signal_confirm(signal=signal, by=partner_member, resolved=True)
    assert signal.status == Status.CLOSED and signal.confirmation == Confirmation.RESOLVED
    kinds = list(signal.timeline.values_list("kind", flat=True))
    assert kinds.count("action") == 3 and kinds[-2:] == ["confirmation_asked", "confirmed"]


def test_a_dropped_action_needs_a_reason_and_then_lets_the_signal_close(
    make_signal, service_b_staff, service_b, partner_member
):
    signal, item = planned(make_signal, service_b_staff, service_b)
    with pytest.raises(ValidationError, match="why the action is dropped"):
        services.action_update(action=item, by=service_b_staff, status="dropped")
    services.action_update(action=item, by=service_b_staff, status="dropped", note="The park is rebuilt next year.")
    signal = services.signal_close(signal=Signal.objects.get(pk=signal.pk), by=partner_member)
    assert signal.status == Status.CLOSED


def test_only_the_responsible_bodies_plan_and_update_actions(
    make_signal, service_b_staff, service_b, partner_member, city_staff, police, police_staff
):
    signal = make_signal(Status.IN_PROGRESS)
    for user in (partner_member, city_staff):
        with pytest.raises(PermissionDenied):
            services.action_add(
                signal=signal, by=user, description="x", responsible_body=service_b, due_on=date.today()
            )
    item = services.action_add(
        signal=signal, by=service_b_staff, description="Patrol", responsible_body=police, due_on=date.today()
    )
    # The body that carries the action reports on it; others may not.
    services.action_update(action=item, by=police_staff, progress=50)
    with pytest.raises(PermissionDenied):
        services.action_update(action=item, by=partner_member, progress=80)
    assert SignalAction.objects.get().progress == 50


def test_overdue_actions_are_on_the_to_do_list_of_their_body(make_signal, service_b_staff, service_b, police):
    from charter_portal.permissions import actor_for
    from notifications.todo import todo_for

    staff = factories.member(police, full_name="Pieter")
    signal = make_signal(Status.IN_PROGRESS)
    services.action_add(
        signal=signal,
        by=service_b_staff,
        description="Patrol",
        responsible_body=police,
        due_on=date.today() - timedelta(days=1),
    )
    items = [i for i in todo_for(actor_for(staff)) if i.kind == "signals.action"]
    assert len(items) == 1 and items[0].is_overdue


def test_not_resolved_reopens_with_a_reason_and_a_new_deadline(make_signal, partner_member):
    with at(2026, 4, 2):
        signal = make_signal(Status.ANSWERED)
    assert signal.awaits_confirmation
    with at(2026, 4, 20):
        with pytest.raises(ValidationError):
            services.signal_confirm(signal=signal, by=partner_member, resolved=False)
        signal = services.signal_confirm(
            signal=signal, by=partner_member, resolved=False, reason="Still dark at night."
        )
    assert signal.status == Status.IN_PROGRESS and signal.answer_due_on == date(2026, 5, 20)
    assert signal.timeline.last().text == "Still dark at night."


def test_without_an_answer_in_thirty_days_it_closes_as_not_confirmed(make_signal):
    with at(2026, 4, 2):
        signal = make_signal(Status.ANSWERED)
    with at(2026, 5, 2):
        assert services.signal_close_unconfirmed() == []
    with at(2026, 5, 3):
        assert [s.pk for s in services.signal_close_unconfirmed()] == [signal.pk]
    signal.refresh_from_db()
    assert signal.status == Status.CLOSED and signal.confirmation == Confirmation.NOT_CONFIRMED


def test_public_body_staff_act_on_their_own_bodys_signals(make_signal, city_staff, police, police_staff):
    signal = make_signal()
    signal = services.signal_acknowledge(signal=signal, by=city_staff, responsible_body=police)
    signal = services.signal_start(signal=signal, by=police_staff)
    signal = services.signal_answer(signal=signal, by=police_staff, outcome="action_taken", answer="Patrols added.")
    assert signal.status == Status.ANSWERED
    assert signal.timeline.get(kind="answered").author_organisation == police


def test_a_body_without_members_cannot_be_made_responsible(make_signal, city_staff):
    empty = factories.organisation(name="School zonder leden", kind="public_body")
    with pytest.raises(ValidationError):
        services.signal_acknowledge(signal=make_signal(), by=city_staff, responsible_body=empty)
    partner = factories.organisation(name="Vzw", kind="civil_society")
    factories.member(partner)
    with pytest.raises(ValidationError):
        services.signal_acknowledge(signal=make_signal(), by=city_staff, responsible_body=partner)


def test_routing_puts_a_new_signal_in_the_bodys_inbox_and_tells_it(
    make_signal, police, police_staff, client, city_admin
):
    services.routing_save(by=city_admin, choices={"police_justice": police})
    signal = make_signal(themes=["police_justice", "welfare"])
    assert signal.status == Status.SUBMITTED and signal.responsible_body == police
    assert Notification.objects.filter(recipient=police_staff, kind="signals.assigned").exists()
    client.force_login(police_staff)
    assert signal.title in client.get("/signalen/inbox/").content.decode()
    # The body acknowledges it itself.
    services.signal_acknowledge(signal=signal, by=police_staff, responsible_body=police)


def test_only_city_admins_edit_routing(city_staff, staff_client, city_admin_client, police, police_staff):
    with pytest.raises(PermissionDenied):
        services.routing_save(by=city_staff, choices={"welfare": police})
    assert staff_client.get("/signalen/routering/").status_code == 200
    assert staff_client.post("/signalen/routering/", {"welfare": police.pk}).status_code == 403
    response = city_admin_client.post("/signalen/routering/", {"welfare": police.pk})
    assert response.status_code == 302
    assert RoutingRule.objects.get().body == police
    response = city_admin_client.post("/signalen/routering/", {"welfare": 999999})
    assert response.status_code == 200 and RoutingRule.objects.get().body == police


def test_reassigning_moves_the_inbox_and_notifies_both(
    make_signal, service_b, service_b_staff, police, police_staff, client
):
    signal = make_signal(Status.IN_PROGRESS)
    other = factories.member(service_b, full_name="Collega")
    with pytest.raises(ValidationError):
        services.signal_reassign(signal=signal, by=service_b_staff, responsible_body=police, reason="")
    signal = services.signal_reassign(
        signal=signal, by=service_b_staff, responsible_body=police, reason="A matter of public order."
    )
    assert signal.responsible_body == police
    entry = signal.timeline.last()
    assert entry.kind == TimelineEntry.Kind.REASSIGNED and "public order" in entry.text
    assert Notification.objects.filter(recipient=police_staff, kind="signals.reassigned").exists()
    assert Notification.objects.filter(recipient=other, kind="signals.reassigned").exists()
    client.force_login(police_staff)
    assert signal.title in client.get("/signalen/inbox/").content.decode()
    # The old body no longer acts on it; the new one does.
    with pytest.raises(PermissionDenied):
        services.signal_answer(signal=signal, by=service_b_staff, outcome="referred", answer="x")
    services.signal_answer(signal=signal, by=police_staff, outcome="action_taken", answer="Done.")


def test_internal_notes_are_for_city_staff_and_the_responsible_body(
    make_signal, city_staff, police, police_staff, other_client, client
):
    signal = services.signal_acknowledge(signal=make_signal(), by=city_staff, responsible_body=police)
    services.signal_add_note(signal=signal, by=police_staff, text="Budget talk.", is_internal=True)
    client.force_login(police_staff)
    assert "Budget talk." in client.get(f"/signalen/{signal.pk}/").content.decode()
    assert "Budget talk." not in other_client.get(f"/signalen/{signal.pk}/").content.decode()


def test_the_reporter_endorsers_and_body_comment_without_reopening(
    make_signal, partner_member, other_admin, service_b_staff, city_staff
):
    signal = make_signal(Status.ANSWERED)
    services.signal_endorse(signal=signal, by=other_admin)
    for user in (partner_member, other_admin, service_b_staff):
        services.signal_comment(signal=signal, by=user, text=f"A word from {user.full_name}.")
    signal.refresh_from_db()
    assert signal.status == Status.ANSWERED
    outsider = factories.member(factories.organisation(name="Derde"), full_name="")
    with pytest.raises(PermissionDenied):
        services.signal_comment(signal=signal, by=outsider, text="Hello.")
    with pytest.raises(PermissionDenied):
        services.signal_comment(signal=signal, by=partner_member, text="Secret.", is_internal=True)
    with pytest.raises(ValidationError):
        services.signal_comment(signal=signal, by=partner_member, text="Mail me at a@b.example")
    entry = services.signal_comment(signal=signal, by=city_staff, text="For the city only.", is_internal=True)
    assert entry.is_internal
    assert signal.timeline.filter(kind="comment").count() == 4


def test_timelines_show_names_and_organisations_never_e_mail_addresses(
    make_signal, partner_org, other_client, api_client
):
    nameless = factories.member(partner_org, email="nameless@debrug.example", full_name="")
    signal = make_signal()
    services.signal_comment(signal=signal, by=nameless, text="Seen again yesterday.")
    page = other_client.get(f"/signalen/{signal.pk}/").content.decode()
    assert "nameless@debrug.example" not in page
    assert f"a member of {partner_org.name}" in page
    from tests.conftest import api_client_for

    other = factories.member(factories.organisation(name="Lezer"))
    timeline = api_client_for(other).get(f"/api/v1/signals/{signal.pk}/").json()["timeline"]
    assert timeline[-1]["author"] is None and timeline[-1]["author_organisation"] == partner_org.name


def test_pages_for_actions_confirmation_comments_and_reassignment(
    make_signal, service_b, service_b_staff, member_client, police, police_staff, client
):
    signal = make_signal(Status.IN_PROGRESS)
    client.force_login(service_b_staff)
    url = f"/signalen/{signal.pk}/"
    response = client.post(url + "acties/", {"description": "", "responsible_body": police.pk, "due_on": ""})
    assert response.status_code == 400 and not SignalAction.objects.exists()
    response = client.post(
        url + "acties/", {"description": "Patrol", "responsible_body": police.pk, "due_on": "2030-01-01"}
    )
    assert response.status_code == 302
    item = SignalAction.objects.get()
    assert member_client.post(f"/signalen/acties/{item.pk}/", {"progress": 10}).status_code == 403
    data = {f"action-{item.pk}-{k}": v for k, v in {"status": "done", "progress": 100, "version": 1}.items()}
    client.force_login(police_staff)
    assert client.post(f"/signalen/acties/{item.pk}/", data).status_code == 302
    assert SignalAction.objects.get().status == "done"
    assert member_client.post(url + "reactie/", {"text": "Thanks!"}).status_code == 302
    assert member_client.post(url + "reactie/", {"text": ""}).status_code == 400
    assert member_client.post(url + "doorverwijzen/", {"responsible_body": police.pk}).status_code == 403
    client.force_login(service_b_staff)
    signal.refresh_from_db()
    response = client.post(
        url + "doorverwijzen/", {"responsible_body": police.pk, "reason": "Theirs.", "version": signal.version}
    )
    assert response.status_code == 302
    assert Signal.objects.get().responsible_body == police
    assert "Patrol" in member_client.get(url).content.decode()


def test_the_page_offers_no_close_while_an_action_is_open(make_signal, service_b_staff, service_b, member_client):
    signal, _item = planned(make_signal, service_b_staff, service_b)
    page = member_client.get(f"/signalen/{signal.pk}/").content.decode()
    assert f"/signalen/{signal.pk}/close/" not in page and f"/signalen/{signal.pk}/reopen/" in page


def _menu(client, user):
    client.force_login(user)
    return {item.url_name: item.label for item in client.get("/signalen/").context["nav_items"]}


def test_the_staff_of_a_public_body_find_its_inbox_in_the_menu(
    make_signal, police, police_staff, city_staff, partner_member, client, city_admin
):
    services.routing_save(by=city_admin, choices={"police_justice": police})
    signal = make_signal(themes=["police_justice"])

    assert _menu(client, police_staff)["signals:inbox"] == "Our signal inbox"
    page = client.get("/signalen/inbox/").content.decode()
    assert "<h1>Our signal inbox: Politiezone Gent</h1>" in page and signal.title in page
    assert _menu(client, city_staff)["signals:inbox"] == "City inbox"
    assert "signals:inbox" not in _menu(client, partner_member)
    assert client.get("/signalen/inbox/").status_code == 403
