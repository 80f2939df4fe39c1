from django.core.management.base import BaseCommand

from signals.services import signal_send_reminders


class Command(BaseCommand):
    help = "E-mail city services about signal deadlines that are near or passed (once per deadline). Run daily."

    def handle(self, *args, **options):
        sent = signal_send_reminders()
        for record in sent:
            self.stdout.write(f"{record.signal_id} {record.deadline} {record.due_on} {record.stage}")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} reminder(s) sent."))
