"""Anchors of the signature chain outside the database (docs/security.md, "The signature chain").

The hash chain (``charter.canonical``) shows a change to an entry, but someone who can write the database
can recompute every hash after a change, or drop the last entries and roll the head back. Two anchors stop
that:

HMAC per entry. ``hmac`` is ``<key id>:<hex>``, the HMAC-SHA256 under the key ``SIGNATURE_HMAC_KEYS[<key id>]``
of the ASCII bytes ``charter-chain-entry:<entry_hash>``. The keys live in the settings, never in the
database, so a rewritten entry cannot get a valid HMAC. Keys are listed oldest first; an entry never uses an
older key than the entry before it, so a retired key cannot sign a new entry after a rotation.

Signed head. The portal publishes the head (length, hash of the last entry, time) as a JSON object with an
Ed25519 signature over the canonical serialisation (``canonical.dumps``) of
``{"chain": CHAIN_NAME, "length": <int>, "hash": <hex>, "time": <ISO 8601 UTC>}``; the public key is
published beside it. Anyone who keeps a head can later prove that the chain still extends it: its entry
number ``length`` must still have that hash (``head_is_prefix``).
"""

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from charter import canonical

CHAIN_NAME = "charter-portal-gent/signature-chain"
HEAD_FIELDS = ("chain", "length", "hash", "time")


# --- HMAC per entry -------------------------------------------------------------------------------------


def _hmac_hex(secret: str, entry_hash: str) -> str:
    return hmac.new(secret.encode(), f"charter-chain-entry:{entry_hash}".encode(), hashlib.sha256).hexdigest()


def entry_hmac(entry_hash: str) -> str:
    """The HMAC of a new entry, under the current key."""
    key_id = settings.SIGNATURE_HMAC_KEY_ID
    secret = settings.SIGNATURE_HMAC_KEYS.get(key_id)
    if not secret:
        raise ImproperlyConfigured("SIGNATURE_HMAC_KEYS is not set: the portal cannot sign the chain (README).")
    return f"{key_id}:{_hmac_hex(secret, entry_hash)}"


def key_rank(value: str) -> int | None:
    """The position of the entry's key in ``SIGNATURE_HMAC_KEYS`` (oldest 0), ``None`` for an unknown key."""
    key_id = value.partition(":")[0]
    keys = list(settings.SIGNATURE_HMAC_KEYS)
    return keys.index(key_id) if key_id in keys else None


def hmac_problem(entry_hash: str, value: str) -> str:
    """Why ``value`` is not a valid HMAC of ``entry_hash`` ('' when it is)."""
    if not value:
        return "it has no HMAC"
    key_id, _sep, digest = value.partition(":")
    secret = settings.SIGNATURE_HMAC_KEYS.get(key_id)
    if secret is None:
        return f"its HMAC key {key_id!r} is unknown"
    if not hmac.compare_digest(_hmac_hex(secret, entry_hash), digest):
        return "HMAC does not match"
    return ""


# --- Signed head ----------------------------------------------------------------------------------------


def _private_key() -> Ed25519PrivateKey:
    if not settings.SIGNATURE_HEAD_KEY:
        raise ImproperlyConfigured("SIGNATURE_HEAD_KEY is not set: the portal cannot sign the chain head (README).")
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(settings.SIGNATURE_HEAD_KEY))


def public_key_b64() -> str:
    """The public half of the head key, raw 32 bytes in base64 (as published on the chain page and in the API)."""
    return base64.b64encode(_private_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def _head_message(length: int, last_hash: str, time: str) -> bytes:
    return canonical.dumps({"chain": CHAIN_NAME, "length": int(length), "hash": last_hash, "time": time})


def signed_head(*, length: int, last_hash: str, moment: datetime) -> dict:
    """The published head: length, hash and time, signed with the head key."""
    time = canonical.iso_utc(moment)
    signature = _private_key().sign(_head_message(length, last_hash, time))
    return {
        "chain": CHAIN_NAME,
        "length": int(length),
        "hash": last_hash,
        "time": time,
        "algorithm": "Ed25519",
        "public_key": public_key_b64(),
        "signature": base64.b64encode(signature).decode(),
    }


class HeadError(ValueError):
    """A document that is not a head this portal signed."""


@dataclass(frozen=True)
class Head:
    length: int
    hash: str
    time: str


def read_head(document) -> Head:
    """Check a kept head (the published JSON object) against the portal's public key; return its fields."""
    if not isinstance(document, dict) or any(field not in document for field in (*HEAD_FIELDS, "signature")):
        raise HeadError("not a published chain head (chain, length, hash, time and signature are needed)")
    length, last_hash, time = document["length"], document["hash"], document["time"]
    if document["chain"] != CHAIN_NAME or not isinstance(length, int) or length < 0:
        raise HeadError("not a head of this portal's signature chain")
    if not isinstance(last_hash, str) or not isinstance(time, str):
        raise HeadError("the hash and the time must be text")
    try:
        signature = base64.b64decode(document["signature"], validate=True)
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64()))
        public.verify(signature, _head_message(length, last_hash, time))
    except (InvalidSignature, binascii.Error, TypeError, ValueError):
        raise HeadError("its signature does not match the portal's public key") from None
    return Head(length=length, hash=last_hash, time=time)
