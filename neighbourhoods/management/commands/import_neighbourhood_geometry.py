from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from charter_portal import caching
from neighbourhoods.geometry import BadGeoJSON, neighbourhood_geometry_import


class Command(BaseCommand):
    help = "Store the neighbourhoods' polygons from a GeoJSON file (WGS84), matched by wijknr or wijk name."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            report = neighbourhood_geometry_import(data=file.read_bytes())
        except BadGeoJSON as exc:
            raise CommandError(f"{file}: {exc}") from exc
        caching.bump_all()  # a write outside the services: nothing kept may show the old geometry
        self.stdout.write(f"Matched {len(report.matched)} neighbourhoods.")
        for label in report.unmatched_features:
            self.stdout.write(self.style.WARNING(f"Not matched: {label}"))
        for name in report.neighbourhoods_without_geometry:
            self.stdout.write(self.style.WARNING(f"Still without geometry: {name}"))
