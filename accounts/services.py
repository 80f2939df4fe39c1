"""Writes of the accounts app: API tokens, e-mail confirmation, erasure at the owner's request."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken, User
from charter_portal import caching
from charter_portal.errors import StepNotAllowed
from charter_portal.mail import send_portal_mail

# A person needs a handful of tokens (a script, a spreadsheet link...); more is a leak waiting to happen.
MAX_ACTIVE_TOKENS = 20

security_log = logging.getLogger("portal.security")


def api_token_issue(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new active token for ``user``; returns it with its secret, which is shown once and never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise StepNotAllowed(_("Give the token a name, so that you recognise it later."))
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise StepNotAllowed(_("The name of a token can have at most 100 characters."))
    with transaction.atomic():
        # The user's row lock makes the count and the insert one step for concurrent requests.
        User.objects.select_for_update().filter(pk=user.pk).first()
        active = ApiToken.objects.active().filter(user=user)
        if active.count() >= MAX_ACTIVE_TOKENS:
            raise StepNotAllowed(
                _("You can hold at most %(count)s active tokens; revoke one you no longer use.")
                % {"count": MAX_ACTIVE_TOKENS}
            )
        if active.filter(name__iexact=name).exists():
            raise StepNotAllowed(_("You already have an active token with this name."))
        key = ApiToken.new_key()
        token = ApiToken.objects.create(
            user=user, name=name, prefix=key[: ApiToken.PREFIX_LENGTH], key_hash=ApiToken.hash_key(key)
        )
    return token, key


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke ``token``: it stops working at once and stays listed as revoked."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        caching.bump("accounts")  # the token is kept by API authentication (accounts/authentication.py)
    return token


# --- E-mail confirmation of self-registered accounts ---------------------------------------------------------

CONFIRMATION_SALT = "accounts.email-confirmation"
CONFIRMATION_VALID = timedelta(days=3)
# A new link for one address at most every 5 minutes, and at most 10 per hour from one client address.
RESEND_INTERVAL = timedelta(minutes=5)
RESEND_PER_CLIENT_PER_HOUR = 10


def email_confirmation_token(user: User) -> str:
    """A signed, expiring token for the user's current address (a changed address makes it useless)."""
    return signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRMATION_SALT)


def email_confirmation_send(*, user: User) -> None:
    """Mail the confirmation link to the address, in the person's language."""
    url = settings.SITE_URL + reverse("accounts:confirm_email", args=[email_confirmation_token(user)])
    send_portal_mail(
        to=user.email,
        language=user.preferred_language,
        template="accounts/email/confirm",
        context={"user": user, "url": url, "days": CONFIRMATION_VALID.days},
    )


def email_confirm(*, token: str) -> User | None:
    """Confirm the address the token was made for; the user, or ``None`` for a bad or expired token."""
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_VALID)
    except signing.BadSignature:  # expired links too (SignatureExpired)
        return None
    if not isinstance(data, dict):
        return None
    user = User.objects.filter(pk=data.get("u"), email=data.get("e"), is_active=True).first()
    if user is not None and not user.email_confirmed:
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])
    return user


def _rate_key(kind: str, value: str) -> str:
    return f"accounts:confirmation-resend:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def email_confirmation_resend(*, email: str, client_address: str) -> bool:
    """Send a new link if ``email`` belongs to an unconfirmed account. ``False`` when asked too often (for the
    address or from the client); the answer never tells whether the account exists."""
    email = (email or "").strip().lower()
    per_client = _rate_key("client", client_address or "unknown")
    cache.add(per_client, 0, timeout=3600)
    try:
        asked = cache.incr(per_client)
    except ValueError:  # expired between the two calls
        cache.set(per_client, asked := 1, timeout=3600)
    if asked > RESEND_PER_CLIENT_PER_HOUR:
        return False
    if not cache.add(_rate_key("address", email), 1, timeout=int(RESEND_INTERVAL.total_seconds())):
        return False
    user = User.objects.filter(email__iexact=email, email_confirmed=False, is_active=True).first()
    if user is not None:
        email_confirmation_send(user=user)
    return True


# --- Erasing an account at its owner's request (GDPR) -----------------------------------------------------------


def user_erase(*, user: User) -> User:
    """Erase ``user`` at their request: the name, the address, the password, the API tokens, the sessions, the
    login records and the open invitations to the address go; the account stays, inactive, so that what the person
    did stays attributed to "a former member of <organisation>" (``User.former_member_label``). Logged without the
    data."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.sessions.models import Session

    from accounts.models import Invitation

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.erased_at:
            return user
        address = user.email
        ApiToken.objects.filter(user=user).delete()  # their names are the person's own words
        Invitation.objects.filter(email__iexact=address).update(email=f"erased-invitation-{user.pk}@erased.invalid")
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username__iexact=address.strip()).delete()
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
                session.delete()
        user.full_name = ""
        user.email = f"erased-{user.pk}@erased.invalid"
        user.set_unusable_password()
        user._password = None  # the tokens are gone already; no revocation to run on save
        user.is_active = False
        user.is_staff = user.is_superuser = False
        user.erased_at = timezone.now()
        user.save()
    caching.bump("accounts")
    security_log.info("account %s erased at its owner's request", user.pk)
    return user
