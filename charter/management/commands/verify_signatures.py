import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from charter import anchors
from charter.selectors import extends_head, verify_chain, verify_charter_versions


class Command(BaseCommand):
    help = (
        "Verify the signature hash chain (links, hashes and HMACs) and the charter versions' hashes; with --head, "
        "also that the chain still extends a head the portal published earlier. Fail naming the first bad entry."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--head",
            action="append",
            default=[],
            metavar="FILE_OR_JSON",
            help="A chain head published earlier (a file holding its JSON, or the JSON itself), as kept from "
            "/charter/keten/ or /api/v1/signatures/head/. May be given several times.",
        )

    def handle(self, *args, head, **options):
        kept = [self._read_head(value) for value in head]
        bad_versions = verify_charter_versions()
        if bad_versions:
            raise CommandError(f"Charter version {bad_versions[0]}: its text no longer matches its hash.")
        report = verify_chain()
        if not report.ok:
            raise CommandError(f"Chain entry {report.bad_sequence} is not valid: {report.problem}.")
        for earlier in kept:
            if problem := extends_head(earlier):
                raise CommandError(f"The chain does not extend the kept head: {problem}.")
        self.stdout.write(self.style.SUCCESS(f"Signature chain is valid: {report.checked} entries checked."))
        for earlier in kept:
            self.stdout.write(
                self.style.SUCCESS(f"It extends the head of {earlier.time} (entry {earlier.length}, {earlier.hash}).")
            )

    def _read_head(self, value: str) -> anchors.Head:
        text = value if value.lstrip().startswith("{") else None
        if text is None:
            try:
                text = Path(value).read_text(encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Cannot read the kept head {value!r}: {exc.strerror}.") from None
        try:
            return anchors.read_head(json.loads(text))
        except json.JSONDecodeError:
            raise CommandError("The kept head is not JSON.") from None
        except anchors.HeadError as exc:
            raise CommandError(f"The kept head is not valid: {exc}.") from None
