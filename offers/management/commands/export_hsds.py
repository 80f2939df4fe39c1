"""Write the published offer as an HSDS 3.0 data package: one JSON file per table and a datapackage.json."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from offers import hsds


class Command(BaseCommand):
    help = "Write the published offer as an HSDS 3.0 data package (JSON files and datapackage.json) into DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="Directory to write the files to (created if needed).")
        parser.add_argument(
            "--language", default=None, help="Language of the texts the portal adds (nl or en; default: nl)."
        )

    def handle(self, *args, directory, language=None, **options):
        from django.conf import settings

        language = language or settings.LANGUAGE_CODE
        if language not in dict(settings.LANGUAGES):
            raise CommandError(f"Unknown language {language!r}: choose one of {', '.join(dict(settings.LANGUAGES))}.")
        target = Path(directory)
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"Cannot create the directory {target}: {exc.strerror or exc}.") from exc
        if not target.is_dir():
            raise CommandError(f"{target} is not a directory.")

        with translation.override(language):
            tables = hsds.export_tables(
                offers=hsds.hsds_offers(), organisations=hsds.hsds_organisations(), terms=hsds.terms_by_code()
            )
            package = hsds.datapackage(tables)
        files = {filename: tables.rows.get(name, []) for name, filename in hsds.PACKAGE_FILES.items()}
        files["datapackage.json"] = package
        try:
            for filename, content in files.items():
                (target / filename).write_text(
                    json.dumps(content, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8"
                )
        except OSError as exc:
            raise CommandError(f"Cannot write to {target}: {exc.strerror or exc}.") from exc
        counts = ", ".join(f"{len(tables.rows.get(name, []))} {name}" for name in ("organization", "service"))
        self.stdout.write(f"Wrote the HSDS {hsds.HSDS_VERSION} data package to {target} ({counts}).")
