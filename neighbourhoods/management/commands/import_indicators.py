from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from charter_portal import caching
from neighbourhoods.importing import UnreadableFile, indicator_values_import, read_rows


class Command(BaseCommand):
    help = "Import indicator values per neighbourhood and year from a CSV or XLSX file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            rows = read_rows(file.name, file.read_bytes())
        except UnreadableFile as exc:
            raise CommandError(str(exc)) from exc
        report = indicator_values_import(
            rows=rows,
            file_name=file.name,
            progress=lambda items: tqdm(items, desc="Importing", unit="value", file=self.stderr._out),
        )
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"row {problem.row}: {problem.message}")
            raise CommandError(f"{len(report.problems)} problem(s); nothing was imported.")
        caching.bump_all()  # a write outside the services: nothing kept may show the old values
        self.stdout.write(
            self.style.SUCCESS(f"{report.rows} rows read: {report.created} values created, {report.updated} updated.")
        )
