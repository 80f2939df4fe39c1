"""A lean list (charter_portal/api_lean.py) gives exactly what the viewset's serializer gives, row by row."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from offers.api import OfferSerializer
from offers.models import Offer
from organisations.models import Sector
from tests import factories
from tests.conftest import api_client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("nothing_kept")]


def _as_json(data):
    return json.loads(JSONRenderer().render(data))


def test_a_page_of_offers_is_what_the_serializer_gives(partner_org, other_org, city_admin):
    one, two, three = factories.neighbourhood(1), factories.neighbourhood(2), factories.neighbourhood(3)
    circle = factories.movement_circle(three, one)
    offers = [
        factories.offer(partner_org, neighbourhoods=[three, one], functions_=("signal", "leisure", "welfare")),
        factories.offer(
            other_org,
            neighbourhoods=[two],
            movement_circles=[circle],
            functions_=("bridge",),
            weekly_hours=Decimal("6.50"),
            age_min=10,
            age_max=16,
            starts_on=date(2026, 1, 1),
            ends_on=date.today() + timedelta(days=30),
            published_at=timezone.now(),
            is_warm_place=True,
            address="Wondelgemstraat 10, 9000 Gent",
        ),
        factories.offer(partner_org, movement_circles=[circle], status=Offer.Status.DRAFT, title="Ontwerp"),
    ]
    offers[1].bridge_sectors.set(Sector.objects.order_by("-position")[:2])
    page = api_client_for(city_admin).get("/api/v1/offers/", {"page_size": 10}).json()
    expected = [
        _as_json(OfferSerializer(offer).data) for offer in Offer.objects.filter(pk__in=[o.pk for o in offers])
    ]
    assert page["count"] == 3
    assert page["results"] == expected
    assert page["results"][0]["functions"] == ["leisure", "welfare", "signal"]  # the functions' own order


def test_filters_and_visibility_apply_to_the_lean_page(partner_org, other_org, partner_member):
    wijk = factories.neighbourhood(1)
    factories.offer(partner_org, neighbourhoods=[wijk], title="Eigen ontwerp", status=Offer.Status.DRAFT)
    factories.offer(other_org, neighbourhoods=[wijk], title="Ander ontwerp", status=Offer.Status.DRAFT)
    factories.offer(other_org, neighbourhoods=[wijk], title="Gepubliceerd", functions_=("welfare",))
    client = api_client_for(partner_member)
    titles = [row["title"] for row in client.get("/api/v1/offers/").json()["results"]]
    assert titles == ["Eigen ontwerp", "Gepubliceerd"]
    welfare = client.get("/api/v1/offers/", {"function": "welfare"}).json()
    assert [row["title"] for row in welfare["results"]] == ["Gepubliceerd"] and welfare["count"] == 1
