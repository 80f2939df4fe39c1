"""A lean list (charter_portal/api_lean.py) gives exactly what the viewset's serializer gives, row by row."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Prefetch
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from offers.api import OfferSerializer
from offers.models import Offer, OfferTime
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
            dates=["2026-07-06", "2026-07-07"],
            closed_dates=["2026-12-23"],
        ),
        factories.offer(partner_org, movement_circles=[circle], status=Offer.Status.DRAFT, title="Ontwerp"),
    ]
    offers[1].bridge_sectors.set(Sector.objects.order_by("-position")[:2])
    for weekday, start, end in ((6, "14:00", "16:30"), (3, "19:00", "20:00"), (3, "14:00", "18:00")):
        OfferTime.objects.create(offer=offers[0], weekday=weekday, starts_at=start, ends_at=end)
    OfferTime.objects.create(offer=offers[2], weekday=1, starts_at="10:00", ends_at="12:00")
    page = api_client_for(city_admin).get("/api/v1/offers/", {"page_size": 10}).json()
    expected = [_as_json(OfferSerializer(offer).data) for offer in Offer.objects.filter(pk__in=[o.pk for o in offers])]
    assert page["count"] == 3
    assert page["results"] == expected
    assert page["results"][0]["functions"] == ["leisure", "welfare", "signal"]  # the functions' own order
    by_id = {row["id"]: row for row in page["results"]}
    assert [t["weekday"] for t in by_id[offers[0].pk]["times"]] == [3, 3, 6] and by_id[offers[1].pk]["times"] == []
    assert by_id[offers[1].pk]["dates"] == ["2026-07-06", "2026-07-07"]


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


def test_a_page_of_hsds_services_writes_each_outline_as_the_single_service_does(api_client, partner_org):
    """The list reads the outlines once per page (offers.hsds.load_extents); each service is what the mapping
    gives for the offer on its own, outlines loaded with it."""
    from offers import hsds

    one, two = factories.neighbourhood(1), factories.neighbourhood(2)
    one.geometry = {"type": "Polygon", "coordinates": [[[3.70, 51.05], [3.71, 51.05], [3.71, 51.06], [3.70, 51.05]]]}
    two.geometry = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[3.72, 51.05], [3.73, 51.05], [3.73, 51.06], [3.72, 51.05]]],
            [[[3.74, 51.05], [3.75, 51.05], [3.75, 51.06], [3.74, 51.05]]],
        ],
    }
    one.save()
    two.save()
    circle = factories.movement_circle(two, one)
    for n in range(3):
        factories.offer(partner_org, title=f"Aanbod {n}", neighbourhoods=[one], movement_circles=[circle])
    listed = api_client.get("/api/v1/hsds/services/").json()["contents"]
    terms = hsds.terms_by_code()
    alone = [_as_json(hsds.service(offer, terms=terms)) for offer in hsds.hsds_offers()]
    assert listed == alone
    extents = {area["name"]: area["extent"] for area in listed[0]["service_areas"]}
    assert json.loads(extents[circle.name]) == {
        "type": "MultiPolygon",
        "coordinates": [one.geometry["coordinates"], *two.geometry["coordinates"]],
    }
    assert json.loads(extents[one.name]) == one.geometry


def test_a_page_of_signals_is_what_the_serializer_gives(partner_org, partner_member, city_staff, city_org):
    from signals import services
    from signals.api import SignalSerializer
    from signals.models import Signal

    one, two = factories.neighbourhood(1), factories.neighbourhood(2)
    circle = factories.movement_circle(two, one)
    first = services.signal_report(
        by=partner_member,
        organisation=partner_org,
        title="Speelplein zonder licht",
        description="Kinderen blijven weg na donker.",
        themes=["public_space", "welfare"],
        children_affected="21-50",
        city_wide=False,
        neighbourhoods=[two, one],
        movement_circles=[circle],
    )
    services.signal_acknowledge(signal=first, by=city_staff, responsible_body=city_org)
    services.signal_report(
        by=partner_member,
        organisation=partner_org,
        title="Geen plek om te studeren",
        description="Jongeren zoeken een rustige plek.",
        themes=["education"],
        children_affected="6-20",
        city_wide=True,
    )
    page = api_client_for(city_staff).get("/api/v1/signals/").json()
    signals = Signal.objects.for_lists().order_by("-submitted_at", "-pk")
    assert page["count"] == 2
    assert page["results"] == [_as_json(SignalSerializer(signal).data) for signal in signals]
    assert page["results"][1]["themes"] == ["public_space", "welfare"]


def test_pages_of_organisations_collaborations_and_covenants_are_what_their_serializers_give(
    partner_org, other_org, city_org, city_admin, partner_member
):
    from covenants import services as covenant_services
    from covenants.api import CovenantListSerializer
    from covenants.models import Covenant
    from offers.api import CollaborationSerializer
    from offers.models import Collaboration, CollaborationMember
    from organisations.api import OrganisationSerializer
    from organisations.models import Organisation

    partner_org.sectors.set(Sector.objects.order_by("-position")[:3])
    wijk = factories.neighbourhood(4)
    together = factories.collaboration(partner_org, other_org, neighbourhoods=[wijk], name="Samen")
    CollaborationMember.objects.create(
        collaboration=together, organisation=city_org, status=CollaborationMember.Status.INVITED
    )
    factories.collaboration(other_org, movement_circles=[factories.movement_circle(wijk)], name="Alleen")
    for number, partner, collaboration in ((1, partner_org, None), (2, None, together)):
        covenant_services.covenant_create(
            by=None,
            reference=f"CONV-L-{number}",
            title=f"Convenant {number}",
            city_service=city_org,
            partner_organisation=partner,
            partner_collaboration=collaboration,
            starts_on=date(2026, 1, 1),
            ends_on=date(2027, 12, 31),
        )
    client = api_client_for(city_admin)
    cases = (
        (
            "/api/v1/organisations/",
            OrganisationSerializer,
            Organisation.objects.with_signatory_flag().order_by("name", "id"),
        ),
        (
            "/api/v1/collaborations/",
            CollaborationSerializer,
            # members in the order of the viewset's prefetch
            Collaboration.objects.prefetch_related(
                Prefetch("members", queryset=CollaborationMember.objects.order_by("organisation_id"))
            ).order_by("name", "id"),
        ),
        ("/api/v1/covenants/", CovenantListSerializer, Covenant.objects.for_list().order_by("-starts_on", "reference")),
    )
    for path, serializer, rows in cases:
        page = client.get(path).json()["results"]
        assert page == [_as_json(serializer(row).data) for row in rows], path
    collaborations = {row["name"]: row for row in client.get("/api/v1/collaborations/").json()["results"]}
    assert collaborations["Samen"]["organisations"] == sorted([partner_org.pk, other_org.pk])
    assert collaborations["Samen"]["invited_organisations"] == [city_org.pk]
