"""The append-only rule, on PostgreSQL and SQLite alike: no DELETE, and no UPDATE except the one that fills an
empty ``hmac`` and changes nothing else. Then the entries made before the HMAC get theirs (charter/anchors.py),
through that one allowed UPDATE: the trigger is extended, never disabled."""

from importlib import import_module

from django.core.exceptions import ImproperlyConfigured
from django.db import migrations

# Every column but ``hmac``; tests/charter/test_chain.py checks that the list covers the table.
COLUMNS = (
    "sequence",
    "kind",
    "receipt_code",
    "charter_version_id",
    "charter_hash",
    "organisation_id",
    "organisation_name",
    "signer_id",
    "signer_name",
    "signer_role",
    "created_at",
    "reason",
    "withdraws_id",
    "previous_hash",
    "entry_hash",
)

POSTGRESQL = """
CREATE OR REPLACE FUNCTION charter_chainentry_append_only() RETURNS trigger AS $$
BEGIN
    -- The one UPDATE allowed: an empty HMAC filled in, every other column (present or future) unchanged.
    IF TG_OP = 'UPDATE' AND OLD.hmac = '' AND NEW.hmac <> ''
       AND (to_jsonb(NEW) - 'hmac') = (to_jsonb(OLD) - 'hmac') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'charter_chainentry is append-only: % refused', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""

# Back to the rule of 0003: no UPDATE at all.
POSTGRESQL_BACK = import_module("charter.migrations.0003_append_only_trigger").CREATE

SQLITE_UNCHANGED = " AND ".join(f"NEW.{column} IS OLD.{column}" for column in COLUMNS)
SQLITE_DELETE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS charter_chainentry_append_only_delete BEFORE DELETE ON charter_chainentry
BEGIN SELECT RAISE(ABORT, 'charter_chainentry is append-only: DELETE refused'); END
"""
SQLITE = [
    f"""
CREATE TRIGGER IF NOT EXISTS charter_chainentry_append_only_update BEFORE UPDATE ON charter_chainentry
FOR EACH ROW WHEN NOT (OLD.hmac = '' AND NEW.hmac <> '' AND {SQLITE_UNCHANGED})
BEGIN SELECT RAISE(ABORT, 'charter_chainentry is append-only: UPDATE refused'); END
""",
    SQLITE_DELETE_TRIGGER,
]
SQLITE_BACK = [
    "DROP TRIGGER IF EXISTS charter_chainentry_append_only_update",
    "DROP TRIGGER IF EXISTS charter_chainentry_append_only_delete",
]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL, params=None)  # no params: "%" is plpgsql here
    elif vendor == "sqlite":
        # SQLite drops a table's triggers when a migration rebuilds the table: a later migration that alters
        # charter_chainentry on SQLite must create them again (tests/charter/test_chain.py would notice).
        for statement in SQLITE:
            schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_BACK, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_BACK:
            schema_editor.execute(statement, params=None)


def fill_hmacs(apps, schema_editor):
    from charter.anchors import entry_hmac

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT sequence, entry_hash FROM charter_chainentry WHERE hmac = '' ORDER BY sequence")
        rows = cursor.fetchall()
        try:
            values = [(entry_hmac(entry_hash), sequence) for sequence, entry_hash in rows]
        except ImproperlyConfigured as exc:
            raise ImproperlyConfigured(
                f"{len(rows)} signature chain entries need their HMAC: set SIGNATURE_HMAC_KEYS (README) and migrate."
            ) from exc
        for value, sequence in values:
            cursor.execute(
                "UPDATE charter_chainentry SET hmac = %s WHERE sequence = %s AND hmac = ''", [value, sequence]
            )


class Migration(migrations.Migration):
    dependencies = [("charter", "0005_entry_hmac")]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers),
        migrations.RunPython(fill_hmacs, migrations.RunPython.noop),
    ]
