"""Canonical forms and SHA-256 hashes of the charter text and of the signature chain (pure Python).

Anyone can recompute both hashes from the public data with these rules:

Charter text. Build this JSON object from a version::

    {"label": <label>,
     "introduction": {"nl": <text>, "en": <text>},
     "articles": [{"section": "vision"|"principle", "number": <int>,
                   "title": {"nl": <text>, "en": <text>},
                   "body": {"nl": <text>, "en": <text>},
                   "bullets": {"nl": [<text>, ...], "en": [<text>, ...]}}, ...]}

Articles are ordered vision points first, then working principles, each by number. Every text is
Unicode NFC-normalised, its line endings turned into "\\n" and leading/trailing whitespace stripped.
Serialise it with ``json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``,
encode as UTF-8 and take the lowercase hexadecimal SHA-256.

Chain entry. Same serialisation, of the object returned by ``entry_payload``: the entry's sequence
number, kind, receipt code, the charter version's id and hash, the organisation's id and name, the
signer's user id, name and role, the time as ISO 8601 in UTC with microseconds
(``2026-01-31T09:00:00.000000+00:00``), the reason (empty for a signature), the sequence of the
signature a withdrawal withdraws (null for a signature) and the previous entry's hash (64 zeros for
the first entry).
"""

import hashlib
import json
import unicodedata
from datetime import UTC, datetime

GENESIS_HASH = "0" * 64
SECTION_ORDER = ("vision", "principle")


def clean(text: str) -> str:
    return unicodedata.normalize("NFC", (text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()


def dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sha256(obj) -> str:
    return hashlib.sha256(dumps(obj)).hexdigest()


def charter_payload(*, label: str, introduction_nl: str, introduction_en: str, articles: list[dict]) -> dict:
    """``articles``: dicts with section, number, title_nl, title_en, body_nl, body_en, bullets_nl, bullets_en."""
    ordered = sorted(articles, key=lambda a: (SECTION_ORDER.index(a["section"]), int(a["number"])))
    return {
        "label": clean(label),
        "introduction": {"nl": clean(introduction_nl), "en": clean(introduction_en)},
        "articles": [
            {
                "section": a["section"],
                "number": int(a["number"]),
                "title": {"nl": clean(a.get("title_nl", "")), "en": clean(a.get("title_en", ""))},
                "body": {"nl": clean(a["body_nl"]), "en": clean(a["body_en"])},
                "bullets": {
                    "nl": [clean(b) for b in a.get("bullets_nl") or []],
                    "en": [clean(b) for b in a.get("bullets_en") or []],
                },
            }
            for a in ordered
        ],
    }


def charter_hash(**kwargs) -> str:
    return sha256(charter_payload(**kwargs))


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def entry_payload(
    *,
    sequence: int,
    kind: str,
    receipt_code: str,
    charter_version_id: int,
    charter_hash: str,
    organisation_id: int,
    organisation_name: str,
    signer_user_id: int | None,
    signer_name: str,
    signer_role: str,
    created_at: datetime,
    reason: str,
    withdraws_sequence: int | None,
    previous_hash: str,
) -> dict:
    return {
        "sequence": int(sequence),
        "kind": kind,
        "receipt_code": receipt_code,
        "charter_version_id": int(charter_version_id),
        "charter_hash": charter_hash,
        "organisation_id": int(organisation_id),
        "organisation_name": organisation_name,
        "signer_user_id": signer_user_id,
        "signer_name": signer_name,
        "signer_role": signer_role,
        "time": iso_utc(created_at),
        "reason": reason,
        "withdraws_sequence": withdraws_sequence,
        "previous_hash": previous_hash,
    }


def entry_hash(**kwargs) -> str:
    return sha256(entry_payload(**kwargs))
