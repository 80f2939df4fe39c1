"""Unsubscribe links: signed, so that one works without logging in, for one person and one category only."""

from django.core import signing

SALT = "notifications.unsubscribe"


def unsubscribe_token(user_id: int, category: str) -> str:
    return signing.dumps({"u": user_id, "c": category}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """The (user id, category) a token was made for, or None for a forged or damaged token."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("c"), str):
        return None
    return data["u"], data["c"]
