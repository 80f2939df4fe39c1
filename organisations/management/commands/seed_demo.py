"""Demo data: fictional organisations, one user per role and movement circles, then each app's own demo data."""

from django.core.management.base import BaseCommand

from charter_portal import caching
from organisations.demo import DEMO_PASSWORD, DEMO_SEEDS, USERS, seed_foundation


class Command(BaseCommand):
    help = "Load the demo data (idempotent): organisations, users for every role, movement circles and more."

    def handle(self, *args, **options):
        def log(message: str) -> None:
            if options["verbosity"] >= 2:
                self.stdout.write(f"  {message}")

        seed_foundation(log)
        for _position, name, seed in DEMO_SEEDS:
            self.stdout.write(f"Demo data: {name}")
            seed(log)
        caching.bump_all()  # the demo data is written without the services

        self.stdout.write(self.style.SUCCESS(f"Demo data is ready. Demo logins (password for all: {DEMO_PASSWORD}):"))
        for email, _full_name, org_slug, role, purpose in USERS:
            self.stdout.write(f"  {purpose:<24} {email:<34} ({role} of {org_slug})")
        pending = "nieuw.initiatief@demo.example"
        self.stdout.write(f"  {'awaiting approval':<24} {pending:<34} (admin of nieuw-initiatief-demo)")
