"""Import reference figures for Ghent's population: a CSV with the columns year, figure, share (%), source."""

import csv
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from diversity import categories
from diversity.models import PopulationReference

KNOWN = {key.split("_", 1)[1] for key in categories.entered_keys() if key.startswith("staff_")}


class Command(BaseCommand):
    help = "Import reference figures for Ghent's population (CSV: year,figure,share,source)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--synthetic", action="store_true", help="Mark the figures as made up (demo).")

    def handle(self, *args, file, synthetic=False, **options):
        rows = []
        with open(file, newline="", encoding="utf-8-sig") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    year = int(row["year"])
                    share = Decimal(row["share"].replace(",", "."))
                except (KeyError, ValueError, InvalidOperation, AttributeError) as error:
                    raise CommandError(f"line {number}: year and share must be numbers") from error
                if row.get("figure") not in KNOWN or not 0 <= share <= 100:
                    raise CommandError(f"line {number}: unknown figure or a share outside 0-100")
                rows.append((year, row["figure"], share, (row.get("source") or "")[:200]))
        with transaction.atomic():
            for year, code, share, source in rows:
                PopulationReference.objects.update_or_create(
                    year=year, code=code, defaults={"share": share, "source": source, "is_synthetic": synthetic}
                )
        self.stdout.write(f"{len(rows)} reference figures imported.")
