from django.core.management.base import BaseCommand, CommandError

from charter.selectors import verify_chain, verify_charter_versions


class Command(BaseCommand):
    help = "Verify the signature hash chain and the charter versions' hashes; fail naming the first bad entry."

    def handle(self, *args, **options):
        bad_versions = verify_charter_versions()
        if bad_versions:
            raise CommandError(f"Charter version {bad_versions[0]}: its text no longer matches its hash.")
        report = verify_chain()
        if not report.ok:
            raise CommandError(f"Chain entry {report.bad_sequence} is not valid: {report.problem}.")
        self.stdout.write(self.style.SUCCESS(f"Signature chain is valid: {report.checked} entries checked."))
