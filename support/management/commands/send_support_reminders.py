from django.core.management.base import BaseCommand

from support.services import support_send_reminders


class Command(BaseCommand):
    help = "Remind the charter coordinators and the supporting organisations of support requests without a first answer near or past their deadline (once per stage). Run daily."  # noqa: E501

    def handle(self, *args, **options):
        sent = support_send_reminders()
        for record in sent:
            self.stdout.write(f"{record.request_id} {record.stage} {record.due_on}")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} reminder(s) sent."))
