from django.core.management.base import BaseCommand

from notifications.digests import prune, send_digests
from notifications.models import Digest


class Command(BaseCommand):
    help = (
        "Send the daily or weekly notification digests (run 'daily' every morning and 'weekly' on Mondays from "
        "cron); a second run in the same period sends nothing. Also removes read notifications older than a year."
    )

    def add_arguments(self, parser):
        parser.add_argument("period", choices=Digest.Period.values)

    def handle(self, *args, period, **options):
        sent = send_digests(period)
        removed = prune()
        self.stdout.write(f"{sent} {period} digest(s) sent; {removed} old read notification(s) removed.")
