"""Make sure the demo people the load test and benchmark log in as exist (idempotent).

``seed_demo`` creates them when it is in the build; this command only adds what is missing, with the
same organisations, e-mail addresses and password, so the harness also runs on a build without it.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from devtools.load.pages import DEMO_PASSWORD
from organisations.models import Membership, Organisation

Kind = Organisation.Kind
ORGANISATIONS = {
    "jeugddienst-demo": ("Jeugddienst Stad Gent (demo)", Kind.CITY_SERVICE),
    "welzijn-demo": ("Dienst Welzijn en Gelijke Kansen (demo)", Kind.CITY_SERVICE),
    "de-brug-demo": ("Jeugdwerkhuis De Brug (demo)", Kind.CIVIL_SOCIETY),
    "buurtwerk-rabot-demo": ("Buurtwerk Rabot (demo)", Kind.CIVIL_SOCIETY),
    "samen-sterk-demo": ("Zelforganisatie Samen Sterk (demo)", Kind.SELF_ORGANISATION),
}
# e-mail: (organisation slug, role, full name)
PEOPLE = {
    "stad.admin@demo.example": ("jeugddienst-demo", Membership.Role.ADMIN, "Stad Admin (demo)"),
    "stad.medewerker@demo.example": ("jeugddienst-demo", Membership.Role.MEMBER, "Stad Medewerker (demo)"),
    "welzijn.medewerker@demo.example": ("welzijn-demo", Membership.Role.MEMBER, "Welzijn Medewerker (demo)"),
    "brug.admin@demo.example": ("de-brug-demo", Membership.Role.ADMIN, "Brug Admin (demo)"),
    "brug.lid@demo.example": ("de-brug-demo", Membership.Role.MEMBER, "Brug Lid (demo)"),
    "rabot.admin@demo.example": ("buurtwerk-rabot-demo", Membership.Role.ADMIN, "Rabot Admin (demo)"),
    "samensterk.admin@demo.example": ("samen-sterk-demo", Membership.Role.ADMIN, "Samen Sterk Admin (demo)"),
}


def ensure_personas(log) -> int:
    """Create the missing demo organisations, users and memberships; return how many users were created."""
    user_model = get_user_model()
    created_users = 0
    with transaction.atomic():
        organisations = {}
        for slug, (name, kind) in ORGANISATIONS.items():
            organisations[slug], _ = Organisation.objects.get_or_create(
                slug=slug, defaults={"name": name, "kind": kind, "is_approved": True, "is_demo": True}
            )
        for email, (slug, role, full_name) in PEOPLE.items():
            user = user_model._default_manager.filter(email__iexact=email).first()
            if user is None:
                user = user_model._default_manager.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
                created_users += 1
            Membership.objects.get_or_create(user=user, organisation=organisations[slug], defaults={"role": role})
    log(f"Load-test personas ready ({created_users} user(s) created, {len(PEOPLE) - created_users} already there).")
    return created_users


class Command(BaseCommand):
    help = "Create the demo organisations and users that the load test and benchmark log in as, if missing."

    def handle(self, *args, **options):
        ensure_personas(self.stdout.write)
