"""The demo world: fictional organisations (marked as demo) and one user per role; each app adds its own demo data.

Every app's demo data (``<app>/demo.py``, ``offers/demo.py``) builds on ``seed_foundation``,
which is idempotent, so each can also run on its own.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from organisations.models import Membership, Organisation, Sector

DEMO_PASSWORD = "charter-demo-2026"  # noqa: S105 - printed on purpose: fictional demo accounts

CITY = Organisation.Kind.CITY_SERVICE
CIVIL = Organisation.Kind.CIVIL_SOCIETY
SELF = Organisation.Kind.SELF_ORGANISATION
PUBLIC = Organisation.Kind.PUBLIC_BODY

# slug, name, kind, sectors, description, e-mail, phone, website, approved
ORGANISATIONS = [
    (
        "jeugddienst-demo",
        "Jeugddienst Stad Gent (demo)",
        CITY,
        ["youth_work", "culture"],
        "De Jeugddienst ondersteunt het jeugdwerk in Gent: subsidies, infrastructuur en begeleiding van "
        "jeugdwerkinitiatieven, met extra aandacht voor kinderen en jongeren in een kwetsbare situatie. "
        "Fictieve demo-organisatie.",
        "jeugddienst@stad.example",
        "09 000 00 01",
        "https://jeugddienst.example",
        True,
    ),
    (
        "welzijn-demo",
        "Dienst Welzijn en Gelijke Kansen (demo)",
        CITY,
        ["welfare", "housing", "health"],
        "Stadsdienst die werkt aan welzijn, armoedebestrijding en gelijke kansen, en signalen over "
        "structurele problemen opvolgt samen met de partners. Fictieve demo-organisatie.",
        "welzijn@stad.example",
        "09 000 00 02",
        "https://welzijn.example",
        True,
    ),
    (
        "de-brug-demo",
        "Jeugdwerkhuis De Brug (demo)",
        CIVIL,
        ["youth_work", "welfare", "education"],
        "Open jeugdwerkhuis in de Brugse Poort met een vaste warme plek, huiswerkbegeleiding en "
        "individuele ondersteuning voor tieners en jongvolwassenen. Fictieve demo-organisatie.",
        "info@debrug.example",
        "09 000 00 10",
        "https://debrug.example",
        True,
    ),
    (
        "buurtwerk-rabot-demo",
        "Buurtwerk Rabot (demo)",
        CIVIL,
        ["youth_work", "welfare", "housing"],
        "Buurtwerk in Rabot en Blaisantvest: straathoekwerk, een open speelpleinwerking en een brug "
        "naar school, werk en welzijnsdiensten. Fictieve demo-organisatie.",
        "contact@buurtwerk-rabot.example",
        "09 000 00 11",
        "https://buurtwerk-rabot.example",
        True,
    ),
    (
        "speelplein-muide-demo",
        "Speelpleinwerking Muide (demo)",
        CIVIL,
        ["youth_work", "sport"],
        "Speelpleinwerking in Muide en Meulestede tijdens de schoolvakanties en op woensdagnamiddag, "
        "gratis en zonder inschrijving. Fictieve demo-organisatie.",
        "speelplein@muide.example",
        "",
        "https://speelplein-muide.example",
        True,
    ),
    (
        "brede-school-dampoort-demo",
        "Brede School Dampoort (demo)",
        CIVIL,
        ["education", "brede_school", "culture"],
        "Netwerk van scholen, jeugdwerk en cultuur in Dampoort dat na de schooluren naschoolse "
        "activiteiten en ouderwerking organiseert. Fictieve demo-organisatie.",
        "bredeschool@dampoort.example",
        "09 000 00 13",
        "",
        True,
    ),
    (
        "samen-sterk-demo",
        "Zelforganisatie Samen Sterk (demo)",
        SELF,
        ["youth_work", "culture"],
        "Kleine zelforganisatie van vrijwilligers die in het weekend sport, muziek en taalondersteuning "
        "organiseert voor kinderen uit nieuwkomersgezinnen. Fictieve demo-organisatie.",
        "samensterk@vzw.example",
        "",
        "",
        True,
    ),
    (
        "kleurrijk-ledeberg-demo",
        "Kleurrijk Ledeberg vzw (demo)",
        SELF,
        ["youth_work", "sport", "welfare"],
        "Vrijwilligersorganisatie in Ledeberg met een wekelijkse meisjeswerking en voetbal op het "
        "buurtpleintje. Fictieve demo-organisatie.",
        "info@kleurrijk-ledeberg.example",
        "",
        "https://kleurrijk-ledeberg.example",
        True,
    ),
    (
        "ocmw-demo",
        "OCMW Gent (demo)",
        PUBLIC,
        ["welfare", "housing", "work"],
        "Openbaar centrum voor maatschappelijk welzijn: maatschappelijke dienstverlening, begeleiding "
        "naar werk en ondersteuning van gezinnen. Fictieve demo-organisatie.",
        "onthaal@ocmw.example",
        "09 000 00 20",
        "https://ocmw.example",
        True,
    ),
    (
        "nieuw-initiatief-demo",
        "Nieuw Initiatief (demo)",
        SELF,
        ["youth_work"],
        "Een groep buurtbewoners die een huiswerkklas en een zomerkamp wil opstarten. De registratie "
        "wacht nog op goedkeuring door de stad. Fictieve demo-organisatie.",
        "nieuw@initiatief.example",
        "",
        "",
        False,
    ),
]

# e-mail, full name, organisation slug, role, what the login is for
USERS = [
    ("stad.admin@demo.example", "Sara Stadsbeheer", "jeugddienst-demo", "admin", "city admin"),
    ("stad.medewerker@demo.example", "Koen Jeugddienst", "jeugddienst-demo", "member", "city staff"),
    ("welzijn.medewerker@demo.example", "Leila Welzijn", "welzijn-demo", "member", "city staff (welfare)"),
    ("brug.admin@demo.example", "Bram De Brug", "de-brug-demo", "admin", "partner admin"),
    ("brug.lid@demo.example", "Lotte De Brug", "de-brug-demo", "member", "partner member"),
    ("rabot.admin@demo.example", "Rachid Rabot", "buurtwerk-rabot-demo", "admin", "partner admin"),
    ("samensterk.admin@demo.example", "Sanne Samen Sterk", "samen-sterk-demo", "admin", "self-organisation admin"),
]


@dataclass(frozen=True)
class DemoWorld:
    organisations: dict  # slug -> Organisation
    users: dict  # e-mail -> User


def seed_foundation(log=None) -> DemoWorld:
    """Organisations and users; safe to run again (existing rows are kept up to date).

    Each app's demo seed calls it without a log: ``seed_demo`` logs the foundation once, itself.
    """
    log = log or (lambda message: None)
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    with transaction.atomic():
        organisations = {}
        for slug, name, kind, sector_codes, description, email, phone, website, approved in ORGANISATIONS:
            organisation, created = Organisation.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "kind": kind,
                    "description": description,
                    "email": email,
                    "phone": phone,
                    "website": website,
                    "is_active": True,
                    "is_approved": approved,
                    "is_demo": True,
                },
            )
            if created:
                # Existing demo rows are left as they are, so that a demo (approving, editing) survives a re-run.
                if approved:
                    organisation.approved_at = timezone.now()
                    organisation.save(update_fields=["approved_at"])
                organisation.sectors.set([sectors[code] for code in sector_codes])
            organisations[slug] = organisation
            log(f"{'created' if created else 'kept'} organisation {name}")

        users = {}
        for email, full_name, org_slug, role, _purpose in USERS:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
                log(f"created user {email}")
            Membership.objects.get_or_create(user=user, organisation=organisations[org_slug], defaults={"role": role})
            users[email] = user

        # The not-yet-approved organisation has a registrant too, so its approval e-mail has someone to go to.
        registrant = User.objects.filter(email__iexact="nieuw.initiatief@demo.example").first()
        if registrant is None:
            registrant = User.objects.create_user(
                email="nieuw.initiatief@demo.example", password=DEMO_PASSWORD, full_name="Nora Nieuw"
            )
        Membership.objects.get_or_create(
            user=registrant, organisation=organisations["nieuw-initiatief-demo"], defaults={"role": "admin"}
        )

    return DemoWorld(organisations, users)


# Each app's demo data, registered at start-up (``register_demo`` in its ``AppConfig.ready``): (position, name, seed).
DEMO_SEEDS: list[tuple[int, str, object]] = []


def register_demo(name: str, seed, *, position: int) -> None:
    """``seed(log)`` adds the app's demo data on top of ``seed_foundation`` (idempotent); lowest position first."""
    if all(existing != name for _position, existing, _seed in DEMO_SEEDS):
        DEMO_SEEDS.append((position, name, seed))
        DEMO_SEEDS.sort(key=lambda entry: entry[0])
