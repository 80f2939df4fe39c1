"""Demo support (fictional, marked as demo): a support catalogue, requests in several states, a mentorship, the
availability and bookings of a shared space and the roles in a collaboration.

``seed(log)`` is idempotent: it adds nothing when the demo requests exist.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from offers.models import Collaboration, SharedSpace
from organisations.demo import seed_foundation
from organisations.models import Function, Sector
from support.models import (
    AvailabilityException,
    AvailabilitySlot,
    Booking,
    CollaborationRole,
    Mentorship,
    SpaceConditions,
    SupportOffer,
    SupportRequest,
)
from support.services import answer_due

NOTE = "Fictieve demogegevens."

CATALOGUE = [
    (
        "jeugddienst-demo",
        "space",
        "Lokalen van de stad voor jeugdwerkinitiatieven.",
        "Kleine initiatieven",
        "Vraag het via het portaal.",
    ),
    (
        "jeugddienst-demo",
        "funding",
        "Hulp bij een subsidieaanvraag, van idee tot dossier.",
        "Zelforganisaties",
        "Vraag het via het portaal.",
    ),
    (
        "de-brug-demo",
        "mentor",
        "Een vaste contactpersoon die een jonge organisatie een jaar begeleidt.",
        "Zelforganisaties in de Brugse Poort en Rabot",
        "Vraag het via het portaal.",
    ),
    (
        "de-brug-demo",
        "training",
        "Vorming over omgaan met groepen tieners.",
        "Vrijwilligers",
        "Vraag het via het portaal.",
    ),
]


@transaction.atomic
def seed(log=print) -> None:
    world = seed_foundation()
    orgs, users = world.organisations, world.users
    if SupportRequest.objects.filter(organisation=orgs["samen-sterk-demo"]).exists():
        log("support: demo data exists")
        return
    now, today = timezone.now(), timezone.localdate()
    for slug, kind, description, for_whom, how in CATALOGUE:
        SupportOffer.objects.create(
            organisation=orgs[slug], kind=kind, description=f"{description} {NOTE}", for_whom=for_whom, how_to_ask=how
        )
    asker = users["samensterk.admin@demo.example"]
    small = orgs["samen-sterk-demo"]
    SupportRequest.objects.create(
        organisation=small,
        kind="funding",
        asked_by=asker,
        answer_due_on=answer_due(today),
        needs=f"We willen een subsidie aanvragen voor een zomerkamp en weten niet waar te beginnen. {NOTE}",
        needed_by=today + datetime.timedelta(days=60),
    )
    SupportRequest.objects.create(
        organisation=small,
        kind="space",
        asked_by=asker,
        answer_due_on=answer_due(today),
        status="taken_up",
        supporter=orgs["jeugddienst-demo"],
        taken_up_at=now,
        needs=f"Een lokaal voor ons huiswerkklasje op woensdagnamiddag. {NOTE}",
    )
    SupportRequest.objects.create(
        organisation=small,
        kind="training",
        asked_by=asker,
        answer_due_on=answer_due(today),
        status="done",
        supporter=orgs["de-brug-demo"],
        taken_up_at=now,
        closed_at=now,
        helped=True,
        needs=f"Vorming voor onze nieuwe vrijwilligers. {NOTE}",
    )
    Mentorship.objects.create(
        mentee=small,
        mentor=orgs["de-brug-demo"],
        starts_on=today.replace(day=1),
        ends_on=today.replace(day=1) + datetime.timedelta(days=365),
        goal=f"Een jaar begeleiding bij de start. {NOTE}",
        mentee_accepted_at=now,
        mentor_accepted_at=now,
        proposed_by=users["brug.admin@demo.example"],
    )
    _space(orgs, small, asker, today, log)
    _roles(orgs)
    log("support: catalogue, 3 requests, a mentorship, bookings and collaboration roles")


def _space(orgs, small, asker, today, log):
    space = SharedSpace.objects.filter(organisation=orgs["de-brug-demo"]).order_by("pk").first()
    if space is None:
        return
    SpaceConditions.objects.create(
        space=space,
        is_free=True,
        key_arrangement="Sleutel ophalen aan het onthaal.",
        accessibility="Gelijkvloers, rolstoeltoegankelijk toilet.",
        is_public=True,
    )
    for weekday in (0, 1, 2):
        AvailabilitySlot.objects.create(space=space, weekday=weekday, starts_at="09:00", ends_at="22:00")
    AvailabilitySlot.objects.create(space=space, weekday=6, starts_at="10:00", ends_at="18:00")
    monday = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(days=7)
    AvailabilityException.objects.create(
        space=space,
        starts_on=monday + datetime.timedelta(days=14),
        ends_on=monday + datetime.timedelta(days=20),
        reason="Schoolvakantie: gesloten",
    )
    for week in range(6):
        day = monday + datetime.timedelta(days=2 + 7 * week)
        if day >= monday + datetime.timedelta(days=14) and day <= monday + datetime.timedelta(days=20):
            continue
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))
        Booking.objects.create(
            space=space,
            organisation=small,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            purpose="Huiswerkklas",
            status="accepted" if week < 3 else "requested",
            requested_by=asker,
        )
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time(18)))
    Booking.objects.create(
        space=space,
        organisation=orgs["buurtwerk-rabot-demo"],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        purpose="Buurtoverleg",
        status="accepted",
    )


def _roles(orgs):
    collaboration = Collaboration.objects.filter(name="Samen voor Rabot (demo)").first()
    if collaboration is None:
        return
    for slug, role, functions, sectors in (
        ("de-brug-demo", "partner", ["leisure", "welfare"], ["education", "welfare"]),
        ("buurtwerk-rabot-demo", "referral", ["bridge", "signal"], ["work", "housing"]),
    ):
        row = CollaborationRole.objects.create(collaboration=collaboration, organisation=orgs[slug], role=role)
        row.functions.set(Function.objects.filter(code__in=functions))
        row.sectors.set(Sector.objects.filter(code__in=sectors))
