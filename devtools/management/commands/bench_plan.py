"""Write the plan of the load test: which configured pages exist in this build (devtools/load/pages.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from devtools.load.plan import build_plan, describe, write_plan


class Command(BaseCommand):
    help = "Resolve the pages of devtools/load/pages.py against this build and database; write them as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True, help="JSON file to write.")

    def handle(self, *args, **options):
        plan = build_plan()
        write_plan(plan, options["out"])
        self.stdout.write("Pages:")
        for line in describe(plan):
            self.stdout.write(line)
