"""On PostgreSQL, the database itself refuses UPDATE and DELETE on signature chain entries."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION charter_chainentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'charter_chainentry is append-only: % refused', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS charter_chainentry_append_only ON charter_chainentry;
CREATE TRIGGER charter_chainentry_append_only
    BEFORE UPDATE OR DELETE ON charter_chainentry
    FOR EACH ROW EXECUTE FUNCTION charter_chainentry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS charter_chainentry_append_only ON charter_chainentry;
DROP FUNCTION IF EXISTS charter_chainentry_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)  # no params: "%" is plpgsql here


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("charter", "0002_first_version")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
