"""Write the plan of the load test: which configured pages exist in this build (devtools/load/pages.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from devtools.load.plan import build_plan, describe, write_plan


class Command(BaseCommand):
    help = "Resolve the pages of devtools/load/pages.py against this build and database; write them as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True, help="JSON file to write.")
        parser.add_argument(
            "--tokens",
            type=int,
            default=0,
            help="Also issue this many API tokens of the partner persona, for the API clients of the load test.",
        )

    def handle(self, *args, **options):
        plan = build_plan()
        if options["tokens"] and plan["personas"]["partner"]:
            from django.contrib.auth import get_user_model
            from django.utils import timezone

            from accounts.services import api_token_issue

            emails = plan["personas"]["partner"]
            users = {user.email: user for user in get_user_model()._default_manager.filter(email__in=emails)}
            stamp = f"{timezone.now():%Y-%m-%d %H:%M:%S.%f}"
            plan["tokens"] = [
                api_token_issue(user=users[emails[i % len(emails)]], name=f"load test {stamp} {i}")[1]
                for i in range(options["tokens"])
            ]
        write_plan(plan, options["out"])
        self.stdout.write("Pages:")
        for line in describe(plan):
            self.stdout.write(line)
