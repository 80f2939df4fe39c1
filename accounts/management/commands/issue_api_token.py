from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import ApiToken, User
from accounts.services import api_token_issue
from charter_portal.errors import StepNotAllowed


class Command(BaseCommand):
    help = (
        "Issue a new API token to the user with this e-mail address and print it. It is shown this once: only a "
        "hash is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", help="What the token is for (default: 'issued on <date and time>').")
        parser.add_argument(
            "--rotate", action="store_true", help="Revoke the user's other tokens first; they stop working."
        )

    def handle(self, *args, email, name, rotate, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {email!r}.")
        if not user.is_active:
            raise CommandError(f"The user {email!r} is not active; an API token would not work.")
        if rotate:
            ApiToken.objects.revoke_all(user=user)
        name = name or f"issued on {timezone.localtime():%Y-%m-%d %H:%M:%S}"
        try:
            _token, key = api_token_issue(user=user, name=name)
        except StepNotAllowed as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(key)
