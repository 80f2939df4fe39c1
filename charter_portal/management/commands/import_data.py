import contextlib

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from charter_portal import caching
from charter_portal.backup import rows_beyond_migrations

_UNSET = object()


@contextlib.contextmanager
def _history_switched_off():
    """simple-history records nothing inside (it reads ``SIMPLE_HISTORY_ENABLED`` at every save)."""
    before = getattr(settings, "SIMPLE_HISTORY_ENABLED", _UNSET)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        if before is _UNSET:
            del settings.SIMPLE_HISTORY_ENABLED
        else:
            settings.SIMPLE_HISTORY_ENABLED = before


class Command(BaseCommand):
    help = (
        "Restore a file made by export_data into an EMPTY, migrated database. Refuses a database that "
        "already holds data that people entered."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file made by export_data (.json.gz).")
        parser.add_argument("--database", default="default", help="The database to restore into (default: default).")

    def handle(self, *args, file, database, **options):
        found = rows_beyond_migrations(database)
        if found:
            listed = ", ".join(f"{label}: {count}" for label, count in sorted(found.items())[:5])
            raise CommandError(
                "This database is not empty, so nothing was imported. Restore only into a new database "
                f"on which you ran `manage.py migrate` and nothing else (found {listed})."
            )
        # The export holds the history as it was; loading must not add history rows of its own (simple-history
        # records many-to-many changes even for raw loads).
        with _history_switched_off(), transaction.atomic(using=database):
            # The rows that migrations seeded (neighbourhoods, functions, the first charter version...) are in the
            # export as they were at export time: remove the seeded ones so the export's are the only ones.
            # flush keeps the tables and recreates content types and permissions.
            call_command("flush", database=database, interactive=False, verbosity=0)
            call_command("loaddata", file, database=database, verbosity=0)
        caching.bump_all()  # whatever was kept, the data is another now
        self.stdout.write(self.style.SUCCESS(f"Imported {file}."))
