import uuid

import pytest
import time_machine
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from offers import hsds
from tests import factories
from tests.conftest import api_client_for
from tests.hsds.conftest import errors

pytestmark = pytest.mark.django_db

TODAY = "2026-03-02 12:00 +01:00"
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


@time_machine.travel(TODAY, tick=False)
def test_it_lists_services_in_the_hsds_page_shape_for_anyone(api_client, offer_landscape, service_validator):
    response = api_client.get("/api/v1/hsds/services/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == PAGE_KEYS
    assert (body["total_items"], body["total_pages"], body["page_number"], body["size"]) == (2, 1, 1, 2)
    assert (body["first_page"], body["last_page"], body["empty"]) == (True, True, False)
    for service in body["contents"]:
        assert errors(service_validator, service) == []
    assert {s["organization"]["name"] for s in body["contents"]} == {"Jeugdhuis De Brug", "Buurtwerk Elders"}


def test_it_pages_with_hsds_parameters(api_client, partner_org):
    for n in range(3):
        factories.offer(partner_org, title=f"Aanbod {n}")
    body = api_client.get("/api/v1/hsds/services/", {"page": 2, "per_page": 2}).json()
    assert (body["total_items"], body["total_pages"], body["page_number"], body["size"]) == (3, 2, 2, 1)
    assert (body["first_page"], body["last_page"]) == (False, True)
    assert [s["name"] for s in body["contents"]] == ["Aanbod 2"]


def test_it_answers_an_empty_page_when_nothing_is_published(api_client, db):
    body = api_client.get("/api/v1/hsds/services/").json()
    assert body["empty"] is True
    assert body["total_items"] == 0
    assert body["contents"] == []


def test_it_answers_404_for_a_page_that_does_not_exist(api_client, partner_org):
    factories.offer(partner_org)
    assert api_client.get("/api/v1/hsds/services/", {"page": 9}).status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_it_shows_one_service_by_its_uuid(api_client, offer_landscape, service_validator):
    offer = offer_landscape["warm"]
    response = api_client.get(f"/api/v1/hsds/services/{offer.uuid}/")
    assert response.status_code == 200
    assert response.json()["id"] == str(offer.uuid)
    assert errors(service_validator, response.json()) == []


def test_it_hides_drafts_and_unknown_ids(api_client, partner_org):
    draft = factories.offer(partner_org, status="draft")
    assert api_client.get(f"/api/v1/hsds/services/{draft.uuid}/").status_code == 404
    assert api_client.get("/api/v1/hsds/services/not-a-uuid/").status_code == 404


def test_it_filters_services_by_organisation_and_term(api_client, offer_landscape):
    org_id = hsds.organisation_id(offer_landscape["warm"].organisation)
    body = api_client.get("/api/v1/hsds/services/", {"organization_id": org_id}).json()
    assert [s["name"] for s in body["contents"]] == ["Open huis"]
    body = api_client.get("/api/v1/hsds/services/", {"taxonomy_term_id": hsds.term_id("mobile_outreach")}).json()
    assert [s["name"] for s in body["contents"]] == ["Straathoekwerk"]
    body = api_client.get("/api/v1/hsds/services/", {"taxonomy_term_id": hsds.term_id("welfare")}).json()
    assert [s["name"] for s in body["contents"]] == ["Open huis"]
    body = api_client.get("/api/v1/hsds/services/", {"taxonomy_term_id": "1e5b8a6f-4c3d-5e2f-8b1a-5d6e7f8091a2"}).json()
    assert body["empty"] is True  # a term that does not exist
    refused = api_client.get("/api/v1/hsds/services/", {"taxonomy_term_id": "nonsense"})
    assert refused.status_code == 400  # not a UUID, as the schema says
    assert "taxonomy_term_id" in refused.json()["error"]["fields"]
    assert api_client.get("/api/v1/hsds/services/", {"per_page": 501}).status_code == 400  # above its maximum


# Throttling keeps its counters in the configured cache; the database cache would add queries of its own.
LOCMEM = override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})


@pytest.mark.parametrize("count", [1, 30])
@LOCMEM
@pytest.mark.usefixtures("nothing_kept")
def test_it_lists_services_with_a_fixed_number_of_queries(api_client, partner_org, django_assert_num_queries, count):
    circle = factories.movement_circle(factories.neighbourhood(1), factories.neighbourhood(2))
    for n in range(count):
        factories.offer(
            partner_org,
            title=f"Aanbod {n}",
            functions_=("leisure", "bridge"),
            neighbourhoods=[factories.neighbourhood(1 + n % 25)],
            movement_circles=[circle],
            address=f"Straat {n}, 9000 Gent",
        )
    # count, offers + organisation, functions, weekly times, neighbourhoods, movement circles, their neighbourhoods,
    # all functions, the outlines of the page's neighbourhoods (each read once, however many services name it)
    with django_assert_num_queries(9):
        response = api_client.get("/api/v1/hsds/services/", {"per_page": 100})
    assert response.json()["total_items"] == count


@LOCMEM
def test_it_lists_organisations_and_validates_them(
    api_client, offer_landscape, organization_validator, django_assert_num_queries
):
    with django_assert_num_queries(2):
        body = api_client.get("/api/v1/hsds/organizations/").json()
    assert set(body) == PAGE_KEYS
    assert sorted(o["name"] for o in body["contents"]) == ["Buurtwerk Elders", "Jeugdhuis De Brug"]
    for record in body["contents"]:
        assert errors(organization_validator, record) == []


def test_it_publishes_the_taxonomy_with_stable_ids(api_client, db):
    (taxonomy,) = api_client.get("/api/v1/hsds/taxonomies/").json()
    assert taxonomy["id"] == hsds.taxonomy_id()
    terms = api_client.get("/api/v1/hsds/taxonomy_terms/").json()
    by_code = {t["code"]: t for t in terms}
    assert by_code["warm_place"]["id"] == hsds.term_id("warm_place")
    assert by_code["leisure"]["parent_id"] == hsds.term_id("function")


@given(kind=st.sampled_from(["organization", "service_area", "attribute"]), key=st.one_of(st.integers(), st.text()))
def test_a_stable_id_is_the_uuid5_of_its_kind_and_key(kind, key):
    """Consumers follow records by these ids from export to export: the fast way of writing them must give the
    UUIDs that ``uuid.uuid5`` gives (and gave in every earlier export)."""
    assert hsds.stable_id(kind, key) == str(uuid.uuid5(hsds.HSDS_NAMESPACE, f"{kind}:{key}"))


def test_it_describes_the_api_version(api_client, db):
    assert api_client.get("/api/v1/hsds/").json()["version"] == "3.0"


def test_it_serves_the_export_to_logged_in_partners_too(partner_member, offer_landscape):
    assert api_client_for(partner_member).get("/api/v1/hsds/services/").status_code == 200


def test_it_refuses_writes(api_client, city_admin, offer_landscape):
    client = api_client_for(city_admin)
    assert client.post("/api/v1/hsds/services/", {}).status_code == 405
    url = f"/api/v1/hsds/services/{offer_landscape['warm'].uuid}/"
    assert client.delete(url).status_code == 405


def test_it_documents_the_endpoints_in_the_openapi_schema(api_client, db):
    schema = api_client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/hsds/services/"]["get"]
    page = operation["responses"]["200"]["content"]["application/json"]
    assert "examples" in page
    assert {p["name"] for p in operation["parameters"]} >= {"page", "per_page", "organization_id", "taxonomy_term_id"}
    assert operation["security"] == [{"tokenAuth": []}, {"cookieAuth": []}, {}]
