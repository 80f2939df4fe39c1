"""Bad query parameters get a clear answer in the error shape, never a server error."""

import pytest

from tests import factories
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(city_admin, partner_org):
    factories.offer(partner_org, neighbourhoods=[factories.neighbourhood(7)])
    return api_client_for(city_admin)


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/coverage/", {"date": "garbage"}, "date"),
        ("/api/v1/coverage/", {"is_priority": "perhaps"}, "is_priority"),
        ("/api/v1/coverage/", {"area_type": "street"}, "area_type"),
        ("/api/v1/neighbourhoods/geojson/", {"date": "2026-02-30"}, "date"),
        ("/api/v1/offers/", {"age": "old"}, "age"),
        ("/api/v1/offers/", {"status": "gone"}, "status"),
        ("/api/v1/offers/", {"neighbourhood": "999999"}, "neighbourhood"),
        ("/api/v1/signals/", {"theme": "nonsense"}, "theme"),
        ("/api/v1/indicator-values/", {"year": "last"}, "year"),
        ("/api/v1/indicator-values/", {"year": ""}, "year"),
        ("/api/v1/indicator-values/", {"year": "99999"}, "year"),
        ("/api/v1/indicator-values/", {"neighbourhood": "\uff17"}, "neighbourhood"),  # a full-width 7
        # Values the schema forbids that were quietly read as "no filter" or rounded off
        ("/api/v1/coverage/", {"date": ""}, "date"),
        ("/api/v1/neighbourhoods/geojson/", {"date": ""}, "date"),
        ("/api/v1/offers/", {"is_warm_place": "null"}, "is_warm_place"),
        ("/api/v1/offers/", {"is_warm_place": ""}, "is_warm_place"),
        ("/api/v1/offers/", {"is_warm_place": ["true", "false"]}, "is_warm_place"),
        ("/api/v1/signals/", {"priority": "null"}, "priority"),
        ("/api/v1/organisations/", {"is_approved": "maybe"}, "is_approved"),
        ("/api/v1/movement-circles/", {"is_priority": "null"}, "is_priority"),
        ("/api/v1/movement-circles/", {"neighbourhood": "0.5"}, "neighbourhood"),
        ("/api/v1/neighbourhoods/", {"number": "0.5"}, "number"),
        ("/api/v1/hsds/services/", {"taxonomy_term_id": ""}, "taxonomy_term_id"),
        ("/api/v1/hsds/services/", {"organization_id": "7"}, "organization_id"),
        ("/api/v1/hsds/organizations/", {"per_page": "501"}, "per_page"),
        ("/api/v1/signals/stats/", {"to": ""}, "to"),
        ("/api/v1/signals/stats/", {"from": ""}, "from"),
        ("/api/v1/signals/stats/", {"group_by": ""}, "group_by"),
        ("/api/v1/notifications/", {"unread": ""}, "unread"),
    ],
)
def test_it_answers_400_with_the_field_to_a_bad_filter(client, url, params, field):
    response = client.get(url, params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99"])
def test_it_answers_404_to_a_page_that_does_not_exist(client, page):
    response = client.get("/api/v1/offers/", {"page": page})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("page_size", "rows"), [("2", 2), ("5000", 3)])
def test_it_takes_a_page_size_and_caps_a_large_one(client, page_size, rows, partner_org):
    factories.offer(partner_org)
    factories.offer(partner_org)
    response = client.get("/api/v1/offers/", {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == rows


def test_it_caps_the_page_size_at_1000():
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from charter_portal.api import Pagination

    request = Request(APIRequestFactory().get("/api/v1/offers/", {"page_size": "5000"}))
    assert Pagination().get_page_size(request) == 1000


@pytest.mark.parametrize("url", ["/api/v1/offers/abc/", "/api/v1/signals/-3/", "/api/v1/hsds/services/not-a-uuid/"])
def test_it_answers_404_in_the_error_shape_to_a_bad_id(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("value", ["null", "abc", "0", "-5", "2.5", ""])
def test_it_refuses_a_page_size_that_is_not_a_whole_number_of_at_least_one(value, api_client):
    response = api_client.get("/api/v1/offers/", {"page_size": value})
    assert response.status_code == 400, response.content
    assert list(response.json()["error"]["fields"]) == ["page_size"]


@pytest.mark.parametrize("value", ["true", "True", "1", "yes", "false", "0", "off"])
def test_it_takes_the_usual_words_for_yes_and_no(client, value):
    assert client.get("/api/v1/offers/", {"is_warm_place": value}).status_code == 200


def test_a_method_a_list_does_not_take_answers_405_also_when_it_asks_for_csv(client):
    response = client.generic("TRACE", "/api/v1/collaborations/?format=csv&dialect=excel-nl")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_an_unknown_format_is_refused_after_the_credentials(api_client, client):
    bad_token = api_client.get("/api/v1/collaborations/?format=xlsx", HTTP_AUTHORIZATION="Token 0000bad0000")
    assert bad_token.status_code == 401
    assert client.get("/api/v1/collaborations/?format=xlsx").status_code == 404


def test_an_empty_format_is_an_unknown_one(api_client, client):
    """Found by the fuzz suite against the demo data: ``?format=`` was read as no format at all (a 200)."""
    assert client.get("/api/v1/covenants/?format=&dialect=excel-nl").status_code == 404
    assert client.get("/api/v1/collaborations/", {"format": ""}).status_code == 404
    assert client.get("/api/v1/collaborations/", {"format": "json"}).status_code == 200
