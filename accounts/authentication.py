"""The API's token authentication: ``Authorization: Token <key>`` against the hashed, named tokens of
``accounts.models.ApiToken`` (one indexed query by the key's hash, the user joined in).

Like the session's user (accounts/backends.py), the token and its user are kept in the shared cache under
the "accounts" domain with ``settings.CACHE_KEEP_LOGIN``, by the hash of the key (never the key itself):
revoking a token (``api_token_revoke``, the admin) and every save of a user (a password change revokes all
its tokens) bump that domain, so a revoked token stops working at the next request of every process."""

import copy
import threading
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from accounts.models import ApiToken
from charter_portal import caching

# When this process last wrote each kept token's ``last_used_at`` (its copy in the cache does not change).
_last_written: dict[int, datetime] = {}
_last_written_lock = threading.Lock()


def _mark_used(token: ApiToken) -> None:
    """``ApiToken.mark_used`` for a kept token, whose copy in the cache keeps the last use it was read with: by the
    time this process last wrote it, on a copy (the kept instance is shared by the process's requests)."""
    with _last_written_lock:
        token = copy.copy(token)
        token.last_used_at = _last_written.get(token.pk, token.last_used_at)
        token.mark_used()
        _last_written[token.pk] = token.last_used_at


def _existing(key: str):
    def lookup() -> ApiToken:
        token = ApiToken.objects.for_key(key)
        if token is None:
            raise ApiToken.DoesNotExist
        return token

    return lookup


class ApiTokenAuthentication(TokenAuthentication):
    """DRF's header parsing and ``WWW-Authenticate: Token`` challenge (so a wrong token is a 401), our tokens."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        if settings.CACHE_KEEP_LOGIN:
            # Only tokens that exist are kept: a stream of made-up keys must not fill the cache.
            try:
                token = caching.kept(("accounts",), ("api-token", ApiToken.hash_key(key)), _existing(key), asker=True)
            except ApiToken.DoesNotExist:
                token = None
        else:
            token = ApiToken.objects.for_key(key)
        if token is None or not token.user.is_active or not token.user.email_confirmed:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if settings.CACHE_KEEP_LOGIN:
            _mark_used(token)
            # The request's own user: what a request remembers on it (the actor) stays with that request.
            return copy.copy(token.user), token
        token.mark_used()
        return token.user, token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'A personal API token, sent as "Token <key>". Create and revoke tokens on your account '
            "page; a password change or reset revokes them all.",
        }
