import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from neighbourhoods.services import coverage_snapshot_take


class Command(BaseCommand):
    help = "Store a dated snapshot of the coverage of every area (for a monthly or yearly cron)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD; today (Europe/Brussels) by default")

    def handle(self, *args, date=None, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Not a date: {date}") from exc
        count = coverage_snapshot_take(day=day)
        self.stdout.write(self.style.SUCCESS(f"Coverage snapshot of {day}: {count} areas."))
