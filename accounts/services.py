"""Writes of the accounts app: API tokens, e-mail confirmation."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken, User
from charter_portal.errors import StepNotAllowed

# A person needs a handful of tokens (a script, a spreadsheet link...); more is a leak waiting to happen.
MAX_ACTIVE_TOKENS = 20


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
    return token
