"""Writes about organisations, their members and invitations. Each function is one business action."""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Invitation
from accounts.services import email_confirmation_send
from charter_portal import caching
from charter_portal.concurrency import save_versioned
from charter_portal.mail import send_portal_mail
from charter_portal.permissions.core import forget_actor
from organisations import events
from organisations.models import Membership, Organisation
from organisations.selectors import members

User = get_user_model()
log = logging.getLogger("portal.organisations")
security_log = logging.getLogger("portal.security")


# Slugs that are page addresses under /organisaties/ and so cannot name an organisation.
RESERVED_SLUGS = {"registreren", "mijn", "goedkeuringen", "coordinatoren"}


def unique_slug(name: str, *, model=Organisation) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _admins(organisation: Organisation):
    return members(organisation=organisation, admins_only=True)


@caching.bumps("organisations")
def organisation_register(
    *,
    name: str,
    kind: str,
    sectors,
    description: str = "",
    email: str = "",
    phone: str = "",
    website: str = "",
    admin: User | None = None,
    admin_name: str = "",
    admin_email: str = "",
    admin_password: str = "",
    language: str = "nl",
) -> tuple[Organisation, User]:
    """Register a new organisation, not yet approved, with its first admin (an existing or a new account).

    A new account cannot log in until its owner confirms the address by the mailed link."""
    new_account = admin is None
    with transaction.atomic():
        if new_account:
            admin = User.objects.create_user(
                email=admin_email,
                password=admin_password,
                full_name=admin_name,
                preferred_language=language,
                email_confirmed=False,
            )
        organisation = Organisation.objects.create(
            name=name,
            slug=unique_slug(name),
            kind=kind,
            description=description,
            email=email,
            phone=phone,
            website=website,
            is_approved=False,
        )
        organisation.sectors.set(sectors)
        Membership.objects.create(user=admin, organisation=organisation, role=Membership.Role.ADMIN)
    forget_actor(admin)
    if new_account:
        email_confirmation_send(user=admin)
    events.registered(organisation, by=admin)
    return organisation, admin


@caching.bumps("organisations")
def organisation_approve(*, organisation: Organisation, by: User, expected_version: int | None = None) -> None:
    """Approve a registered organisation so it can act; tell its admins in their language."""
    organisation.is_approved = True
    organisation.is_active = True
    organisation.approved_at = timezone.now()
    organisation.approved_by = by
    organisation.rejected_at = None
    organisation.rejection_reason = ""
    organisation._change_reason = "approved"
    save_versioned(organisation, expected_version)
    events.approved(organisation, by=by)


@caching.bumps("organisations")
def organisation_reject(
    *, organisation: Organisation, by: User, reason: str, expected_version: int | None = None
) -> None:
    """Refuse a registration with a reason; the organisation stays unapproved and inactive."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    organisation.is_approved = False
    organisation.is_active = False
    organisation.rejected_at = timezone.now()
    organisation.rejected_by = by
    organisation.rejection_reason = reason.strip()
    organisation._change_reason = "rejected"
    save_versioned(organisation, expected_version)
    for admin in _admins(organisation):
        send_portal_mail(
            to=admin.email,
            language=admin.preferred_language,
            template="organisations/email/rejected",
            context={"organisation": organisation, "person": admin, "reason": organisation.rejection_reason},
        )


def _lock_memberships(organisation: Organisation) -> list[Membership]:
    """Lock the organisation's memberships so two admins cannot demote each other at the same time."""
    return list(Membership.objects.select_for_update().filter(organisation=organisation).order_by("pk"))


def _is_last_admin(membership: Membership, memberships: list[Membership]) -> bool:
    admins = [m for m in memberships if m.role == Membership.Role.ADMIN]
    return membership.role == Membership.Role.ADMIN and len(admins) == 1


@caching.bumps("organisations")
def membership_change_role(*, membership: Membership, role: str, by: User) -> Membership:
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose admin or member.")})
    with transaction.atomic():
        memberships = _lock_memberships(membership.organisation)
        current = next((m for m in memberships if m.pk == membership.pk), None)
        if current is None:
            raise ValidationError(_("This person is no longer a member."))
        if role != Membership.Role.ADMIN and _is_last_admin(current, memberships):
            raise ValidationError(
                _("%(name)s is the last admin of the organisation. Make someone else admin first.")
                % {"name": current.user}
            )
        previous = current.role
        current.role = role
        current._change_reason = f"role changed by user {by.pk}"
        current.save(update_fields=["role"])
    security_log.info(
        "role changed membership_id=%s user_id=%s organisation_id=%s from=%s to=%s by_user_id=%s",
        current.pk,
        current.user_id,
        current.organisation_id,
        previous,
        role,
        by.pk,
    )
    forget_actor(current.user)
    return current


@caching.bumps("organisations")
def membership_remove(*, membership: Membership, by: User) -> Membership | None:
    """End a membership: the person leaves every member list and loses the organisation's rights at their next
    request, while the row stays (with when and by whom it ended) for the organisation's history. The last admin
    cannot be removed. Returns the ended membership, or ``None`` when it had already ended."""
    with transaction.atomic():
        memberships = _lock_memberships(membership.organisation)
        current = next((m for m in memberships if m.pk == membership.pk), None)
        if current is None:
            return None
        if _is_last_admin(current, memberships):
            raise ValidationError(
                _(
                    "%(name)s is the last admin of the organisation and cannot be removed. "
                    "Make someone else admin first."
                )
                % {"name": current.user}
            )
        current.ended_at = timezone.now()
        current.ended_by = by
        current._change_reason = f"removed by user {by.pk}"
        current.save(update_fields=["ended_at", "ended_by"])
    security_log.info(
        "membership ended membership_id=%s user_id=%s organisation_id=%s role=%s by_user_id=%s",
        current.pk,
        current.user_id,
        current.organisation_id,
        current.role,
        by.pk,
    )
    forget_actor(current.user)
    return current


@caching.bumps("organisations")
def membership_set_charter_coordinator(*, membership: Membership, grant: bool, by: User) -> Membership:
    """Grant or revoke the charter coordinator role (a city admin's decision, checked by the caller). Only a
    membership of a city service can carry it; the change is logged and kept in the membership's history."""
    with transaction.atomic():
        current = (
            Membership.objects.select_for_update().select_related("organisation", "user").filter(pk=membership.pk)
        ).first()
        if current is None:
            raise ValidationError(_("This person is no longer a member."))
        if grant and not current.organisation.is_city_service:
            raise ValidationError(_("Only staff of a city service can be charter coordinator."))
        if current.is_charter_coordinator == grant:
            return current
        current.is_charter_coordinator = grant
        current._change_reason = f"charter coordinator {'granted' if grant else 'revoked'} by user {by.pk}"
        current.save(update_fields=["is_charter_coordinator"])
    security_log.info(
        "charter coordinator %s membership_id=%s user_id=%s organisation_id=%s by_user_id=%s",
        "granted" if grant else "revoked",
        current.pk,
        current.user_id,
        current.organisation_id,
        by.pk,
    )
    forget_actor(current.user)
    return current


@caching.bumps("accounts")
def invitation_create(
    *, organisation: Organisation, email: str, role: str, by: User, language: str = "nl"
) -> tuple[Invitation, str]:
    """Create an invitation and e-mail its single-use link. Returns the invitation and the plain token.

    An open invitation for the same address is withdrawn: only the newest link works.
    """
    email = User.objects.normalize_email(email).lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member of the organisation.")})
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        language = existing.preferred_language
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.open().filter(organisation=organisation, email__iexact=email).update(revoked_at=now)
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            language=language,
            token_hash=Invitation.hash_token(token),
            invited_by=by,
            created_at=now,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
    send_portal_mail(
        to=email,
        language=language,
        template="accounts/email/invitation",
        context={
            "invitation": invitation,
            "organisation": organisation,
            "inviter": by,
            "url": settings.SITE_URL + reverse("organisations:invitation", args=[token]),
            "valid_days": settings.INVITATION_VALID_DAYS,
            "has_account": existing is not None,
        },
    )
    return invitation, token


@caching.bumps("accounts")
def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    if invitation.is_open:
        invitation.revoked_at = timezone.now()
        invitation._change_reason = f"withdrawn by user {by.pk}"
        invitation.save(update_fields=["revoked_at"])


class InvitationRefused(Exception):
    """The invitation cannot be used; ``reason`` is one of expired, used, withdrawn, other_person."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def invitation_check(invitation: Invitation, user: User | None = None) -> None:
    if invitation.is_used:
        raise InvitationRefused("used")
    if invitation.revoked_at is not None:
        raise InvitationRefused("withdrawn")
    if invitation.is_expired:
        raise InvitationRefused("expired")
    if user is not None and user.is_authenticated and user.email.lower() != invitation.email.lower():
        raise InvitationRefused("other_person")


@caching.bumps("accounts", "organisations")
def invitation_accept(
    *, invitation: Invitation, user: User | None = None, full_name: str = "", password: str = ""
) -> User:
    """Use an invitation: a logged-in person with the invited address joins; otherwise a new account is made."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        invitation_check(invitation, user)
        if user is None:
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise InvitationRefused("has_account")
            user = User.objects.create_user(
                email=invitation.email,
                password=password,
                full_name=full_name,
                preferred_language=invitation.language,
            )
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
        )
        if not created and invitation.role == Membership.Role.ADMIN and not membership.is_admin:
            membership.role = Membership.Role.ADMIN
            membership.save(update_fields=["role"])
        invitation.used_at = timezone.now()
        invitation.used_by = user
        invitation.save(update_fields=["used_at", "used_by"])
        if created:
            events.member_joined(invitation.organisation, member=user)
    forget_actor(user)
    return user
