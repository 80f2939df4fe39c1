"""/api/v1/covenants/: in the caller's rights, with the same workflow as the pages."""

from decimal import Decimal

import pytest

from covenants import services
from covenants.models import Approval, Report, TermsVersion
from tests import factories
from tests.conftest import api_client_for
from tests.covenants.conftest import make_covenant

pytestmark = pytest.mark.django_db

LIST = "/api/v1/covenants/"


def _fresh_client(user):
    """A client for a freshly loaded user, so that no permission data is remembered between measured calls."""
    return api_client_for(type(user).objects.get(pk=user.pk))


def test_it_refuses_anonymous_callers(covenant, api_client):
    assert api_client.get(LIST).status_code == 401


def test_it_shows_all_covenants_to_city_staff_and_only_their_own_to_partners(
    covenant, city_org, other_org, city_staff, partner_member, other_admin
):
    make_covenant(city_org, other_org)
    assert api_client_for(city_staff).get(LIST).json()["count"] == 2
    mine = api_client_for(partner_member).get(LIST).json()
    assert [c["reference"] for c in mine["results"]] == [covenant.reference]
    others = api_client_for(other_admin).get(LIST).json()
    assert covenant.reference not in [c["reference"] for c in others["results"]]


def test_it_answers_404_to_outsiders_for_every_covenant_endpoint(covenant, other_admin):
    client = api_client_for(other_admin)
    base = f"{LIST}{covenant.pk}/"
    period = covenant.periods.first().pk
    assert client.get(base).status_code == 404
    assert client.post(f"{base}propose-version/").status_code == 404
    assert client.patch(f"{base}versions/1/", {"version": 1, "objectives": "x"}).status_code == 404
    assert client.post(f"{base}versions/1/submit/").status_code == 404
    assert client.post(f"{base}versions/1/approve/", {"side": "partner"}).status_code == 404
    assert client.post(f"{base}reports/{period}/").status_code == 404
    assert client.post(f"{base}reports/{period}/review/", {"decision": "accept"}).status_code == 404


def test_it_nests_versions_indicators_approvals_and_reports(agreed_covenant, partner_member):
    data = api_client_for(partner_member).get(f"{LIST}{agreed_covenant.pk}/").json()
    assert data["status"] in ("running", "agreed", "in_evaluation")
    version = data["versions"][0]
    assert version["state"] == "agreed"
    assert {a["side"] for a in version["approvals"]} == {"city", "partner"}
    assert {i["kind"] for i in version["indicators"]} == {"quantitative", "qualitative"}
    quant = next(i for i in version["indicators"] if i["kind"] == "quantitative")
    assert quant["targets"] == {"2026": "120.00", "2027": "140.00"}
    assert [b["year"] for b in version["budget"]] == [2026, 2027]
    assert data["reports"] == []


def test_it_runs_propose_edit_submit_and_approve_with_each_side_for_itself(
    agreed_covenant, city_staff, partner_admin, partner_member
):
    city = api_client_for(city_staff)
    partner = api_client_for(partner_admin)
    base = f"{LIST}{agreed_covenant.pk}/"
    assert api_client_for(partner_member).post(f"{base}propose-version/").status_code == 403

    data = partner.post(f"{base}propose-version/").json()
    draft = next(v for v in data["versions"] if v["state"] == "draft")
    assert draft["number"] == 2
    indicators = [{k: v for k, v in i.items() if k != "id"} for i in draft["indicators"]]
    indicators.append(
        {"kind": "qualitative", "name": "Girls' participation", "guiding_question": "What changed for girls?"}
    )
    response = partner.patch(
        f"{base}versions/2/",
        {
            "version": draft["version"],
            "objectives": "Also a girls' evening.",
            "budget": [{"year": 2026, "amount": "51000"}],
            "indicators": indicators,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert partner.post(f"{base}versions/2/submit/").status_code == 200

    assert partner.post(f"{base}versions/2/approve/", {"side": "city"}).status_code == 403
    assert city.post(f"{base}versions/2/approve/", {"side": "partner"}).status_code == 403
    assert city.post(f"{base}versions/2/approve/", {"side": "city"}).status_code == 200
    assert TermsVersion.objects.get(covenant=agreed_covenant, number=2).state == TermsVersion.State.SUBMITTED
    assert city.post(f"{base}versions/2/approve/", {"side": "city"}).status_code == 400  # once per side
    final = partner.post(f"{base}versions/2/approve/", {"side": "partner"}).json()
    states = {v["number"]: v["state"] for v in final["versions"]}
    assert states == {1: "superseded", 2: "agreed"}
    v2 = next(v for v in final["versions"] if v["number"] == 2)
    assert len(v2["indicators"]) == 3
    assert Approval.objects.filter(terms__number=2).count() == 2


def test_it_answers_409_on_a_stale_draft_write(covenant, city_staff, partner_admin):
    base = f"{LIST}{covenant.pk}/versions/1/"
    version = TermsVersion.objects.get(covenant=covenant, number=1).version
    assert (
        api_client_for(city_staff)
        .patch(base, {"version": version, "objectives": "City text"}, format="json")
        .status_code
        == 200
    )
    response = api_client_for(partner_admin).patch(
        base, {"version": version, "objectives": "Partner text"}, format="json"
    )
    assert response.status_code == 409
    assert TermsVersion.objects.get(covenant=covenant, number=1).objectives == "City text"


def test_it_refuses_changing_a_submitted_version(covenant, city_staff):
    client = api_client_for(city_staff)
    base = f"{LIST}{covenant.pk}/versions/1/"
    assert client.post(f"{base}submit/").status_code == 200
    version = TermsVersion.objects.get(covenant=covenant, number=1).version
    response = client.patch(base, {"version": version, "objectives": "Sneaky change"}, format="json")
    assert response.status_code == 400
    assert TermsVersion.objects.get(covenant=covenant, number=1).objectives == "Open five days a week."


def test_it_runs_the_report_round_trip(agreed_covenant, partner_member, city_staff):
    partner = api_client_for(partner_member)
    city = api_client_for(city_staff)
    period = agreed_covenant.periods.first().pk
    base = f"{LIST}{agreed_covenant.pk}/reports/{period}/"
    assert city.post(base).status_code == 403
    report = partner.post(base).json()
    values = [{"indicator": v["indicator"], "actual": "118", "narrative": "Many new faces."} for v in report["values"]]
    response = partner.patch(base, {"version": report["version"], "values": values}, format="json")
    assert response.status_code == 200
    stale = partner.patch(base, {"version": report["version"], "values": values}, format="json")
    assert stale.status_code == 409
    assert partner.post(f"{base}submit/").json()["state"] == "submitted"
    assert partner.post(f"{base}review/", {"decision": "accept"}).status_code == 403
    assert city.post(f"{base}review/", {"decision": "revise"}).status_code == 400  # a revision needs a comment
    assert (
        city.post(f"{base}review/", {"decision": "revise", "comment": "Add spring figures."}).json()["state"]
        == "revision_requested"
    )
    current = partner.get(f"{LIST}{agreed_covenant.pk}/").json()["reports"][0]
    partner.patch(base, {"version": current["version"], "values": values}, format="json")
    partner.post(f"{base}submit/")
    assert city.post(f"{base}review/", {"decision": "accept"}).json()["state"] == "accepted"
    assert Report.objects.get().state == Report.State.ACCEPTED


def test_it_refuses_personal_data_in_report_narratives(agreed_covenant, partner_member):
    partner = api_client_for(partner_member)
    period = agreed_covenant.periods.first().pk
    base = f"{LIST}{agreed_covenant.pk}/reports/{period}/"
    report = partner.post(base).json()
    values = [{"indicator": v["indicator"], "narrative": "Mail jan@example.org"} for v in report["values"]]
    assert partner.patch(base, {"version": report["version"], "values": values}, format="json").status_code == 400
    assert not Report.objects.get().values.exclude(narrative="").exists()


def test_it_creates_a_covenant_for_city_staff_only(city_org, partner_org, city_staff, partner_admin):
    payload = {
        "reference": "API-1",
        "title": "Via the API",
        "city_service": city_org.pk,
        "partner_organisation": partner_org.pk,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    }
    assert api_client_for(partner_admin).post(LIST, payload).status_code == 403
    response = api_client_for(city_staff).post(LIST, payload)
    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert (
        api_client_for(city_staff)
        .post(LIST, {**payload, "reference": "API-2", "partner_organisation": None})
        .status_code
        == 400
    )


@pytest.mark.parametrize("persona", ["city_staff", "partner_member"])
def test_it_lists_with_the_same_query_count_for_1_and_30_covenants(
    persona, request, city_org, partner_org, django_assert_num_queries
):
    user = request.getfixturevalue(persona)
    make_covenant(city_org, partner_org)
    # Memberships, count, one page of covenants with their status and partner (the throttle uses the tests'
    # local-memory cache: no queries).
    client = _fresh_client(user)
    with django_assert_num_queries(3) as one:
        assert client.get(LIST).json()["count"] == 1
    collaboration = factories.collaboration(partner_org)
    for n in range(29):
        make_covenant(
            city_org, None if n % 3 == 0 else partner_org, collaboration=collaboration if n % 3 == 0 else None
        )
    client = _fresh_client(user)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(LIST).json()["count"] == 30


def test_it_retrieves_with_the_same_query_count_however_many_versions_and_reports(
    agreed_covenant, city_staff, partner_member, django_assert_num_queries
):
    url = f"{LIST}{agreed_covenant.pk}/"
    periods = list(agreed_covenant.periods.all())

    def add_report(period):
        report = services.report_start(period=period, by=partner_member)
        values = {v.indicator_id: (Decimal(5), "ok") for v in report.values.all()}
        services.report_save(report=report, expected_version=None, values=values)

    add_report(periods[0])
    client = _fresh_client(city_staff)
    # Memberships, the covenant, its terms versions, budget lines, the city's commitments, indicators, targets,
    # approvals, reports, report values with their indicators' targets, the review threads, the city's reports
    # (with their values and threads) and reporting periods: one query each (the throttle uses the local cache).
    with django_assert_num_queries(14) as one:
        client.get(url)
    for period in periods[1:]:
        add_report(period)
    assert services.version_propose(covenant=agreed_covenant, by=city_staff, side="city").number == 2
    client = _fresh_client(city_staff)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)
