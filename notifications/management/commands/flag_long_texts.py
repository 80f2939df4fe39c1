from django.core.management.base import BaseCommand

from notifications.long_texts import flag_long_texts


class Command(BaseCommand):
    help = (
        "Tell the owners of every text longer than its field's limit (saved before the limit existed) which field "
        "to shorten, with a link to the edit page; the texts stay as they are. Run once after the upgrade."
    )

    def handle(self, *args, **options):
        found = flag_long_texts()
        for label, pk, field in found:
            self.stdout.write(f"{label} {pk}: {field}")
        self.stdout.write(f"{len(found)} text(s) longer than their limit; their owners were told.")
