import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisations.models import Membership
from signals import services
from signals.models import Signal, Status
from tests import factories
from tests.conftest import api_client_for, field_errors

pytestmark = pytest.mark.django_db

NEW = {
    "title": "Playground unlit",
    "description": "Children stay away after dark.",
    "themes": ["public_space", "leisure"],
    "children_affected": "21-50",
    "city_wide": True,
    "since": "2026-01-01",
    "actions_taken": "We asked the park service.",
}


def test_it_asks_visitors_to_authenticate(api_client, make_signal):
    signal = make_signal()
    assert api_client.get("/api/v1/signals/").status_code == 401
    assert api_client.get(f"/api/v1/signals/{signal.pk}/").status_code == 401
    assert api_client.post("/api/v1/signals/", NEW, format="json").status_code == 401


def test_it_answers_403_to_people_without_an_organisation():
    assert api_client_for(factories.user()).get("/api/v1/signals/").status_code == 403


def test_it_lets_a_member_report_a_signal(partner_member, partner_org):
    response = api_client_for(partner_member).post("/api/v1/signals/", NEW, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["organisation"] == partner_org.pk
    assert data["themes"] == ["leisure", "public_space"]
    assert data["status"] == "submitted"
    assert data["due_at"] == Signal.objects.get().acknowledge_due_on.isoformat()
    assert data["is_overdue"] is False and data["endorsement_count"] == 0 and data["is_priority"] is False
    assert data["version"] == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"themes": []}, "themes"),
        ({"themes": ["aliens"]}, "themes"),
        ({"children_affected": "12"}, "children_affected"),
        ({"city_wide": False}, "neighbourhoods"),
        ({"title": ""}, "title"),
    ],
)
def test_it_answers_400_to_bad_reports_and_saves_nothing(change, field, partner_member):
    response = api_client_for(partner_member).post("/api/v1/signals/", {**NEW, **change}, format="json")
    assert response.status_code == 400
    # List items are reported as dotted names ("themes.0"): the error belongs to the field before the dot.
    assert field in {name.split(".")[0] for name in field_errors(response)}
    assert not Signal.objects.exists()


def test_it_asks_someone_in_several_organisations_which_one_reports(partner_member, other_org):
    Membership.objects.create(user=partner_member, organisation=other_org)
    client = api_client_for(partner_member)
    response = client.post("/api/v1/signals/", NEW, format="json")
    assert response.status_code == 400 and "organisation" in field_errors(response)
    response = client.post("/api/v1/signals/", {**NEW, "organisation": other_org.pk}, format="json")
    assert response.status_code == 201
    assert Signal.objects.get().organisation == other_org


def test_it_refuses_reports_for_an_organisation_one_does_not_belong_to(partner_member, other_org):
    response = api_client_for(partner_member).post(
        "/api/v1/signals/", {**NEW, "organisation": other_org.pk}, format="json"
    )
    assert response.status_code == 403
    assert not Signal.objects.exists()


def test_it_lets_a_city_admin_report_for_a_partner(city_admin, other_org):
    response = api_client_for(city_admin).post("/api/v1/signals/", {**NEW, "organisation": other_org.pk}, format="json")
    assert response.status_code == 201
    assert Signal.objects.get().organisation == other_org


def test_it_runs_the_whole_workflow_through_the_api(
    partner_member, service_b, service_b_staff, city_staff, other_admin
):
    signal_id = api_client_for(partner_member).post("/api/v1/signals/", NEW, format="json").json()["id"]
    staff, reporter = api_client_for(service_b_staff), api_client_for(partner_member)
    url = f"/api/v1/signals/{signal_id}/"
    r = api_client_for(city_staff).post(url + "acknowledge/", {"responsible_body": service_b.pk, "version": 1})
    assert r.json()["status"] == "acknowledged" and r.json()["responsible_body"] == service_b.pk
    r = api_client_for(other_admin).post(url + "endorse/", {"observation": "Seen it too."})
    assert r.json()["endorsement_count"] == 1
    assert api_client_for(other_admin).post(url + "endorse/", {}).status_code == 409
    assert staff.post(url + "start/", {}).json()["status"] == "in_progress"
    assert staff.post(url + "answer/", {"outcome": "action_taken"}).status_code == 400
    r = staff.post(url + "answer/", {"outcome": "action_taken", "answer": "Lights installed."})
    assert r.json()["status"] == "answered" and r.json()["due_at"] is None
    assert reporter.post(url + "reopen/", {}).status_code == 400
    assert reporter.post(url + "reopen/", {"reason": "Still dark."}).json()["status"] == "in_progress"
    staff.post(url + "answer/", {"outcome": "action_taken", "answer": "Now really."})
    assert reporter.post(url + "close/", {}).json()["status"] == "closed"
    timeline = reporter.get(url).json()["timeline"]
    assert [e["kind"] for e in timeline] == [
        "submitted",
        "acknowledged",
        "endorsed",
        "started",
        "answered",
        "confirmation_asked",
        "reopened",
        "answered",
        "confirmation_asked",
        "closed",
    ]


def test_it_shows_internal_notes_to_city_staff_only_in_the_api(make_signal, service_b_staff, other_admin, city_staff):
    signal = make_signal()
    services.signal_add_note(signal=signal, by=service_b_staff, text="Internal budget talk.", is_internal=True)
    partner_view = api_client_for(other_admin).get(f"/api/v1/signals/{signal.pk}/").json()
    assert [e["kind"] for e in partner_view["timeline"]] == ["submitted"]
    staff_view = api_client_for(city_staff).get(f"/api/v1/signals/{signal.pk}/").json()
    assert [e["text"] for e in staff_view["timeline"] if e["is_internal"]] == ["Internal budget talk."]


def test_it_filters_the_api_list_like_the_pages(make_signal, other_admin):
    make_signal(Status.ACKNOWLEDGED, title="Acknowledged", themes=["housing"])
    make_signal(title="Other", themes=["sport"])
    client = api_client_for(other_admin)
    titles = lambda params: [r["title"] for r in client.get("/api/v1/signals/", params).json()["results"]]  # noqa: E731
    assert titles({"status": "acknowledged"}) == ["Acknowledged"]
    assert titles({"theme": "sport"}) == ["Other"]
    assert titles({"q": "acknow"}) == ["Acknowledged"]
    assert titles({"overdue": "true"}) == []
    assert client.get("/api/v1/signals/", {"status": "nonsense"}).status_code == 400


def test_it_keeps_the_api_list_query_count_constant(make_signal, other_admin, django_assert_num_queries):
    client = api_client_for(other_admin)

    def add(n):
        from participation.services import citations_set
        from tests.participation.conftest import record

        for i in range(n):
            signal = make_signal(Status.ACKNOWLEDGED, themes=["housing", "sport"])
            services.signal_endorse(signal=signal, by=other_admin)
            if i % 2 == 0:  # raised by young people: a field of the row, no query per row
                moment = record(signal.reported_by, signal.organisation, city_wide=True)
                citations_set(signal=signal, moment_ids=[moment.pk], by=signal.reported_by)

    add(1)
    with CaptureQueriesContext(connection) as one:
        response = client.get("/api/v1/signals/")
    assert response.json()["results"][0]["endorsement_count"] == 1
    assert response.json()["results"][0]["raised_by_young_people"] is True
    add(49)
    with django_assert_num_queries(len(one)):
        response = client.get("/api/v1/signals/")
    assert len(response.json()["results"]) == 50
    assert sum(row["raised_by_young_people"] for row in response.json()["results"]) == 26
