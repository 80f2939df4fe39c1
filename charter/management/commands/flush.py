"""Django's ``flush``, able to empty the signature chain on SQLite too.

The append-only trigger refuses every DELETE of a chain entry. On PostgreSQL ``flush`` empties tables with
TRUNCATE, which row triggers do not see; SQLite has no TRUNCATE, so for the length of the flush the DELETE
trigger is set aside (within the flush's transaction) and then created again. Emptying the whole database is
the one deletion the rule allows (the test suite does it between transactional tests)."""

from importlib import import_module

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

_triggers = import_module("charter.migrations.0006_append_only_allows_hmac_fill")


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS charter_chainentry_append_only_delete")
        try:
            return super().handle(**options)
        finally:
            if "charter_chainentry" in connection.introspection.table_names():
                with connection.cursor() as cursor:
                    cursor.execute(_triggers.SQLITE_DELETE_TRIGGER)
