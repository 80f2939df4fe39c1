"""The support pages in a real browser, in Dutch and in English, at desktop and phone size: axe finds nothing, no
console errors, no horizontal scrolling (``Visit.check``)."""

import datetime

import pytest
from django.utils import timezone

from offers.models import SharedSpace
from organisations.models import Function, Sector
from support import services
from support.models import AvailabilityException, AvailabilitySlot, SmallOrganisation, SpaceConditions, SupportOffer
from tests import factories
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def support_data(partner_org, partner_admin, other_org, other_admin, city_org):
    SmallOrganisation.objects.create(organisation=partner_org)
    SupportOffer.objects.create(
        organisation=city_org,
        kind="funding",
        description="Hulp bij subsidies",
        for_whom="Zelforganisaties",
        how_to_ask="Via het portaal",
    )
    services.support_request_create(by=partner_admin, organisation=partner_org, kind="funding", needs="Een dossier")
    space = SharedSpace.objects.create(
        organisation=partner_org,
        name="Grote zaal",
        neighbourhood=factories.neighbourhood(7),
        address="Rabotstraat 1",
        availability="Elke dag",
        contact="info@debrug.example",
        capacity=40,
    )
    SpaceConditions.objects.create(space=space, is_public=True, key_arrangement="Sleutel aan het onthaal")
    for weekday in range(7):
        AvailabilitySlot.objects.create(space=space, weekday=weekday, starts_at="09:00", ends_at="22:00")
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    AvailabilityException.objects.create(
        space=space,
        starts_on=monday + datetime.timedelta(days=4),
        ends_on=monday + datetime.timedelta(days=4),
        reason="Feestdag",
    )
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time(18)))
    services.booking_request(
        by=other_admin,
        space=space,
        organisation=other_org,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        purpose="Vergadering",
        weekly_until=monday + datetime.timedelta(weeks=3),
    )
    services.mentorship_propose(
        by=partner_admin,
        mentee=partner_org,
        mentor=other_org,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=180),
    )
    collaboration = factories.collaboration(
        partner_org, other_org, neighbourhoods=[factories.neighbourhood(7)], name="Samen Rabot"
    )
    services.collaboration_role_set(
        by=partner_admin,
        collaboration=collaboration,
        organisation=partner_org,
        role="partner",
        functions=Function.objects.filter(code="leisure"),
        sectors=Sector.objects.filter(code="education"),
    )
    return {
        "space": space,
        "monday": monday,
        "collaboration": collaboration,
        "request": partner_org.support_requests.get(),
    }


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_support_pages_are_accessible_in_both_languages(visit, support_data, partner_admin, city_staff, language):
    space, collaboration = support_data["space"], support_data["collaboration"]
    person = visit(language)
    person.login(partner_admin.email, PASSWORD)
    pages = [
        ("requests", "/ondersteuning/"),
        ("request", f"/ondersteuning/vragen/{support_data['request'].pk}/"),
        ("request-edit", f"/ondersteuning/vragen/{support_data['request'].pk}/bewerken/"),
        ("volunteer-run", f"/ondersteuning/organisaties/{support_data['request'].organisation.slug}/vrijwilligers/"),
        ("ask", "/ondersteuning/vragen/nieuw/"),
        ("catalogue", "/ondersteuning/catalogus/"),
        ("offer-support", "/ondersteuning/catalogus/nieuw/"),
        ("mentorships", "/ondersteuning/mentorschap/"),
        ("spaces", "/ondersteuning/ruimtes/"),
        ("space", f"/ondersteuning/ruimtes/{space.pk}/"),
        ("space-manage", f"/ondersteuning/ruimtes/{space.pk}/beheer/"),
        ("calendar", f"/ondersteuning/ruimtes/{space.pk}/week/?week={support_data['monday']}"),
        ("collaborations", "/ondersteuning/samenwerkingen/"),
        ("roles", f"/ondersteuning/samenwerkingen/{collaboration.pk}/rollen/"),
        ("profile", f"/organisaties/{collaboration.coordinator.slug}/"),
    ]
    for name, path in pages:
        person.goto(path)
        person.check(f"{language}-{name}")
    person.close()
    staff = visit(language)
    staff.login(city_staff.email, PASSWORD)
    staff.goto("/ondersteuning/overzicht/")
    staff.check(f"{language}-overview")
    staff.goto(f"/wijken/wijk/{factories.neighbourhood(7).slug}/")
    staff.check(f"{language}-coverage")
    staff.close()
    anonymous = visit(language)
    anonymous.goto("/ondersteuning/ruimtes/publiek/")
    anonymous.check(f"{language}-public-spaces")
    anonymous.close()
