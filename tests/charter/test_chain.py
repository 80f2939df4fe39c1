"""The hash chain: append-only, every column covered by the hash, verify_signatures, concurrent signers."""

import threading
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from charter.models import ChainEntry, ImmutableError
from charter.selectors import verify_chain
from charter.services import charter_withdraw
from charter_portal.errors import StepNotAllowed
from tests import factories
from tests.charter.conftest import TRIGGERS, sign
from tests.charter.conftest import tamper as _tamper

pytestmark = pytest.mark.django_db

TABLE = "charter_chainentry"


@pytest.fixture
def chain(version, partner_org, partner_admin, other_org, other_admin):
    """Three entries: partner signs (1), other signs (2), other withdraws (3)."""
    first = sign(partner_org, partner_admin)
    second = sign(other_org, other_admin, name="Otto Other")
    third = charter_withdraw(signature=second, user=other_admin, reason="Board decision")
    return first, second, third


def test_it_links_each_entry_to_the_previous_one(chain):
    first, second, third = chain
    assert [e.sequence for e in chain] == [1, 2, 3]
    assert first.previous_hash == "0" * 64
    assert second.previous_hash == first.entry_hash and third.previous_hash == second.entry_hash
    assert third.withdraws == second and third.reason == "Board decision"
    for entry in chain:
        assert entry.compute_hash() == entry.entry_hash


def test_it_verifies_a_good_chain(chain, capsys):
    call_command("verify_signatures")
    assert "3 entries checked" in capsys.readouterr().out
    assert verify_chain().ok


def test_it_verifies_an_empty_chain(version, capsys):
    call_command("verify_signatures")
    assert "0 entries checked" in capsys.readouterr().out


def _changed_values(chain, other_version_id):
    """For each column: (entry sequence, new value). Every column of the table is listed."""
    first, second, third = chain
    extra_org = factories.organisation(name="Somebody Else")
    extra_user = factories.user()
    return {
        "receipt_code": (2, "ZZZZZZZZZZZZ"),
        "charter_version_id": (2, other_version_id),
        "charter_hash": (2, "f" * 64),
        "organisation_id": (2, extra_org.pk),
        "organisation_name": (2, "Someone Else"),
        "signer_id": (2, extra_user.pk),
        "signer_name": (2, "Mallory"),
        "signer_role": (2, "Intern"),
        "created_at": (2, second.created_at - timedelta(days=1)),
        "reason": (2, "added later"),
        "withdraws_id": (3, first.sequence),
        "previous_hash": (2, "e" * 64),
        "entry_hash": (2, "d" * 64),
        "hmac": (2, "dev:" + "c" * 64),
        "sequence": (1, 20),  # entry 2 is referenced by the withdrawal; renumber the first
    }


def test_it_covers_every_column_of_the_table(chain):
    columns = {f.column for f in ChainEntry._meta.concrete_fields}
    assert columns == set(_changed_values(chain, 1)) | {"kind"}
    assert columns == set(TRIGGERS.COLUMNS) | {"hmac"}  # the SQLite trigger compares every other column


# Every column of the table but ``kind`` (which the database ties to others: see below).
@pytest.mark.parametrize("column", [c for c in (*TRIGGERS.COLUMNS, "hmac") if c != "kind"])
def test_it_fails_verification_naming_the_entry_whose_column_changed(chain, version, column):
    from tests.charter.conftest import publish_second_version

    other_version = publish_second_version(version)
    sequence, value = _changed_values(chain, other_version.pk)[column]
    _tamper(f"UPDATE {TABLE} SET {column} = %s WHERE sequence = %s", [value, sequence])  # noqa: S608 - the table name is a constant of the test, values are parameters
    report = verify_chain()
    assert not report.ok and report.bad_sequence == sequence
    with pytest.raises(CommandError, match=f"Chain entry {sequence} "):
        call_command("verify_signatures")


def test_it_lets_the_database_refuse_a_changed_kind(chain):
    """``kind`` cannot change alone: the check constraint ties it to ``withdraws`` and ``reason``."""
    with pytest.raises(IntegrityError), transaction.atomic():
        _tamper(f"UPDATE {TABLE} SET kind = 'withdraw' WHERE sequence = 1", [])  # noqa: S608 - the table name is a constant of the test, values are parameters


def test_it_fails_verification_when_an_entry_is_deleted(chain):
    _tamper(f"DELETE FROM {TABLE} WHERE sequence = 3", [])  # noqa: S608 - the table name is a constant of the test, values are parameters
    report = verify_chain()
    assert not report.ok and report.bad_sequence == 3
    with pytest.raises(CommandError):
        call_command("verify_signatures")


def test_it_fails_verification_when_the_charter_text_changed(chain, version):
    with connection.cursor() as cursor:
        sql = "UPDATE charter_article SET body_en = 'changed' WHERE version_id = %s AND number = 1"
        cursor.execute(sql, [version.pk])
    with pytest.raises(CommandError, match="Charter version 2020"):
        call_command("verify_signatures")


def test_it_refuses_updates_and_deletes_in_the_model(chain):
    first = chain[0]
    first.signer_name = "Mallory"
    with pytest.raises(ImmutableError):
        first.save()
    with pytest.raises(ImmutableError):
        first.delete()
    with pytest.raises(ImmutableError):
        ChainEntry.objects.filter(sequence=1).update(signer_name="Mallory")
    with pytest.raises(ImmutableError):
        ChainEntry.objects.all().delete()
    assert verify_chain().ok


def test_it_refuses_update_and_delete_with_a_trigger(chain):
    for sql in (f"UPDATE {TABLE} SET signer_name = 'Mallory' WHERE sequence = 1", f"DELETE FROM {TABLE}"):  # noqa: S608 - the table name is a constant of the test, values are parameters
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert ChainEntry.objects.get(sequence=1).signer_name == "Ada Admin"


def test_the_trigger_allows_only_filling_an_empty_hmac(chain):
    _tamper(f"UPDATE {TABLE} SET hmac = '' WHERE sequence = 1", [])  # noqa: S608 - the table name is a constant of the test
    refused = [
        f"UPDATE {TABLE} SET hmac = 'dev:x', signer_name = 'Mallory' WHERE sequence = 1",  # noqa: S608 - constant
        f"UPDATE {TABLE} SET hmac = 'dev:x' WHERE sequence = 2",  # noqa: S608 - constant: a set HMAC never changes
        f"UPDATE {TABLE} SET hmac = '' WHERE sequence = 2",  # noqa: S608 - constant: nor is it emptied
    ]
    for sql in refused:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET hmac = 'dev:x' WHERE sequence = 1")  # noqa: S608 - constant
    assert ChainEntry.objects.get(sequence=1).hmac == "dev:x"
    assert ChainEntry.objects.get(sequence=2).signer_name == "Otto Other"


def test_the_migration_gives_older_entries_their_hmac_through_the_trigger(chain):
    from types import SimpleNamespace

    _tamper(f"UPDATE {TABLE} SET hmac = ''", [])  # noqa: S608 - constant: entries as they were before the HMAC
    assert not verify_chain().ok
    TRIGGERS.fill_hmacs(None, SimpleNamespace(connection=connection))
    assert verify_chain().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises all writes; row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_keeps_a_valid_chain_when_two_organisations_sign_at_the_same_moment():
    from charter.initial import create_first_version
    from charter.models import Article, ChainHead, CharterVersion

    version = create_first_version(CharterVersion, Article, ChainHead)
    pairs = []
    for n in range(4):
        org = factories.organisation(name=f"Concurrent {n}")
        pairs.append((org, factories.admin_of(org)))
    barrier = threading.Barrier(len(pairs))
    errors = []

    def run(org, user):
        try:
            barrier.wait()
            sign(org, user, version=version)
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(ChainEntry.objects.values_list("sequence", flat=True)) == [1, 2, 3, 4]
    assert verify_chain().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises all writes; row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_writes_one_signature_when_the_same_organisation_signs_twice_at_once():
    from charter.initial import create_first_version
    from charter.models import Article, ChainHead, CharterVersion

    version = create_first_version(CharterVersion, Article, ChainHead)
    org = factories.organisation(name="Double")
    users = [factories.admin_of(org), factories.admin_of(org)]
    barrier = threading.Barrier(2)
    refusals = []

    def run(user):
        try:
            barrier.wait()
            sign(org, user, version=version)
        except StepNotAllowed as exc:
            refusals.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(refusals) == 1
    assert ChainEntry.objects.count() == 1
    assert verify_chain().ok
