"""404 or 403 (issue 17, item 8), probed as an outsider would.

An object the caller may not see answers 404 for every method, so that no refusal tells it exists; a visible object
the caller may not change answers 403. Who may act is settled before the body is read. Any path under /api/ that
matches no route answers the API's JSON 404, with DEBUG on or off."""

import pytest

from tests import factories
from tests.conftest import api_client_for
from tests.covenants.conftest import fill_draft, make_covenant
from tests.signals.conftest import report as report_signal

pytestmark = pytest.mark.django_db


def _not_found(response):
    assert response.status_code == 404, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": {"status": 404, "code": "not_found", "message": "Not found.", "fields": {}}}


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete", "post"])
def test_an_organisation_the_caller_may_not_see_answers_404_to_every_method(method, partner_admin):
    hidden = factories.organisation(name="Waiting for approval", is_approved=False)
    client = api_client_for(partner_admin)

    response = getattr(client, method)(f"/api/v1/organisations/{hidden.pk}/", {"name": "Mine now"}, format="json")

    _not_found(response)
    hidden.refresh_from_db()
    assert hidden.name == "Waiting for approval"


@pytest.mark.parametrize(("method", "status"), [("patch", 403), ("put", 403), ("delete", 405)])
def test_a_visible_organisation_the_caller_may_not_change_answers_403(method, status, partner_admin, other_org):
    """A DELETE, which the route offers to no one (issue 17, item 9), is a 405 rather than a 403."""
    response = getattr(api_client_for(partner_admin), method)(
        f"/api/v1/organisations/{other_org.pk}/", {"name": "Mine now", "version": other_org.version}, format="json"
    )
    assert response.status_code == status
    assert response.json()["error"]["code"] == ("permission_denied" if status == 403 else "method_not_allowed")
    other_org.refresh_from_db()
    assert other_org.name != "Mine now"


def test_a_malformed_offer_id_in_a_calendar_path_answers_the_json_404(api_client, partner_admin):
    """Before, ``null,null.ics`` matched no route and the missing slash was redirected (301) to the offer route."""
    _not_found(api_client.get("/api/v1/offers/null%2Cnull.ics"))
    _not_found(api_client_for(partner_admin).get("/api/v1/offers/0.5.ics"))
    _not_found(api_client.get("/api/v1/offers/%C2%B2.ics"))


def test_an_anonymous_write_on_a_hidden_organisation_still_asks_for_credentials(api_client):
    hidden = factories.organisation(is_approved=False)
    assert api_client.patch(f"/api/v1/organisations/{hidden.pk}/", {}, format="json").status_code == 401


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
def test_a_draft_offer_of_another_organisation_answers_404_to_every_method(method, partner_org, other_admin):
    draft = factories.offer(partner_org, neighbourhoods=[factories.neighbourhood(7)], status="draft")
    response = getattr(api_client_for(other_admin), method)(
        f"/api/v1/offers/{draft.pk}/", {"title": "Taken", "version": draft.version}, format="json"
    )
    _not_found(response)


@pytest.mark.parametrize("step", ["acknowledge", "start", "answer", "close", "reopen"])
def test_a_signal_step_refuses_a_caller_without_the_right_before_reading_the_body(
    step, partner_org, partner_member, other_admin
):
    signal = report_signal(partner_member, partner_org)
    # An invalid body (a wrong type in every field) from someone who may not take the step: 403, not 400.
    body = {"responsible_service": "x", "outcome": 3, "answer": [], "reason": {}, "version": "x"}

    response = api_client_for(other_admin).post(f"/api/v1/signals/{signal.pk}/{step}/", body, format="json")

    assert response.status_code == 403, response.content
    assert response.json()["error"]["fields"] == {}


def test_endorsing_refuses_a_city_employee_before_reading_the_body(partner_org, partner_member, city_staff):
    signal = report_signal(partner_member, partner_org)
    response = api_client_for(city_staff).post(
        f"/api/v1/signals/{signal.pk}/endorse/", {"organisation": "x"}, format="json"
    )
    assert response.status_code == 403, response.content


def test_approving_a_covenant_version_refuses_a_member_before_reading_the_body(
    city_org, partner_org, city_staff, partner_member
):
    covenant = make_covenant(city_org, partner_org, by=city_staff)
    fill_draft(covenant.versions.get(number=1))
    response = api_client_for(partner_member).post(
        f"/api/v1/covenants/{covenant.pk}/versions/1/approve/", {"side": "nobody"}, format="json"
    )
    assert response.status_code == 403, response.content


UNROUTED = [
    "/api/",
    "/api/v1/nothing/",
    "/api/v2/offers/",
    "/api/v1/covenants/1/versions/first/",
    "/api/v1/covenants/1/reports/1/submit/extra/",
    "/api/v1/functions/leisure/extra/",
]
# Each with the methods its route takes (another method is a 405 whatever the id)
MALFORMED_IDS = {
    "/api/v1/offers/abc/": ("get", "patch", "put", "delete"),
    "/api/v1/offers/-1/": ("get", "patch", "put", "delete"),
    "/api/v1/organisations/1e3/": ("get", "patch", "put"),
    "/api/v1/signals/%20/": ("get",),
    "/api/v1/signals/x/acknowledge/": ("post",),
}


@pytest.mark.parametrize("debug", [True, False], ids=["DEBUG on", "DEBUG off"])
@pytest.mark.parametrize("path", UNROUTED)
def test_a_path_under_the_api_that_matches_nothing_answers_the_json_404(path, debug, settings, api_client, city_admin):
    settings.DEBUG = debug
    _not_found(api_client.get(path))
    _not_found(api_client_for(city_admin).post(path, {}, format="json"))


@pytest.mark.parametrize("path", [*UNROUTED, *MALFORMED_IDS])
def test_a_path_that_routes_nowhere_asks_for_credentials_first(path, api_client):
    """As a route would: a bad token is a 401 whatever the path, and so is a change without credentials."""
    for response in (
        api_client.get(path, HTTP_AUTHORIZATION="Token 0000bad0000"),
        api_client.post(path, {}, format="json"),
        api_client.patch(path, {}, format="json"),
    ):
        assert response.status_code == 401, (path, response.status_code)
        assert response.json()["error"]["code"] in ("not_authenticated", "authentication_failed")
        assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize("debug", [True, False], ids=["DEBUG on", "DEBUG off"])
@pytest.mark.parametrize("path", MALFORMED_IDS)
def test_a_malformed_id_answers_the_json_404_to_every_method(path, debug, settings, city_admin):
    settings.DEBUG = debug
    client = api_client_for(city_admin)
    for method in MALFORMED_IDS[path]:
        _not_found(getattr(client, method)(path, {"version": 1}, format="json"))


def test_the_json_404_is_in_the_callers_language(api_client):
    response = api_client.get("/api/v1/nothing/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Niet gevonden."


def test_a_missing_slash_is_still_redirected_and_pages_keep_their_404_page(api_client, client):
    assert api_client.get("/api/v1/offers").status_code == 301
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_a_malformed_period_id_asks_for_credentials_first_then_answers_the_json_404(api_client, city_admin):
    """Found by the fuzz suite: ``/covenants/0/reports/null,null/`` routed nowhere, so an anonymous caller got 404."""
    assert api_client.get("/api/v1/covenants/0/reports/null%2Cnull/").status_code == 401
    _not_found(api_client_for(city_admin).get("/api/v1/covenants/0/reports/null%2Cnull/"))


def test_a_malformed_space_id_asks_for_credentials_first_then_answers_the_json_404(api_client, partner_admin):
    """Found by the fuzz suite: ``/spaces/null,null/availability/`` routed nowhere, so an anonymous caller got 404."""
    assert api_client.get("/api/v1/spaces/null%2Cnull/availability/").status_code == 401
    _not_found(api_client_for(partner_admin).get("/api/v1/spaces/null%2Cnull/availability/"))
    _not_found(api_client_for(partner_admin).get("/api/v1/spaces/0.5/availability/"))
