"""Deploy checks of the signature chain's anchors (charter/anchors.py): production needs its own keys."""

from django.conf import settings
from django.core.checks import Error, register


@register("security", deploy=True)
def chain_anchor_keys(app_configs, **kwargs):
    errors = []
    if not settings.SIGNATURE_HMAC_KEYS:
        errors.append(
            Error(
                "SIGNATURE_HMAC_KEYS is not set: the portal cannot sign new entries of the signature chain.",
                hint="Set SIGNATURE_HMAC_KEYS=k1:<at least 32 random characters> (README, docs/security.md) and "
                "keep the key outside the database and its backups.",
                id="portal.E101",
            )
        )
    if not settings.SIGNATURE_HEAD_KEY:
        errors.append(
            Error(
                "SIGNATURE_HEAD_KEY is not set: the portal cannot sign the published chain head.",
                hint='Set SIGNATURE_HEAD_KEY to the base64 of 32 random bytes: python -c "import base64, secrets; '
                'print(base64.b64encode(secrets.token_bytes(32)).decode())" (README, docs/security.md).',
                id="portal.E102",
            )
        )
    return errors
