"""Public accountability (issue 19, item 6): public signals and the response figures without logging in."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signals import services
from signals.models import Signal, Status
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_signal(make_signal, service_b_staff, service_b, partner_member):
    signal = make_signal(Status.IN_PROGRESS, title="Playground unlit at night", is_public=True)
    services.action_add(
        signal=signal,
        by=service_b_staff,
        description="Replace the lamps",
        responsible_body=service_b,
        due_on=date.today() + timedelta(days=10),
    )
    services.signal_comment(signal=signal, by=partner_member, text="A comment for partners.")
    services.signal_add_note(signal=signal, by=service_b_staff, text="An internal note.", is_internal=True)
    return signal


def test_a_visitor_reads_a_public_signal_with_its_actions_and_public_timeline(public_signal, client):
    assert public_signal.title in client.get("/signalen/publiek/").content.decode()
    page = client.get(f"/signalen/publiek/{public_signal.pk}/").content.decode()
    assert public_signal.title in page and "Replace the lamps" in page and public_signal.organisation.name in page
    for hidden in ("A comment for partners.", "An internal note.", "Mona Member", "Wim Welzijn", "21 to 50"):
        assert hidden not in page


def test_a_non_public_signal_is_invisible_to_visitors_in_pages_api_exports_and_figures(
    make_signal, public_signal, client, api_client
):
    hidden = make_signal(title="Private matter of the partners")
    assert hidden.title not in client.get("/signalen/publiek/").content.decode()
    assert client.get(f"/signalen/publiek/{hidden.pk}/").status_code == 404
    assert client.get(f"/signalen/{hidden.pk}/").status_code == 302  # to the login page
    listed = api_client.get("/api/v1/public/signals/").json()
    assert [row["id"] for row in listed["results"]] == [public_signal.pk]
    assert api_client.get(f"/api/v1/public/signals/{hidden.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/signals/{hidden.pk}/").status_code in (401, 403)
    export = client.get("/signalen/publiek/cijfers/export.csv").content.decode()
    assert hidden.title not in export and public_signal.title not in export
    # The figures count every signal, numbers only.
    assert ",2," in export.splitlines()[1]


def test_the_reporter_makes_a_signal_public_and_back(make_signal, member_client, other_client, client):
    signal = make_signal()
    assert other_client.post(f"/signalen/{signal.pk}/openbaar/", {"is_public": "on", "version": 1}).status_code == 403
    assert member_client.post(f"/signalen/{signal.pk}/openbaar/", {"is_public": "on", "version": 1}).status_code == 302
    assert client.get(f"/signalen/publiek/{signal.pk}/").status_code == 200
    member_client.post(f"/signalen/{signal.pk}/openbaar/", {"version": 2})
    assert client.get(f"/signalen/publiek/{signal.pk}/").status_code == 404


def test_the_public_dashboard_takes_a_period_and_refuses_a_bad_date(public_signal, client):
    today = date.today()
    page = client.get(f"/signalen/publiek/cijfers/?from={today - timedelta(days=1)}&to={today}")
    assert page.status_code == 200
    assert client.get("/signalen/publiek/cijfers/?from=yesterday").status_code == 400
    xlsx = client.get(f"/signalen/publiek/cijfers/export.xlsx?from={today}")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/signalen/publiek/", "/signalen/publiek/cijfers/", "/api/v1/public/signals/"])
def test_public_lists_keep_a_constant_query_count(url, make_signal, client, partner_member, partner_org):
    make_signal(is_public=True)
    one = _count(client, url)
    for i in range(49):
        services.signal_report(
            by=partner_member,
            organisation=partner_org,
            title=f"Signal {i}",
            description="Children stay away after dark.",
            themes=["public_space", "sport"],
            children_affected="21-50",
            city_wide=True,
            is_public=True,
        )
    assert Signal.objects.public().count() == 50
    from django.core.cache import cache

    cache.clear()
    assert _count(client, url) == one


def test_the_public_api_answers_anonymous_readers_without_person_names(public_signal, api_client):
    row = api_client.get("/api/v1/public/signals/").json()["results"][0]
    assert row["organisation_name"] == public_signal.organisation.name
    assert "children_affected" not in row and "reported_by" not in row
    detail = api_client.get(f"/api/v1/public/signals/{public_signal.pk}/").json()
    assert [a["description"] for a in detail["actions"]] == ["Replace the lamps"]
    assert all(e["kind"] not in ("comment", "note") for e in detail["timeline"])
    assert all("author" not in e for e in detail["timeline"])


def test_the_stats_api_answers_anonymous_readers_with_numbers_only(public_signal, make_signal, api_client):
    make_signal()
    body = api_client.get("/api/v1/signals/stats/?group_by=theme").json()
    assert body["overall"]["count"] == 2
    assert {g["label"] for g in body["groups"]} == {"public space and mobility"}
    assert api_client.get("/api/v1/signals/stats/?group_by=colour").status_code == 400
    assert api_client_for(None).get("/api/v1/signals/stats/?from=2026-13-01").status_code == 400
