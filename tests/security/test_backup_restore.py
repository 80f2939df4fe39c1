"""A full export restored into a new, empty database holds exactly what the original held, and the signature
chain still verifies. The restore runs in separate processes against a second database (a temporary SQLite
file, or ``<database>_restore`` on PostgreSQL), as an operator would run it (docs/operations.md)."""

import gzip
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from charter.models import ChainEntry
from charter.services import charter_sign, charter_withdraw
from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def _manage(database_url, *args):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "charter_portal.settings",
        "DATABASE_URL": database_url,
        "CACHE_URL": "locmem",
    }
    return subprocess.run(  # noqa: S603 (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def restore_database_url(tmp_path):
    """An empty database to restore into; dropped again afterwards on PostgreSQL."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    params = connection.settings_dict
    name = params["NAME"].removeprefix("test_") + "_restore"
    admin = {"host": params["HOST"] or "127.0.0.1", "port": params["PORT"] or 5432, "user": params["USER"]}

    def run(sql):
        # The maintenance connection Django itself uses to create test databases (autocommit, database "postgres").
        with connection._nodb_cursor() as cursor:
            cursor.execute(sql)

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    yield f"postgres://{admin['user']}{password}@{admin['host']}:{admin['port']}/{name}"
    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _records(path) -> list[dict]:
    with gzip.open(path, "rt") as f:
        return json.load(f)


def _by_model(records) -> dict[str, list]:
    grouped = {}
    for record in records:
        grouped.setdefault(record["model"], []).append(record)
    return grouped


@pytest.mark.django_db(transaction=True)
def test_it_restores_an_export_into_an_empty_database_with_nothing_lost(
    reference_data, world, other_org, other_admin, partner_admin, restore_database_url, tmp_path
):
    # A second signature and a withdrawal, so the chain has several kinds of entries.
    factories.offer(other_org, title="Huiswerkklas")
    charter_withdraw(signature=world.signature, user=partner_admin, reason="Signed by mistake")
    charter_sign(
        organisation=other_org,
        user=other_admin,
        signer_name="Otto Other",
        signer_role="Coordinator",
        authorised=True,
        password=factories.PASSWORD,
    )
    assert ChainEntry.objects.count() == 3
    exported = tmp_path / "export.json.gz"
    call_command("export_data", str(exported))

    migrated = _manage(restore_database_url, "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr
    imported = _manage(restore_database_url, "import_data", str(exported))
    assert imported.returncode == 0, imported.stderr + imported.stdout
    verified = _manage(restore_database_url, "verify_signatures")
    assert verified.returncode == 0, verified.stderr
    assert "3 entries checked" in verified.stdout
    again = tmp_path / "again.json.gz"
    assert _manage(restore_database_url, "export_data", str(again)).returncode == 0

    original, restored = _by_model(_records(exported)), _by_model(_records(again))
    counts = Counter({model: len(rows) for model, rows in original.items()})
    assert counts == Counter({model: len(rows) for model, rows in restored.items()})
    for model in ("offers.offer", "signals.signal", "covenants.covenant", "charter.chainentry"):
        assert counts[model] > 0
    assert counts["offers.historicaloffer"] > 0
    assert original == restored  # every field of every row, history included


def test_it_refuses_to_import_into_a_database_that_holds_data(partner_org, tmp_path):
    exported = tmp_path / "export.json.gz"
    call_command("export_data", str(exported))

    with pytest.raises(CommandError, match="not empty"):
        call_command("import_data", str(exported))
    assert partner_org.__class__.objects.filter(pk=partner_org.pk).exists()


def test_it_wants_a_gzip_json_file_name(db, tmp_path):
    with pytest.raises(CommandError, match=".json.gz"):
        call_command("export_data", str(tmp_path / "export.json"))
