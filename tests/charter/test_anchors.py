"""The chain anchored outside the database: an HMAC per entry under a key the database does not hold, and a
head signed with the portal's Ed25519 key that anyone can keep. An attacker with full database access who
rewrites the chain, recomputing every hash, or drops the last entry and rolls the head back, is found."""

import base64
import json

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from charter import anchors, canonical
from charter.models import ChainEntry
from charter.selectors import extends_head, verify_chain
from tests import factories
from tests.charter.conftest import sign, tamper

pytestmark = pytest.mark.django_db

HEAD_API = "/api/v1/signatures/head/"


@pytest.fixture
def chain(version, partner_org, partner_admin, other_org, other_admin):
    third_org = factories.organisation(name="Derde Huis")
    return [
        sign(partner_org, partner_admin),
        sign(other_org, other_admin, name="Otto Other"),
        sign(third_org, factories.admin_of(third_org), name="Dirk Derde"),
    ]


def _kept_head(client) -> str:
    """The head as a careful partner keeps it: the JSON the API publishes."""
    response = client.get(HEAD_API)
    assert response.status_code == 200
    return response.content.decode()


def _rewrite_from(sequence: int, **changes):
    """Change entry ``sequence`` and recompute every hash after it, and the head, as a database admin could."""
    entries = list(ChainEntry.objects.filter(sequence__gte=sequence).order_by("sequence"))
    previous = ChainEntry.objects.filter(sequence=sequence - 1).values_list("entry_hash", flat=True).first()
    previous = previous or canonical.GENESIS_HASH
    for entry in entries:
        if entry.sequence == sequence:
            for field, value in changes.items():
                setattr(entry, field, value)
        entry.previous_hash = previous
        new_hash = entry.compute_hash()
        sets = ", ".join(f"{field} = %s" for field in changes) if entry.sequence == sequence else ""
        values = list(changes.values()) if entry.sequence == sequence else []
        tamper(
            f"UPDATE charter_chainentry SET {sets + ', ' if sets else ''}previous_hash = %s, entry_hash = %s "  # noqa: S608 - column names of the test
            "WHERE sequence = %s",
            [*values, previous, new_hash, entry.sequence],
        )
        previous = new_hash
    tamper("UPDATE charter_chainhead SET last_hash = %s WHERE id = 1", [previous])


def test_new_entries_carry_an_hmac_under_the_current_key(chain):
    for entry in chain:
        key_id, _sep, digest = entry.hmac.partition(":")
        assert key_id == "dev" and len(digest) == 64
    assert verify_chain().ok


def test_a_chain_rewritten_with_every_hash_recomputed_fails_on_the_hmac(chain, client):
    kept = _kept_head(client)
    _rewrite_from(2, signer_name="Mallory", signer_role="Intern")
    report = verify_chain()
    assert not report.ok and report.bad_sequence == 2 and report.problem == "HMAC does not match"
    with pytest.raises(CommandError, match="Chain entry 2 is not valid: HMAC does not match"):
        call_command("verify_signatures")
    with pytest.raises(CommandError):
        call_command("verify_signatures", "--head", kept)


def test_dropping_the_last_entry_and_rolling_back_the_head_fails_against_a_kept_head(chain, client, tmp_path):
    kept_file = tmp_path / "head.json"
    kept_file.write_text(_kept_head(client))
    second = chain[1]
    tamper("DELETE FROM charter_chainentry WHERE sequence = 3")
    tamper("UPDATE charter_chainhead SET sequence = 2, last_hash = %s WHERE id = 1", [second.entry_hash])
    call_command("verify_signatures")  # the remaining chain holds together on its own...
    with pytest.raises(CommandError, match="fewer than the 3 of the kept head"):  # ...but not against the kept head
        call_command("verify_signatures", "--head", str(kept_file))


def test_an_entry_appended_by_hand_under_an_unknown_key_fails(chain):
    fake = chain[2]
    _rewrite_from(3, hmac="k9:" + "0" * 64)
    report = verify_chain()
    assert not report.ok and report.bad_sequence == fake.sequence
    assert "unknown" in report.problem


def test_a_rewritten_entry_no_longer_matches_the_kept_head(chain, client):
    """The second, independent proof: even with the HMACs left aside, the kept head names the rewritten entry."""
    kept = anchors.read_head(json.loads(_kept_head(client)))
    _rewrite_from(3, signer_name="Mallory")
    assert "entry 3 no longer has the hash of the kept head" in extends_head(kept)


def test_the_chain_verifies_against_a_kept_head_it_extends(chain, client, capsys, partner_admin):
    kept = _kept_head(client)
    org = factories.organisation(name="Vierde Huis")
    sign(org, factories.admin_of(org), name="Vera Vier")
    call_command("verify_signatures", "--head", kept)
    out = capsys.readouterr().out
    assert "4 entries checked" in out and "It extends the head" in out and "(entry 3, " in out


def test_a_forged_or_malformed_kept_head_is_refused_with_a_reason(chain, client):
    kept = json.loads(_kept_head(client))
    for forged, reason in [
        ({**kept, "length": 2}, "signature does not match"),
        ({**kept, "signature": "AAAA"}, "signature does not match"),
        ({**kept, "chain": "another"}, "not a head of this portal"),
        ({"length": 3}, "not a published chain head"),
    ]:
        with pytest.raises(CommandError, match=reason):
            call_command("verify_signatures", "--head", json.dumps(forged))
    with pytest.raises(CommandError, match="not JSON"):
        call_command("verify_signatures", "--head", "{not json")
    with pytest.raises(CommandError, match="Cannot read the kept head"):
        call_command("verify_signatures", "--head", "/nonexistent/head.json")


def test_the_published_head_is_signed_with_the_published_key(chain, api_client):
    head = api_client.get(HEAD_API).json()
    assert head["length"] == 3 and head["hash"] == chain[2].entry_hash and head["algorithm"] == "Ed25519"
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(head["public_key"]))
    message = canonical.dumps({field: head[field] for field in ("chain", "length", "hash", "time")})
    public.verify(base64.b64decode(head["signature"]), message)  # raises when the signature does not hold
    with pytest.raises(InvalidSignature):
        public.verify(base64.b64decode(head["signature"]), message.replace(b'"length":3', b'"length":2'))


def test_the_public_page_shows_the_signed_head_and_the_key(chain, client):
    response = client.get(reverse("charter:chain_head"))
    assert response.status_code == 200
    page = response.content.decode()
    assert chain[2].entry_hash in page and anchors.public_key_b64() in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_empty_chain_has_a_signed_head_of_length_zero(version, api_client):
    head = api_client.get(HEAD_API).json()
    assert head["length"] == 0 and head["hash"] == "0" * 64
    call_command("verify_signatures", "--head", json.dumps(head))


def test_a_rotated_key_signs_new_entries_and_old_ones_still_verify(chain, partner_org):
    keys = {"dev": anchors.settings.SIGNATURE_HMAC_KEYS["dev"], "k2": "n" * 40}
    with override_settings(SIGNATURE_HMAC_KEYS=keys, SIGNATURE_HMAC_KEY_ID="k2"):
        org = factories.organisation(name="Vierde Huis")
        entry = sign(org, factories.admin_of(org), name="Vera Vier")
        assert entry.hmac.startswith("k2:")
        assert verify_chain().ok
        # An entry under the retired key after one under the new key is refused: a leaked old key signs nothing new.
        with override_settings(SIGNATURE_HMAC_KEY_ID="dev"):
            org = factories.organisation(name="Vijfde Huis")
            sign(org, factories.admin_of(org), name="Vijf")
        report = verify_chain()
        assert not report.ok and report.bad_sequence == 5 and "older" in report.problem
