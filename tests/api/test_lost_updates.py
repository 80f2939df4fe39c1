"""Lost updates through the API (issue 17, item 7), as a careless client would cause them.

A client that changes a versioned object without saying which version it read would silently overwrite what someone
else saved meanwhile: such a PUT or PATCH answers 428 and changes nothing. A POST action that sends a stale
``version`` answers 409 and changes nothing. A partial PATCH of a draft covenant changes only what it sends."""

from decimal import Decimal

import pytest
from drf_spectacular.generators import SchemaGenerator

from covenants import services as covenant_services
from covenants.models import Report, Side, TermsVersion
from offers.models import CollaborationMember
from signals.models import Endorsement
from tests import factories
from tests.conftest import api_client_for
from tests.covenants.conftest import fill_draft, make_covenant, qualitative, quantitative
from tests.signals.conftest import report as report_signal

pytestmark = pytest.mark.django_db


def _error(response, status):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["status"] == status
    return error


@pytest.fixture
def draft_covenant(city_org, partner_org, city_staff):
    covenant = make_covenant(city_org, partner_org, by=city_staff)
    fill_draft(
        covenant.versions.get(number=1),
        budget={2026: Decimal("50000.00"), 2027: Decimal("52000.00")},
        indicators=[quantitative(), qualitative()],
    )
    return covenant


def _changes(world):
    """(who, method, url, body without version, what must stay as it was) per kind of versioned object."""
    offer = factories.offer(world["partner_org"], neighbourhoods=[factories.neighbourhood(7)], title="Before")
    collaboration = factories.collaboration(
        world["partner_org"], world["other_org"], neighbourhoods=[factories.neighbourhood(8)], name="Before"
    )
    circle = factories.movement_circle(factories.neighbourhood(9), name="Before")
    area = factories.neighbourhood(10)
    terms = world["draft_covenant"].versions.get(number=1)
    offer_body = {
        "organisation": offer.organisation_id,
        "title": "After",
        "description": "Football on Wednesday.",
        "functions": ["leisure"],
        "neighbourhoods": [7],
        "status": "draft",
    }
    return {
        "offer PATCH": ("partner_admin", "patch", f"/api/v1/offers/{offer.pk}/", {"title": "After"}, offer),
        "offer PUT": ("partner_admin", "put", f"/api/v1/offers/{offer.pk}/", offer_body, offer),
        "collaboration PATCH": (
            "partner_admin",
            "patch",
            f"/api/v1/collaborations/{collaboration.pk}/",
            {"name": "After"},
            collaboration,
        ),
        "organisation PATCH": (
            "city_admin",
            "patch",
            f"/api/v1/organisations/{world['partner_org'].pk}/",
            {"name": "After"},
            world["partner_org"],
        ),
        "neighbourhood PATCH": ("city_admin", "patch", f"/api/v1/neighbourhoods/{area.pk}/", {"name": "After"}, area),
        "movement circle PATCH": (
            "city_admin",
            "patch",
            f"/api/v1/movement-circles/{circle.pk}/",
            {"name": "After"},
            circle,
        ),
        "draft covenant PATCH": (
            "partner_admin",
            "patch",
            f"/api/v1/covenants/{world['draft_covenant'].pk}/versions/1/",
            {"objectives": "After"},
            terms,
        ),
    }


KINDS = [
    "offer PATCH",
    "offer PUT",
    "collaboration PATCH",
    "organisation PATCH",
    "neighbourhood PATCH",
    "movement circle PATCH",
    "draft covenant PATCH",
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("version", ["left out", None])
def test_a_change_without_the_version_read_answers_428_and_changes_nothing(
    kind, version, partner_org, other_org, partner_admin, city_admin, draft_covenant
):
    world = {"partner_org": partner_org, "other_org": other_org, "draft_covenant": draft_covenant}
    who, method, url, body, item = _changes(world)[kind]
    client = api_client_for({"partner_admin": partner_admin, "city_admin": city_admin}[who])
    if version is None:
        body = {**body, "version": None}
    before = type(item).objects.get(pk=item.pk)

    error = _error(getattr(client, method)(url, body, format="json"), 428)

    assert error["code"] == "version_required"
    assert "version" in error["message"]
    after = type(item).objects.get(pk=item.pk)
    assert after.version == before.version
    assert {f.attname: getattr(after, f.attname) for f in after._meta.concrete_fields} == {
        f.attname: getattr(before, f.attname) for f in before._meta.concrete_fields
    }


@pytest.mark.parametrize("kind", ["offer PATCH", "draft covenant PATCH"])
def test_the_same_change_with_the_version_read_goes_through(
    kind, partner_org, other_org, partner_admin, city_admin, draft_covenant
):
    world = {"partner_org": partner_org, "other_org": other_org, "draft_covenant": draft_covenant}
    who, method, url, body, item = _changes(world)[kind]
    response = getattr(api_client_for(partner_admin), method)(url, {**body, "version": item.version}, format="json")
    assert response.status_code == 200, response.content
    assert type(item).objects.get(pk=item.pk).version == item.version + 1


def test_a_report_without_the_version_read_answers_428(agreed_covenant_with_report, partner_member):
    covenant, report = agreed_covenant_with_report
    url = f"/api/v1/covenants/{covenant.pk}/reports/{report.period_id}/"
    value = report.values.first()
    body = {"values": [{"indicator": value.indicator_id, "actual": "7", "narrative": "Zeven."}]}

    assert _error(api_client_for(partner_member).patch(url, body, format="json"), 428)["code"] == "version_required"
    assert Report.objects.get(pk=report.pk).version == report.version
    assert report.values.get(pk=value.pk).narrative == ""


@pytest.fixture
def agreed_covenant_with_report(city_org, partner_org, city_staff, partner_admin, partner_member):
    from tests.covenants.conftest import agree

    covenant = make_covenant(city_org, partner_org, by=city_staff)
    fill_draft(covenant.versions.get(number=1))
    agree(covenant, city_staff, partner_admin)
    report = covenant_services.report_start(period=covenant.periods.order_by("starts_on").first(), by=partner_member)
    return covenant, report


def test_the_refusal_is_in_the_callers_language(partner_admin, partner_org):
    offer = factories.offer(partner_org, neighbourhoods=[factories.neighbourhood(7)])
    response = api_client_for(partner_admin).patch(
        f"/api/v1/offers/{offer.pk}/", {"title": "Na"}, format="json", HTTP_ACCEPT_LANGUAGE="nl"
    )
    message = _error(response, 428)["message"]
    assert message.startswith("Stuur de versie die je las")


def test_a_partial_patch_of_a_draft_covenant_changes_only_what_it_sends(draft_covenant, partner_admin):
    terms = draft_covenant.versions.get(number=1)
    budget = list(terms.budget_lines.order_by("year").values_list("year", "amount"))
    indicators = list(terms.indicators.order_by("position").values_list("key", "name"))
    assert budget and indicators

    response = api_client_for(partner_admin).patch(
        f"/api/v1/covenants/{draft_covenant.pk}/versions/1/",
        {"version": terms.version, "change_note": "Only the note changes."},
        format="json",
    )

    assert response.status_code == 200, response.content
    terms.refresh_from_db()
    assert terms.change_note == "Only the note changes."
    assert terms.objectives == "Open five days a week."
    assert list(terms.budget_lines.order_by("year").values_list("year", "amount")) == budget
    assert list(terms.indicators.order_by("position").values_list("key", "name")) == indicators
    # ...and the draft can still be submitted, as before the change
    submitted = api_client_for(partner_admin).post(f"/api/v1/covenants/{draft_covenant.pk}/versions/1/submit/")
    assert submitted.status_code == 200, submitted.content


def test_a_patch_of_a_draft_replaces_the_budget_it_sends(draft_covenant, partner_admin):
    terms = draft_covenant.versions.get(number=1)
    response = api_client_for(partner_admin).patch(
        f"/api/v1/covenants/{draft_covenant.pk}/versions/1/",
        {"version": terms.version, "budget": [{"year": 2026, "amount": "1000.00"}]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert list(terms.budget_lines.values_list("year", "amount")) == [(2026, Decimal("1000.00"))]
    assert terms.indicators.count() == 2


# --- POST actions: an optional version, 409 when it is stale ------------------------------------------------------


def test_accepting_an_invitation_with_a_stale_version_answers_409(partner_org, other_org, other_admin):
    collaboration = factories.collaboration(partner_org, neighbourhoods=[factories.neighbourhood(7)])
    member = collaboration.members.create(organisation=other_org, status=CollaborationMember.Status.INVITED)
    url = f"/api/v1/collaborations/{collaboration.pk}/accept/"
    client = api_client_for(other_admin)

    assert _error(client.post(url, {"version": collaboration.version + 1}, format="json"), 409)["code"] == "conflict"
    member.refresh_from_db()
    assert member.status == CollaborationMember.Status.INVITED

    assert client.post(url, {"version": collaboration.version}, format="json").status_code == 200
    member.refresh_from_db()
    assert member.status == CollaborationMember.Status.ACCEPTED


def test_covenant_steps_with_a_stale_version_answer_409(draft_covenant, city_staff, partner_admin):
    base = f"/api/v1/covenants/{draft_covenant.pk}/versions/1/"
    terms = draft_covenant.versions.get(number=1)
    city, partner = api_client_for(city_staff), api_client_for(partner_admin)

    assert _error(city.post(f"{base}submit/", {"version": terms.version + 1}, format="json"), 409)["code"] == "conflict"
    assert TermsVersion.objects.get(pk=terms.pk).state == TermsVersion.State.DRAFT

    assert city.post(f"{base}submit/", {"version": terms.version}, format="json").status_code == 200
    terms.refresh_from_db()
    stale = {"side": Side.PARTNER, "version": terms.version - 1}
    assert _error(partner.post(f"{base}approve/", stale, format="json"), 409)["code"] == "conflict"
    assert not terms.approvals.exists()
    fresh = {"side": Side.PARTNER, "version": terms.version}
    assert partner.post(f"{base}approve/", fresh, format="json").status_code == 200
    assert terms.approvals.get().side == Side.PARTNER


def test_endorsing_with_a_stale_version_answers_409(partner_org, partner_member, other_org, other_admin):
    signal = report_signal(partner_member, partner_org)
    url = f"/api/v1/signals/{signal.pk}/endorse/"

    response = api_client_for(other_admin).post(url, {"version": signal.version + 1}, format="json")

    assert _error(response, 409)["code"] == "conflict"
    assert not Endorsement.objects.filter(signal=signal).exists()
    assert api_client_for(other_admin).post(url, {"version": signal.version}, format="json").status_code == 200


def test_a_non_numeric_version_of_an_action_is_a_400(draft_covenant, city_staff):
    response = api_client_for(city_staff).post(
        f"/api/v1/covenants/{draft_covenant.pk}/versions/1/submit/", {"version": "latest"}, format="json"
    )
    assert "version" in _error(response, 400)["fields"]


def test_the_schema_documents_428_where_the_version_is_required():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    checked = 0
    for path, item in schema["paths"].items():
        for method in ("put", "patch"):
            operation = item.get(method)
            if not operation:
                continue
            ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            if "version" in components[ref.rsplit("/", 1)[1]]["properties"]:
                assert "428" in operation["responses"], f"{method.upper()} {path}"
                error = operation["responses"]["428"]["content"]["application/json"]["example"]["error"]
                assert error["code"] == "version_required"
                checked += 1
    assert checked >= 12  # offers, collaborations, organisations, neighbourhoods, movement circles (PUT and
    # PATCH each), the draft covenant and the report
