from django.core.management.base import BaseCommand

from signals.services import rounds_run_schedule, signal_close_unconfirmed


class Command(BaseCommand):
    help = (
        "Prioritisation rounds on schedule: announce rounds that opened, remind two days before closing, publish "
        "the result of rounds past their closing moment; and close answered signals whose reporter did not "
        "confirm within 30 days. Run every few minutes (at least hourly)."
    )

    def handle(self, *args, **options):
        done = rounds_run_schedule()
        for what, rounds in done.items():
            for item in rounds:
                self.stdout.write(f"{what} round {item.pk}")
        closed = signal_close_unconfirmed()
        for signal in closed:
            self.stdout.write(f"closed as not confirmed: signal {signal.pk}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(done['published'])} result(s) published, {len(closed)} signal(s) closed as not confirmed."
            )
        )
