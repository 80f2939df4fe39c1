"""Demo offers, collaborations and shared spaces for the demo organisations (idempotent).

Several neighbourhoods are left without leisure on purpose (Wondelgem, Oostakker, Zwijnaarde,
Sint-Denijs-Westrem, Mariakerke, Drongen ...) so that the coverage review shows gaps.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from neighbourhoods.demo import seed_movement_circles
from neighbourhoods.models import Neighbourhood
from offers.models import Collaboration, CollaborationMember, Offer, SharedSpace
from organisations.demo import seed_foundation
from organisations.models import Function, Sector

DEMO_NOTE = "Fictieve demogegevens."
P, D, A = Offer.Status.PUBLISHED, Offer.Status.DRAFT, Offer.Status.ARCHIVED

# organisation, title, functions, neighbourhoods, circles, extra fields
OFFERS = [
    (
        "de-brug-demo",
        "Open jeugdhuis De Brug",
        ["leisure"],
        [7],
        [],
        {
            "description": "Een open huis voor tieners: tafelvoetbal, muziek, koken en gewoon samen zijn.",
            "is_warm_place": True,
            "address": "Rabotstraat 12, 9000 Gent",
            "age_min": 12,
            "age_max": 18,
            "weekly_hours": Decimal("12"),
            "schedule": "Woensdag 14:00-18:00, vrijdag 16:00-20:00, zaterdag 14:00-18:00.",
            "languages": "Nederlands, Arabisch, Turks",
            "language_codes": "ar,nl,tr",
            "how_to_join": Offer.HowToJoin.DROP_IN,
            "contact_phone": "09 000 00 00",
            "contact_email": "jeugdhuis@debrug.example",
            "contact_hours": "Woensdag en vrijdag vanaf 14:00",
            "closed_dates": ["2026-12-25", "2027-01-01"],
            "times": [(3, "14:00", "18:00"), (5, "16:00", "20:00"), (6, "14:00", "18:00")],
        },
    ),
    (
        "de-brug-demo",
        "Huiswerkklas",
        ["bridge"],
        [7, 9],
        [],
        {
            "description": "Vrijwilligers helpen met huiswerk en houden contact met de school.",
            "address": "Rabotstraat 12, 9000 Gent",
            "age_min": 10,
            "age_max": 16,
            "weekly_hours": Decimal("6"),
            "schedule": "Maandag en donderdag 16:30-19:30, niet in de schoolvakanties.",
            "sectors": ["education"],
            "how_to_join": Offer.HowToJoin.REGISTER,
            "language_codes": "nl",
            "times": [(1, "16:30", "19:30"), (4, "16:30", "19:30")],
        },
    ),
    (
        "de-brug-demo",
        "Jongerenbegeleiding op maat",
        ["welfare"],
        [7],
        [],
        {
            "description": "Een vaste jeugdwerker luistert en zoekt mee naar oplossingen.",
            "age_min": 12,
            "age_max": 25,
            "weekly_hours": Decimal("8"),
            "schedule": "Op afspraak, ook 's avonds.",
        },
    ),
    (
        "de-brug-demo",
        "Zomerkamp 2026 (concept)",
        ["leisure"],
        [7],
        [],
        {
            "status": D,
            "description": "Vijf dagen op kamp in de Ardennen.",
            "age_min": 10,
            "age_max": 14,
            "weekly_hours": Decimal("40"),
            "starts_on": datetime.date(2026, 7, 6),
            "ends_on": datetime.date(2026, 7, 10),
            "is_free": False,
            "cost_description": "35 euro, met UiTPAS 7 euro.",
            "has_reduced_rate": True,
        },
    ),
    (
        "buurtwerk-rabot-demo",
        "Straathoekwerk Rabot",
        ["welfare", "signal"],
        [7, 4],
        [],
        {
            "description": "Straathoekwerkers zijn aanwezig op pleinen en in parken "
            "en brengen wat jongeren meemaken naar het beleid.",
            "is_mobile": True,
            "age_min": 14,
            "age_max": 25,
            "weekly_hours": Decimal("16"),
            "schedule": "Dinsdag tot zaterdag, namiddag en avond.",
        },
    ),
    (
        "buurtwerk-rabot-demo",
        "Pleinsport Blaisantvest",
        ["leisure"],
        [7],
        [],
        {
            "description": "Voetbal, basket en dans op het plein.",
            "is_mobile": True,
            "age_min": 8,
            "age_max": 16,
            "weekly_hours": Decimal("4"),
            "schedule": "Woensdag 14:00-16:00 en zaterdag 10:00-12:00.",
        },
    ),
    (
        "speelplein-muide-demo",
        "Speelplein Muide",
        ["leisure"],
        [10],
        [],
        {
            "description": "Elke dag spelen in de zomer, met animatoren uit de buurt.",
            "is_warm_place": True,
            "address": "Meulesteedsesteenweg 100, 9000 Gent",
            "age_min": 4,
            "age_max": 12,
            "weekly_hours": Decimal("35"),
            "starts_on": datetime.date(2026, 7, 1),
            "ends_on": datetime.date(2026, 8, 31),
            "schedule": "Maandag tot vrijdag 9:00-17:00 in juli en augustus.",
        },
    ),
    (
        "speelplein-muide-demo",
        "Speelstraatdag Afrikalaan",
        ["leisure"],
        [10],
        [],
        {
            "description": "Eén dag speelstraat met springkasteel en grime.",
            "age_min": 3,
            "age_max": 12,
            "weekly_hours": Decimal("6"),
            "starts_on": datetime.date(2026, 6, 13),
            "ends_on": datetime.date(2026, 6, 13),
            "address": "Afrikalaan, 9000 Gent",
        },
    ),
    (
        "brede-school-dampoort-demo",
        "Naschoolse werking Dampoort",
        ["leisure", "bridge"],
        [13],
        [],
        {
            "description": "Sport, cultuur en huiswerk na school, samen met de scholen van de wijk.",
            "address": "Dampoortstraat 30, 9000 Gent",
            "age_min": 6,
            "age_max": 14,
            "weekly_hours": Decimal("10"),
            "schedule": "Maandag, dinsdag en donderdag 15:30-18:00.",
            "sectors": ["education", "sport", "culture"],
        },
    ),
    (
        "samen-sterk-demo",
        "Meidenwerking Bloemekenswijk",
        ["leisure", "signal"],
        [9],
        [],
        {
            "description": "Een veilige plek voor meisjes: koken, praten, uitstappen, en samen zeggen wat beter moet.",
            "is_warm_place": True,
            "address": "Jozef Guislainstraat 5, 9000 Gent",
            "age_min": 10,
            "age_max": 18,
            "weekly_hours": Decimal("5"),
            "languages": "Nederlands, Arabisch, Berbers",
            "schedule": "Zaterdag 13:00-18:00.",
        },
    ),
    (
        "samen-sterk-demo",
        "Taalcafé voor jongeren",
        ["bridge"],
        [],
        ["Beweegcirkel West (demo)"],
        {
            "description": "Nederlands oefenen in een ontspannen sfeer, met tips over school en werk.",
            "age_min": 14,
            "age_max": 25,
            "weekly_hours": Decimal("2"),
            "schedule": "Vrijdag 18:00-20:00.",
            "sectors": ["education", "work"],
        },
    ),
    (
        "kleurrijk-ledeberg-demo",
        "Kinderatelier Ledeberg",
        ["leisure"],
        [18],
        [],
        {
            "description": "Knutselen, schilderen en verhalen voor kinderen uit de buurt.",
            "is_warm_place": True,
            "address": "Hundelgemsesteenweg 50, 9050 Gent",
            "age_min": 5,
            "age_max": 12,
            "weekly_hours": Decimal("4"),
            "schedule": "Woensdag 13:30-17:30.",
        },
    ),
    (
        "kleurrijk-ledeberg-demo",
        "Ouder-kindnamiddag",
        ["welfare"],
        [18],
        [],
        {
            "description": "Ouders en kinderen samen, met een opvoedingsondersteuner erbij.",
            "age_min": 0,
            "age_max": 6,
            "weekly_hours": Decimal("2"),
        },
    ),
    (
        "jeugddienst-demo",
        "Mobiel jeugdwerk Zuid",
        ["leisure", "signal"],
        [],
        ["Beweegcirkel Zuid (demo)"],
        {
            "description": "Jeugdwerkers met een bakfiets vol spelmateriaal trekken naar pleinen en parken.",
            "is_mobile": True,
            "age_min": 8,
            "age_max": 18,
            "weekly_hours": Decimal("12"),
        },
    ),
    (
        "jeugddienst-demo",
        "Speelpleinwerking Binnenstad",
        ["leisure"],
        [1, 22],
        [],
        {
            "description": "Speelplein in het stadscentrum in de schoolvakanties.",
            "is_warm_place": True,
            "address": "Sint-Pietersplein 1, 9000 Gent",
            "age_min": 4,
            "age_max": 14,
            "weekly_hours": Decimal("30"),
        },
    ),
    (
        "welzijn-demo",
        "Jongerenloket",
        ["welfare", "bridge"],
        [21, 22],
        [],
        {
            "description": "Vragen over geld, wonen, school of werk: we zoeken samen de juiste hulp.",
            "address": "Koningin Maria Hendrikaplein 5, 9000 Gent",
            "age_min": 16,
            "age_max": 25,
            "weekly_hours": Decimal("20"),
            "sectors": ["welfare", "work", "housing"],
        },
    ),
    (
        "ocmw-demo",
        "Begeleiding jonge nieuwkomers",
        ["welfare", "bridge"],
        [20, 3],
        [],
        {
            "description": "Begeleiding naar school, werk en vrije tijd voor jonge nieuwkomers.",
            "age_min": 16,
            "age_max": 25,
            "weekly_hours": Decimal("15"),
            "sectors": ["education", "work"],
        },
    ),
    (
        "ocmw-demo",
        "Sportkamp Nieuw Gent",
        ["leisure"],
        [20],
        [],
        {
            "description": "Een week sport in de paasvakantie.",
            "age_min": 8,
            "age_max": 14,
            "weekly_hours": Decimal("30"),
            "starts_on": datetime.date(2026, 4, 6),
            "ends_on": datetime.date(2026, 4, 10),
        },
    ),
    (
        "buurtwerk-rabot-demo",
        "Wintercafé 2024 (afgelopen)",
        ["leisure"],
        [7],
        [],
        {
            "status": A,
            "description": "Een warme plek tijdens de winter van 2024.",
            "age_min": 12,
            "age_max": 25,
            "weekly_hours": Decimal("6"),
            "starts_on": datetime.date(2024, 12, 1),
            "ends_on": datetime.date(2025, 2, 28),
        },
    ),
    (
        "brede-school-dampoort-demo",
        "Kinderraad Sint-Amandsberg",
        ["signal"],
        [14, 15],
        [],
        {
            "description": "Kinderen bespreken wat ze in hun buurt willen veranderen en stellen het voor aan de stad.",
            "age_min": 9,
            "age_max": 12,
            "weekly_hours": Decimal("1.5"),
        },
    ),
    (
        "samen-sterk-demo",
        "Voetbal Brugse Poort",
        ["leisure"],
        [4, 5],
        [],
        {
            "description": "Minivoetbal op het Pierkespark.",
            "age_min": 8,
            "age_max": 16,
            "weekly_hours": Decimal("3"),
            "is_mobile": True,
        },
    ),
    (
        "kleurrijk-ledeberg-demo",
        "Huiswerkbegeleiding Gentbrugge",
        ["bridge"],
        [16, 17],
        [],
        {
            "description": "Huiswerkbegeleiding met vrijwillige studenten.",
            "age_min": 8,
            "age_max": 14,
            "weekly_hours": Decimal("4"),
            "sectors": ["education"],
        },
    ),
]

SPACES = [
    (
        "de-brug-demo",
        "Grote zaal De Brug",
        7,
        "Rabotstraat 12, 9000 Gent",
        60,
        "Keuken, geluidsinstallatie, projector, rolstoeltoegankelijk toilet.",
        "Maandag en dinsdag overdag; zondag.",
        "verhuur@debrug-demo.example",
    ),
    (
        "brede-school-dampoort-demo",
        "Turnzaal Dampoort",
        13,
        "Dampoortstraat 30, 9000 Gent",
        80,
        "Turntoestellen, kleedkamers, douches.",
        "Weekdagen na 18:00 en zaterdagvoormiddag.",
        "09 000 00 00",
    ),
    (
        "kleurrijk-ledeberg-demo",
        "Atelierruimte Ledeberg",
        18,
        "Hundelgemsesteenweg 50, 9050 Gent",
        20,
        "Grote tafels, gootsteen, knutselmateriaal.",
        "Dinsdag en donderdag, hele dag.",
        "atelier@kleurrijk-demo.example",
    ),
    (
        "speelplein-muide-demo",
        "Speelterrein Muide",
        10,
        "Meulesteedsesteenweg 100, 9000 Gent",
        150,
        "Grasveld, speeltuig, materiaalkot, toiletten.",
        "Buiten juli en augustus, in overleg.",
        "info@speelplein-muide-demo.example",
    ),
]


@transaction.atomic
def seed(log=print):
    world = seed_foundation()
    orgs, circles = world.organisations, seed_movement_circles()
    functions = {f.code: f for f in Function.objects.all()}
    sectors = {s.code: s for s in Sector.objects.all()}
    wijken = {n.number: n for n in Neighbourhood.objects.all()}

    made = 0
    for slug, title, codes, numbers, circle_names, extra in OFFERS:
        extra = dict(extra)
        sector_codes = extra.pop("sectors", [])
        times = extra.pop("times", [])
        status = extra.pop("status", P)
        extra["description"] = f"{extra.get('description', '')} {DEMO_NOTE}".strip()
        offer, created = Offer.objects.get_or_create(
            organisation=orgs[slug],
            title=title,
            defaults={**extra, "status": status, "published_at": timezone.now() if status != D else None},
        )
        if created:
            offer.full_clean()
            offer.functions.set([functions[c] for c in codes])
            offer.neighbourhoods.set([wijken[n] for n in numbers])
            offer.movement_circles.set([circles[name] for name in circle_names])
            offer.bridge_sectors.set([sectors[c] for c in sector_codes])
            for weekday, starts_at, ends_at in times:
                offer.times.create(weekday=weekday, starts_at=starts_at, ends_at=ends_at)
            made += 1
    log(f"offers: {made} created, {len(OFFERS) - made} already there")

    _collaboration(
        "Samen voor Rabot (demo)",
        coordinator=orgs["de-brug-demo"],
        accepted=[orgs["de-brug-demo"], orgs["buurtwerk-rabot-demo"]],
        invited=[orgs["samen-sterk-demo"]],
        neighbourhoods=[wijken[7]],
        circles=[],
        starts_on=datetime.date(2024, 9, 1),
        ends_on=None,
        description="Jeugdwerk, straathoekwerk en huiswerkbegeleiding bundelen de krachten in Rabot. " + DEMO_NOTE,
        log=log,
    )
    _collaboration(
        "Zomerwerking Noord 2025 (demo)",
        coordinator=orgs["speelplein-muide-demo"],
        accepted=[orgs["speelplein-muide-demo"], orgs["brede-school-dampoort-demo"]],
        invited=[],
        neighbourhoods=[],
        circles=[circles["Beweegcirkel Noord (demo)"]],
        starts_on=datetime.date(2025, 7, 1),
        ends_on=datetime.date(2025, 8, 31),
        description="Een afgelopen zomersamenwerking in het noorden van de stad. " + DEMO_NOTE,
        log=log,
        registered_by_city=True,
    )

    for slug, name, number, address, capacity, facilities, availability, contact in SPACES:
        SharedSpace.objects.get_or_create(
            organisation=orgs[slug],
            name=name,
            defaults={
                "neighbourhood": wijken[number],
                "address": address,
                "capacity": capacity,
                "facilities": facilities,
                "availability": availability,
                "contact": contact,
            },
        )
    log(f"shared spaces: {SharedSpace.objects.filter(organisation__is_demo=True).count()} demo spaces")


def _collaboration(
    name, *, coordinator, accepted, invited, neighbourhoods, circles, log, registered_by_city=False, **fields
):
    collaboration, created = Collaboration.objects.get_or_create(
        name=name, defaults={"coordinator": coordinator, "registered_by_city": registered_by_city, **fields}
    )
    if not created:
        return
    now = timezone.now()
    for org in accepted:
        CollaborationMember.objects.create(
            collaboration=collaboration, organisation=org, status=CollaborationMember.Status.ACCEPTED, responded_at=now
        )
    for org in invited:
        CollaborationMember.objects.create(collaboration=collaboration, organisation=org)
    collaboration.neighbourhoods.set(neighbourhoods)
    collaboration.movement_circles.set(circles)
    log(f"created collaboration {name}")
