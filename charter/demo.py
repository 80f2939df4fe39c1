"""Demo data for the charter: a few demo organisations signed the first version, one withdrew.

Idempotent: an organisation that already has a chain entry is left alone.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from charter.models import ChainEntry, CharterVersion, new_receipt_code
from charter.services import _append_entry, charter_sign, charter_withdraw
from organisations.demo import DEMO_PASSWORD as PASSWORD
from organisations.demo import seed_foundation

# (organisation slug, admin e-mail, signer name, role): signed through the real service.
SIGNED_BY_ADMIN = [
    ("jeugddienst-demo", "stad.admin@demo.example", "Sofie Stadsadmin (demo)", "Head of service"),
    ("de-brug-demo", "brug.admin@demo.example", "Bram Brug (demo)", "Coordinator"),
    ("buurtwerk-rabot-demo", "rabot.admin@demo.example", "Rachid Rabot (demo)", "Chair"),
    ("samen-sterk-demo", "samensterk.admin@demo.example", "Sara Samen (demo)", "Volunteer chair"),
]
# Organisations without a demo admin: written straight into the chain (still a valid chain).
SIGNED_DIRECTLY = [
    ("welzijn-demo", "Wim Welzijn (demo)", "Head of service"),
    ("speelplein-muide-demo", "Mira Muide (demo)", "Coordinator"),
    ("ocmw-demo", "Olivia OCMW (demo)", "Director"),
]
WITHDRAWN = (
    "buurtwerk-rabot-demo",
    "Demo: the board decided to review its commitments first; we intend to sign again.",
)


def seed(log) -> None:
    version = CharterVersion.objects.current()
    if version is None:
        log("charter: no published charter version; run migrate first")
        return
    with transaction.atomic():
        world = seed_foundation()
        for slug, email, signer_name, role in SIGNED_BY_ADMIN:
            org = world.organisations[slug]
            if ChainEntry.objects.filter(organisation=org).exists():
                continue
            user = world.users[email]
            if not user.check_password(PASSWORD):
                log(f"charter: {email} has another password; {org.name} not signed")
                continue
            charter_sign(
                organisation=org,
                user=user,
                signer_name=signer_name,
                signer_role=role,
                authorised=True,
                password=PASSWORD,
                version=version,
            )
            log(f"charter: {org.name} signed version {version.label}")
        for slug, signer_name, role in SIGNED_DIRECTLY:
            org = world.organisations[slug]
            if ChainEntry.objects.filter(organisation=org).exists():
                continue
            _append_entry(
                kind=ChainEntry.Kind.SIGN,
                receipt_code=new_receipt_code(),
                charter_version=version,
                charter_hash=version.text_hash,
                organisation=org,
                organisation_name=org.name,
                signer=None,
                signer_name=signer_name,
                signer_role=role,
                created_at=timezone.now() - timedelta(days=3),
            )
            log(f"charter: {org.name} signed version {version.label}")
        slug, reason = WITHDRAWN
        signature = ChainEntry.objects.active().filter(organisation__slug=slug).first()
        if (
            signature is not None
            and not ChainEntry.objects.filter(organisation__slug=slug, kind=ChainEntry.Kind.WITHDRAW).exists()
        ):
            admin = world.users["rabot.admin@demo.example"]
            charter_withdraw(signature=signature, user=admin, reason=reason)
            log(f"charter: {signature.organisation_name} withdrew its signature")
