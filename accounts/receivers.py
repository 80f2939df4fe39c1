"""Security events to the ``portal.security`` log: logins, login failures, lockouts, logouts.

Only user ids go into the log, never e-mail addresses, names, passwords or IP addresses (R10)."""

import logging

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from charter_portal import caching

security_log = logging.getLogger("portal.security")


def _user_id_for(username) -> str:
    """The id behind a typed e-mail address, or ``unknown``; the address itself is never logged."""
    if not isinstance(username, str) or not username:
        return "unknown"
    pk = get_user_model().objects.filter(email__iexact=username.strip()).values_list("pk", flat=True).first()
    return str(pk) if pk is not None else "unknown"


@receiver(user_logged_in, dispatch_uid="portal_security_login")
def log_login(sender, request, user, **kwargs):
    security_log.info("login user_id=%s", user.pk)


@receiver(user_logged_out, dispatch_uid="portal_security_logout")
def log_logout(sender, request, user, **kwargs):
    security_log.info("logout user_id=%s", getattr(user, "pk", None))


@receiver(user_login_failed, dispatch_uid="portal_security_login_failed")
def log_login_failure(sender, credentials, request=None, **kwargs):
    # Django already replaces the password in ``credentials``; we log neither it nor the address.
    security_log.warning("login failed user_id=%s", _user_id_for(credentials.get("username")))


@receiver(user_locked_out, dispatch_uid="portal_security_locked_out")
def log_lockout(sender, request, username, ip_address, **kwargs):
    security_log.warning("account locked out after repeated failures user_id=%s", _user_id_for(username))


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="portal-user-saved")
@receiver(post_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="portal-user-deleted")
def user_changed(sender, instance, update_fields=None, **kwargs):
    """A saved or deleted user is read afresh everywhere (the logged-in person is kept: accounts/backends.py);
    a login's new ``last_login`` alone changes nothing anyone reads."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    caching.bump("accounts")
