import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from neighbourhoods.models import Indicator, IndicatorValue
from tests import factories
from tests.conftest import api_client_for
from tests.neighbourhoods.conftest import add_neighbourhoods

pytestmark = pytest.mark.django_db
URL = "/api/v1/coverage/"
FIELDS = {
    "area_type",
    "area_id",
    "name",
    "is_priority",
    "functions_present",
    "missing_functions",
    "integral",
    "integral_via",
    "warm_place",
    "leisure_hours_per_week",
    "gaps",
    "meets_charter",
}


def test_it_returns_exactly_the_documented_fields(partner_member, covered_world, rabot):
    response = api_client_for(partner_member).get(
        URL, {"date": timezone.localdate().isoformat(), "is_priority": "true"}
    )
    assert response.status_code == 200
    assert response.data["count"] == 1
    row = response.json()["results"][0]
    assert set(row) == FIELDS
    assert row == {
        "area_type": "neighbourhood",
        "area_id": rabot.pk,
        "name": "Rabot - Blaisantvest",
        "is_priority": True,
        "functions_present": ["leisure", "welfare", "bridge", "signal"],
        "missing_functions": [],
        "integral": True,
        "integral_via": [{"type": "collaboration", "id": covered_world["collaboration"].pk, "name": "Samen Rabot"}],
        "warm_place": True,
        "leisure_hours_per_week": 6.0,
        "gaps": [],
        "meets_charter": True,
    }


def test_it_filters_by_area_type_and_meets_charter(city_staff, covered_world, rabot):
    factories.movement_circle(rabot, name="Cirkel")
    client = api_client_for(city_staff)
    assert client.get(URL, {"area_type": "movement_circle"}).data["count"] == 1
    assert client.get(URL, {"area_type": "neighbourhood"}).data["count"] == 25
    met = client.get(URL, {"meets_charter": "true", "area_type": "neighbourhood"}).data
    assert [r["name"] for r in met["results"]] == ["Rabot - Blaisantvest"]
    assert client.get(URL, {"meets_charter": "false"}).data["count"] == 24


@time_machine.travel(datetime.datetime(2026, 6, 1, 22, 30, tzinfo=datetime.UTC), tick=False)
def test_it_defaults_to_today_in_brussels(partner_member, partner_org, rabot):
    # 22:30 UTC on 1 June is already 2 June in Brussels: an offer starting on 2 June counts.
    factories.offer(partner_org, neighbourhoods=[rabot], starts_on=datetime.date(2026, 6, 2))
    data = api_client_for(partner_member).get(URL, {"area_type": "neighbourhood", "page_size": 1}).json()
    assert data["results"][0]["name"] == "Binnenstad"
    data = api_client_for(partner_member).get(URL, {"meets_charter": "true"}).json()
    assert [r["name"] for r in data["results"]] == ["Rabot - Blaisantvest"]


def test_it_rejects_bad_parameters(partner_member):
    client = api_client_for(partner_member)
    assert client.get(URL, {"date": "01-06-2026"}).status_code == 400
    assert client.get(URL, {"area_type": "city"}).status_code == 400
    assert client.get(URL, {"is_priority": "maybe"}).status_code == 400


def test_it_refuses_visitors_and_people_without_an_organisation(api_client, db):
    assert api_client.get(URL).status_code == 401
    assert api_client_for(factories.user()).get(URL).status_code == 403


def test_it_keeps_the_same_query_count_for_25_and_500_areas(
    partner_member, partner_org, rabot, django_assert_num_queries, rendered_afresh
):
    client = api_client_for(partner_member)
    factories.offer(partner_org, neighbourhoods=[rabot])
    client.get(URL)  # the first request creates the throttle entry in the shared cache
    # A computed coverage is kept until the data changes: a second request reads nothing.
    with django_assert_num_queries(0):
        assert client.get(URL).status_code == 200
    # Computing it costs coverage_on (11): the city's thresholds, neighbourhoods, circle links, circles, 3 offer and
    # 4 collaboration reads. The actor is remembered on the force-authenticated user since the first request; the
    # throttle uses the tests' local-memory cache or Redis (no queries).
    rendered_afresh()
    with django_assert_num_queries(11):
        assert client.get(URL).status_code == 200
    for area in add_neighbourhoods(475)[:30]:
        factories.offer(partner_org, functions_=("welfare",), neighbourhoods=[area])
    rendered_afresh()
    with django_assert_num_queries(11):
        data = client.get(URL).data
    assert data["count"] == 500
    assert len(data["results"]) == 50


@pytest.mark.usefixtures("without_outlines")
def test_it_serves_the_neighbourhoods_as_geojson_with_status(partner_member, covered_world, rabot):
    rabot.geometry = {"type": "Polygon", "coordinates": [[[3.7, 51.06], [3.72, 51.06], [3.71, 51.07], [3.7, 51.06]]]}
    rabot.save()
    data = (
        api_client_for(partner_member)
        .get("/api/v1/neighbourhoods/geojson/", {"date": timezone.localdate().isoformat()})
        .json()
    )
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 25
    feature = next(f for f in data["features"] if f["id"] == rabot.pk)
    assert feature["geometry"]["type"] == "Polygon"
    assert feature["properties"]["status"] == "meets"
    muide = next(f for f in data["features"] if f["properties"]["number"] == 10)
    assert muide["properties"]["status"] == "gaps"
    assert muide["geometry"] is None


def test_it_serves_indicators_values_and_priority_decisions(partner_member, city_admin, rabot):
    indicator = Indicator.objects.create(code="poverty", name="Poverty")
    IndicatorValue.objects.create(indicator=indicator, neighbourhood=rabot, year=2025, value=12)
    IndicatorValue.objects.create(indicator=indicator, neighbourhood=factories.neighbourhood(1), year=2025, value=2)
    client = api_client_for(partner_member)
    assert client.get("/api/v1/indicators/").data["results"][0]["code"] == "poverty"
    values = client.get("/api/v1/indicator-values/", {"indicator": "poverty", "neighbourhood": rabot.pk}).data
    assert values["count"] == 1
    assert values["results"][0]["neighbourhood_number"] == 7
    assert client.get("/api/v1/indicator-values/", {"year": "x"}).status_code == 400
    from neighbourhoods.services import priority_decide

    decision = priority_decide(by=city_admin, year=2025, method="top_n", top_n=1)
    data = client.get(f"/api/v1/priority-decisions/{decision.pk}/").data
    assert data["scores"][0]["name"] == "Rabot - Blaisantvest"
    assert client.post("/api/v1/indicators/", {"code": "x", "name": "x"}).status_code == 405


def test_it_keeps_the_geojson_query_count_for_25_and_500_areas(partner_member, django_assert_num_queries):
    client = api_client_for(partner_member)
    client.get("/api/v1/neighbourhoods/geojson/")
    # coverage_on (11) as for the list, each time it is computed; the actor is remembered since the first
    # request, the throttle uses the local-memory cache or Redis.
    cache.clear()
    with django_assert_num_queries(11):
        assert len(client.get("/api/v1/neighbourhoods/geojson/").data["features"]) == 25
    add_neighbourhoods(475)
    with django_assert_num_queries(11):
        assert len(client.get("/api/v1/neighbourhoods/geojson/").data["features"]) == 500
