import pytest

from neighbourhoods.models import MovementCircle, Neighbourhood
from tests import factories
from tests.conftest import api_client_for, field_errors

pytestmark = pytest.mark.django_db

NEIGHBOURHOODS = "/api/v1/neighbourhoods/"
CIRCLES = "/api/v1/movement-circles/"


def test_everyone_reads_the_neighbourhoods(api_client):
    response = api_client.get(NEIGHBOURHOODS)
    assert response.status_code == 200
    assert response.data["count"] == 25
    first = response.json()["results"][0]
    assert first["number"] == 1
    assert first["name"] == "Binnenstad"
    assert {"id", "slug", "is_priority", "priority_override", "priority_motivation", "version"} <= set(first)


def test_the_effective_priority_follows_the_override(city_admin):
    client = api_client_for(city_admin)
    area = factories.neighbourhood(7)
    response = client.patch(
        f"{NEIGHBOURHOODS}{area.pk}/",
        {"priority_override": True, "priority_motivation": "Signalen van partners.", "version": area.version},
    )
    assert response.status_code == 200, response.data
    assert response.data["is_priority"] is True
    assert response.data["priority_override"] is True
    assert [row["number"] for row in client.get(NEIGHBOURHOODS, {"is_priority": "true"}).data["results"]] == [7]


def test_an_override_without_motivation_is_refused(city_admin):
    area = factories.neighbourhood(7)
    response = api_client_for(city_admin).patch(
        f"{NEIGHBOURHOODS}{area.pk}/", {"priority_override": False, "version": area.version}
    )
    assert response.status_code == 400
    assert "priority_motivation" in field_errors(response)
    area.refresh_from_db()
    assert area.priority_override is None


def test_a_stale_version_of_a_neighbourhood_gets_409(city_admin):
    area = factories.neighbourhood(3)
    client = api_client_for(city_admin)
    url = f"{NEIGHBOURHOODS}{area.pk}/"
    assert client.patch(url, {"name": "Macharius", "version": area.version}).status_code == 200
    assert client.patch(url, {"name": "Heirnis", "version": area.version}).status_code == 409
    area.refresh_from_db()
    assert area.name == "Macharius"


@pytest.mark.parametrize("persona", ["partner_admin", "city_staff"])
def test_only_city_admins_write_areas(request, persona):
    area = factories.neighbourhood(5)
    client = api_client_for(request.getfixturevalue(persona))
    assert client.patch(f"{NEIGHBOURHOODS}{area.pk}/", {"name": "X"}).status_code == 403
    assert client.post(CIRCLES, {"name": "X", "neighbourhoods": [area.pk]}).status_code == 403
    assert not MovementCircle.objects.exists()


def test_a_city_admin_creates_a_neighbourhood_with_a_generated_slug(city_admin):
    response = api_client_for(city_admin).post(NEIGHBOURHOODS, {"name": "Nieuwe Wijk", "number": 26})
    assert response.status_code == 201, response.data
    assert response.data["slug"] == "nieuwe-wijk"
    duplicate = api_client_for(city_admin).post(NEIGHBOURHOODS, {"name": "Dubbel", "number": 26})
    assert duplicate.status_code == 400
    assert "number" in field_errors(duplicate)


def test_a_city_admin_creates_a_movement_circle(city_admin, api_client):
    ids = [factories.neighbourhood(n).pk for n in (2, 10)]
    client = api_client_for(city_admin)
    response = client.post(CIRCLES, {"name": "Cirkel Noord", "neighbourhoods": ids})
    assert response.status_code == 201, response.data
    assert response.data["slug"] == "cirkel-noord"
    assert sorted(response.data["neighbourhoods"]) == sorted(ids)
    assert response.data["is_priority"] is False
    public = api_client.get(CIRCLES).json()["results"]
    assert public[0]["name"] == "Cirkel Noord"


def test_a_movement_circle_needs_valid_neighbourhoods(city_admin):
    client = api_client_for(city_admin)
    assert "neighbourhoods" in field_errors(client.post(CIRCLES, {"name": "Leeg", "neighbourhoods": []}))
    assert "neighbourhoods" in field_errors(client.post(CIRCLES, {"name": "Fout", "neighbourhoods": [99999]}))
    assert not MovementCircle.objects.exists()


def test_movement_circle_list_needs_the_same_number_of_queries_for_one_or_twenty(api_client, same_queries):
    first = factories.neighbourhood(1)
    factories.movement_circle(first)
    same_queries(lambda: api_client.get(CIRCLES))
    for n in range(19):
        factories.movement_circle(first, factories.neighbourhood(n + 2))
    assert same_queries(lambda: api_client.get(CIRCLES)).data["count"] == 20


def test_neighbourhood_list_needs_the_same_number_of_queries_for_few_or_many(api_client, same_queries):
    Neighbourhood.objects.exclude(number=1).delete()
    same_queries(lambda: api_client.get(NEIGHBOURHOODS))
    for n in range(19):
        Neighbourhood.objects.create(name=f"Extra {n}", slug=f"extra-{n}", number=100 + n)
    assert same_queries(lambda: api_client.get(NEIGHBOURHOODS)).data["count"] == 20
