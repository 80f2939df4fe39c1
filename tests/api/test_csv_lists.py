"""``?format=csv`` on the list endpoints a spreadsheet user wants: a header row and one row per item."""

import csv
import io

import pytest

from charter.initial import create_first_version
from charter.models import Article, ChainHead, CharterVersion
from tests import factories
from tests.charter.conftest import quick_signature
from tests.conftest import api_client_for
from tests.covenants.conftest import make_covenant
from tests.signals.conftest import report

pytestmark = pytest.mark.django_db

# endpoint -> a column every row has
LISTS = {
    "/api/v1/offers/": "title",
    "/api/v1/collaborations/": "name",
    "/api/v1/organisations/": "name",
    "/api/v1/neighbourhoods/": "number",
    "/api/v1/movement-circles/": "name",
    "/api/v1/coverage/": "area_type",
    "/api/v1/signals/": "title",
    "/api/v1/signatories/": "signed_version",
    "/api/v1/covenants/": "reference",
}


@pytest.fixture
def spreadsheet_data(partner_org, other_org, city_org, partner_member, city_staff):
    rabot, muide = factories.neighbourhood(7), factories.neighbourhood(2)
    circles = [factories.movement_circle(rabot, name="Beweegcirkel West"), factories.movement_circle(muide)]
    factories.offer(partner_org, title="Open huis", functions_=("leisure", "welfare"), neighbourhoods=[rabot])
    factories.offer(other_org, title="Straathoekwerk", movement_circles=[circles[0]])
    factories.collaboration(partner_org, other_org, name="Samen in Rabot", neighbourhoods=[rabot])
    factories.collaboration(other_org, partner_org, name="Samen in Muide", neighbourhoods=[muide])
    report(partner_member, partner_org, title="Playground unlit")
    report(partner_member, partner_org, title="No youth room", city_wide=False, neighbourhoods=[rabot])
    version = create_first_version(CharterVersion, Article, ChainHead)
    quick_signature(partner_org, version)
    quick_signature(other_org, version)
    make_covenant(city_org, partner_org, by=city_staff)
    make_covenant(city_org, other_org, by=city_staff)


def _rows(response) -> list[dict]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(("url", "column"), LISTS.items())
def test_it_gives_a_header_row_and_one_row_per_item(url, column, spreadsheet_data, city_admin):
    client = api_client_for(city_admin)
    items = client.get(url).json()["results"]
    assert len(items) >= 2
    rows = _rows(client.get(url, {"format": "csv"}))
    assert len(rows) == len(items)
    assert [row[column] for row in rows] == [str(item[column]) for item in items]


@pytest.mark.parametrize("url", [url for url in LISTS if url not in ("/api/v1/coverage/", "/api/v1/signatories/")])
def test_it_offers_no_csv_on_detail_endpoints(url, spreadsheet_data, city_admin):
    client = api_client_for(city_admin)
    first = client.get(url).json()["results"][0]
    detail = f"{url}{first['id']}/"
    assert client.get(detail).status_code == 200
    response = client.get(detail, {"format": "csv"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_it_respects_the_filters_and_the_page(spreadsheet_data, city_admin):
    client = api_client_for(city_admin)
    rows = _rows(client.get("/api/v1/offers/", {"format": "csv", "q": "huis"}))
    assert [row["title"] for row in rows] == ["Open huis"]
    assert rows[0]["functions"] == "leisure;welfare"
    assert len(_rows(client.get("/api/v1/organisations/", {"format": "csv", "page_size": 1}))) == 1


def test_it_keeps_the_csv_behind_the_same_permissions(spreadsheet_data, api_client):
    assert api_client.get("/api/v1/signals/", {"format": "csv"}).status_code == 401
    assert api_client.get("/api/v1/covenants/", {"format": "csv"}).status_code == 401
    public = _rows(api_client.get("/api/v1/offers/", {"format": "csv"}))
    assert {row["title"] for row in public} == {"Open huis", "Straathoekwerk"}


def test_it_documents_csv_on_the_lists_in_the_schema():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for url in LISTS:
        operation = paths[url]["get"]
        assert "text/csv" in operation["responses"]["200"]["content"], url
        (format_parameter,) = [p for p in operation["parameters"] if p["name"] == "format"]
        assert set(format_parameter["schema"]["enum"]) == {"json", "csv"}
    assert "text/csv" not in paths["/api/v1/offers/{id}/"]["get"]["responses"]["200"]["content"]
