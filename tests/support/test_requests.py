"""Support requests: who may ask, who sees them (everyone else gets a 404), the steps and who takes them, the
deadline for a first answer and the reminders."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from charter_portal.errors import StepNotAllowed
from support import services
from support.models import SmallOrganisation, SupportReminder, SupportRequest
from tests import factories
from tests.support.conftest import as_user

BRUSSELS = ZoneInfo("Europe/Brussels")


def _ask(small_admin, small_org, kind="funding"):
    return services.support_request_create(by=small_admin, organisation=small_org, kind=kind, needs="A subsidy file")


def test_it_lets_a_self_organisation_ask_and_saves_nothing_for_a_large_one(
    small_admin, small_org, partner_admin, partner_org
):
    request = _ask(small_admin, small_org)
    assert request.status == "asked" and request.answer_due_on > datetime.date.today()
    with pytest.raises(StepNotAllowed):
        services.support_request_create(by=partner_admin, organisation=partner_org, kind="funding", needs="x")
    SmallOrganisation.objects.create(organisation=partner_org, is_volunteer_run=True)
    assert services.support_request_create(by=partner_admin, organisation=partner_org, kind="funding", needs="x")
    assert SupportRequest.objects.count() == 2


def test_it_shows_a_request_to_the_right_parties_only(
    small_admin, small_org, supporter_admin, second_supporter_admin, partner_admin, coordinator, city_staff
):
    request = _ask(small_admin, small_org)
    url = reverse("support:request", args=[request.pk])
    api = f"/api/v1/support-requests/{request.pk}/"
    for person, status in (
        (small_admin, 200),
        (supporter_admin, 200),
        (second_supporter_admin, 200),
        (coordinator, 200),
        (partner_admin, 404),
        (city_staff, 404),
    ):
        assert as_user(person).get(url).status_code == status, person.email
        assert as_user(person).get(api).status_code == status, person.email

    services.support_request_step(request=request, by=supporter_admin, name="take_up")

    assert as_user(supporter_admin).get(url).status_code == 200
    assert as_user(second_supporter_admin).get(url).status_code == 404
    assert as_user(small_admin).get(url).status_code == 200
    listed = as_user(partner_admin).get("/api/v1/support-requests/").json()
    assert listed["count"] == 0


def test_it_walks_a_request_from_asked_to_confirmed(small_admin, small_org, supporter_admin, supporter_org):
    request = _ask(small_admin, small_org)
    client = as_user(supporter_admin)
    base = f"/api/v1/support-requests/{request.pk}"

    assert as_user(small_admin).post(f"{base}/take-up/", {}).status_code == 409
    taken = client.post(f"{base}/take-up/", {"version": 1}, format="json")
    assert taken.status_code == 200, taken.json()
    assert taken.json()["status"] == "taken_up" and taken.json()["supporter"] == supporter_org.pk
    assert client.post(f"{base}/start/", {"version": 1}, format="json").status_code == 409  # stale version
    assert client.post(f"{base}/start/", {"version": 2}, format="json").json()["status"] == "in_progress"
    assert client.post(f"{base}/done/", {}, format="json").json()["status"] == "done"
    assert client.post(f"{base}/confirm/", {"helped": True}, format="json").status_code == 409  # not the asker
    confirmed = as_user(small_admin).post(f"{base}/confirm/", {"helped": True}, format="json")
    assert confirmed.json()["helped"] is True


def test_it_needs_a_reason_for_not_possible(small_admin, small_org, coordinator):
    request = _ask(small_admin, small_org)
    client = as_user(coordinator)
    refused = client.post(f"/api/v1/support-requests/{request.pk}/not-possible/", {"reason": " "}, format="json")
    assert refused.status_code == 409
    assert SupportRequest.objects.get().status == "asked"
    done = client.post(f"/api/v1/support-requests/{request.pk}/not-possible/", {"reason": "No budget"}, format="json")
    assert done.json()["status"] == "not_possible"


def test_a_coordinator_matches_a_request_with_a_supporter(small_admin, small_org, coordinator, supporter_org):
    request = _ask(small_admin, small_org)
    response = as_user(coordinator).post(
        f"/api/v1/support-requests/{request.pk}/take-up/", {"supporter": supporter_org.pk}, format="json"
    )
    assert response.json()["supporter"] == supporter_org.pk


def test_the_page_form_refuses_a_date_in_the_past_and_saves_nothing(small_admin, small_org):
    client = as_user(small_admin)
    response = client.post(
        reverse("support:request_create"),
        {"organisation": small_org.pk, "kind": "funding", "needs": "Help", "needed_by": "2000-01-01"},
        format="multipart",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["needed_by"] == ["The date cannot be in the past."]
    assert SupportRequest.objects.count() == 0


def test_a_partner_without_a_small_organisation_cannot_open_the_request_form(partner_admin):
    assert as_user(partner_admin).get(reverse("support:request_create")).status_code == 403


def test_the_first_answer_is_due_in_10_working_days_and_reminded_before_and_once_overdue(
    small_admin, small_org, supporter_admin, coordinator
):
    with time_machine.travel(datetime.datetime(2026, 4, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        request = _ask(small_admin, small_org)
    # Thursday 2 April 2026; Easter Monday (6 April) is a holiday: ten working days end on Friday 17 April
    assert request.answer_due_on == datetime.date(2026, 4, 17)

    assert services.support_send_reminders(today=datetime.date(2026, 4, 10)) == []
    before = services.support_send_reminders(today=datetime.date(2026, 4, 15))
    assert [r.stage for r in before] == ["before"]
    assert "admin@steunpunt.example" in before[0].recipients and "coordinator@stad.example" in before[0].recipients
    assert services.support_send_reminders(today=datetime.date(2026, 4, 16)) == []
    assert [r.stage for r in services.support_send_reminders(today=datetime.date(2026, 4, 20))] == ["overdue"]
    assert services.support_send_reminders(today=datetime.date(2026, 4, 21)) == []

    services.support_request_step(request=request, by=supporter_admin, name="take_up")
    SupportReminder.objects.all().delete()
    assert services.support_send_reminders(today=datetime.date(2026, 4, 22)) == []


def test_the_yearly_overview_counts_requests_and_those_met_per_kind(
    small_admin, small_org, supporter_admin, coordinator
):
    first, _second = _ask(small_admin, small_org), _ask(small_admin, small_org, kind="space")
    services.support_request_step(request=first, by=supporter_admin, name="take_up")
    services.support_request_step(request=first, by=supporter_admin, name="done")
    response = as_user(coordinator).get(reverse("support:overview"))
    assert response.status_code == 200
    table = {str(row["label"]): row["cells"] for row in response.context["table"]}
    assert table["All kinds"][0] == (2, 1)
    assert table["a funding or subsidy application"][0] == (1, 1)
    assert as_user(small_admin).get(reverse("support:overview")).status_code == 403


def test_other_organisations_never_see_the_list_rows(small_admin, small_org, other_admin):
    _ask(small_admin, small_org)
    assert factories  # the outsider here is a self-organisation itself, with no catalogue
    assert as_user(other_admin).get(reverse("support:requests")).context["requests"] == []
