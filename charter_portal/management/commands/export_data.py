from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from charter_portal import serialization
from charter_portal.backup import EXCLUDED


class Command(BaseCommand):
    help = (
        "Export all portal data (every app, history included) to a gzip'd JSON file, for import_data. "
        "References to content types and permissions use natural keys, so a fresh database can read it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write, ending in .json.gz (for example: backup-2026-11-29.json.gz).")
        parser.add_argument("--database", default="default", help="The database to export (default: default).")

    def handle(self, *args, file, database, **options):
        if not file.endswith(".json.gz"):
            raise CommandError("The file name must end in .json.gz.")
        # Plain Django JSON with exact timestamps (charter_portal/serialization.py); loaddata reads it as JSON.
        serializers.register_serializer(serialization.FORMAT, "charter_portal.serialization")
        call_command(
            "dumpdata",
            format=serialization.FORMAT,
            exclude=sorted(EXCLUDED),
            natural_foreign=True,
            output=file,
            database=database,
            verbosity=0,
        )
        self.stdout.write(self.style.SUCCESS(f"Exported all data to {file}."))
