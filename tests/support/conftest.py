"""Personas of the support app: a small self-organisation that asks, a partner whose catalogue offers that kind of
support, a second catalogue organisation, an outsider (the partner organisation without a catalogue) and a charter
coordinator of the city; and a shared space of the partner organisation, bookable every day from 8 to 22."""

import datetime

import pytest

from offers.models import SharedSpace
from organisations.models import Membership
from support.models import AvailabilitySlot, SupportOffer
from tests import factories


@pytest.fixture
def small_org(db):
    return factories.organisation(name="Samen Sterk", kind="self_organisation")


@pytest.fixture
def small_admin(small_org):
    return factories.admin_of(small_org, email="admin@samensterk.example")


@pytest.fixture
def supporter_org(db):
    org = factories.organisation(name="Steunpunt Vzw")
    SupportOffer.objects.create(
        organisation=org, kind="funding", description="Help with subsidies", for_whom="Small groups", how_to_ask="Ask"
    )
    return org


@pytest.fixture
def supporter_admin(supporter_org):
    return factories.admin_of(supporter_org, email="admin@steunpunt.example")


@pytest.fixture
def second_supporter_admin(db):
    org = factories.organisation(name="Tweede Steunpunt")
    SupportOffer.objects.create(
        organisation=org, kind="funding", description="Subsidy help", for_whom="All", how_to_ask="Ask"
    )
    return factories.admin_of(org, email="admin@tweede.example")


@pytest.fixture
def coordinator(city_org):
    person = factories.user(email="coordinator@stad.example")
    Membership.objects.create(user=person, organisation=city_org, role="member", is_charter_coordinator=True)
    return person


@pytest.fixture
def space(partner_org):
    space = SharedSpace.objects.create(
        organisation=partner_org,
        name="Grote zaal",
        neighbourhood=factories.neighbourhood(7),
        address="Rabotstraat 1",
        availability="Every day",
        contact="info@debrug.example",
    )
    for weekday in range(7):
        AvailabilitySlot.objects.create(
            space=space, weekday=weekday, starts_at=datetime.time(8), ends_at=datetime.time(22)
        )
    return space


def as_user(user):
    """A client logged in as ``user`` for both pages and the API (a session, as the browser has)."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(user)
    return client
