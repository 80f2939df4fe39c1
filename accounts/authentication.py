"""The API's token authentication: ``Authorization: Token <key>`` against the hashed, named tokens of
``accounts.models.ApiToken`` (one indexed query by the key's hash, the user joined in)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from accounts.models import ApiToken


class ApiTokenAuthentication(TokenAuthentication):
    """DRF's header parsing and ``WWW-Authenticate: Token`` challenge (so a wrong token is a 401), our tokens."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = ApiToken.objects.for_key(key)
        if token is None or not token.user.is_active or not token.user.email_confirmed:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
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
