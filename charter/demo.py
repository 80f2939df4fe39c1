"""Demo data for the charter: a few demo organisations signed the first version, one withdrew.

Idempotent: an organisation that already has a chain entry is left alone.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from charter.models import ChainEntry, CharterVersion, new_receipt_code
from charter.services import _append_entry, charter_sign, charter_withdraw
from organisations.models import Membership, Organisation

PASSWORD = "charter-demo-2026"  # noqa: S105 (the documented demo password)

ORGANISATIONS = {
    "jeugddienst-demo": ("Jeugddienst Stad Gent (demo)", Organisation.Kind.CITY_SERVICE),
    "welzijn-demo": ("Dienst Welzijn en Gelijke Kansen (demo)", Organisation.Kind.CITY_SERVICE),
    "de-brug-demo": ("Jeugdwerkhuis De Brug (demo)", Organisation.Kind.CIVIL_SOCIETY),
    "buurtwerk-rabot-demo": ("Buurtwerk Rabot (demo)", Organisation.Kind.CIVIL_SOCIETY),
    "speelplein-muide-demo": ("Speelpleinwerking Muide (demo)", Organisation.Kind.CIVIL_SOCIETY),
    "samen-sterk-demo": ("Zelforganisatie Samen Sterk (demo)", Organisation.Kind.SELF_ORGANISATION),
    "kleurrijk-ledeberg-demo": ("Kleurrijk Ledeberg vzw (demo)", Organisation.Kind.SELF_ORGANISATION),
    "ocmw-demo": ("OCMW Gent (demo)", Organisation.Kind.PUBLIC_BODY),
}

# (organisation slug, admin e-mail, admin name, signer name, role): signed through the real service.
SIGNED_BY_ADMIN = [
    (
        "jeugddienst-demo",
        "stad.admin@demo.example",
        "Sofie Stadsadmin (demo)",
        "Sofie Stadsadmin (demo)",
        "Head of service",
    ),
    ("de-brug-demo", "brug.admin@demo.example", "Bram Brug (demo)", "Bram Brug (demo)", "Coordinator"),
    ("buurtwerk-rabot-demo", "rabot.admin@demo.example", "Rachid Rabot (demo)", "Rachid Rabot (demo)", "Chair"),
    ("samen-sterk-demo", "samensterk.admin@demo.example", "Sara Samen (demo)", "Sara Samen (demo)", "Volunteer chair"),
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


def _organisation(slug):
    name, kind = ORGANISATIONS[slug]
    org, _created = Organisation.objects.get_or_create(
        slug=slug,
        defaults={"name": name, "kind": kind, "is_approved": True, "is_demo": True, "approved_at": timezone.now()},
    )
    return org


def _admin(org, email, full_name):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=PASSWORD, full_name=full_name)
    Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": Membership.Role.ADMIN})
    return user


def seed(log) -> None:
    version = CharterVersion.objects.current()
    if version is None:
        log("charter: no published charter version; run migrate first")
        return
    with transaction.atomic():
        for slug, email, admin_name, signer_name, role in SIGNED_BY_ADMIN:
            org = _organisation(slug)
            if ChainEntry.objects.filter(organisation=org).exists():
                continue
            user = _admin(org, email, admin_name)
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
            org = _organisation(slug)
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
        if signature is not None and not ChainEntry.objects.filter(organisation__slug=slug, kind="withdraw").exists():
            admin = User.objects.get(email="rabot.admin@demo.example")
            charter_withdraw(signature=signature, user=admin, reason=reason)
            log(f"charter: {signature.organisation_name} withdrew its signature")
