from django.core.management.base import BaseCommand

from diversity import services


class Command(BaseCommand):
    help = "Tell organisation admins that the staff-diversity report of the year that ended is open (once a year)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="The report year (default: last year).")

    def handle(self, *args, year=None, **options):
        count = services.reminders_send(year=year)
        self.stdout.write(f"{count} people reminded.")
