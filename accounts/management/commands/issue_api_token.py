from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from accounts.models import User


class Command(BaseCommand):
    help = "Print the API token of the user with this e-mail address (created when there is none yet)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--rotate", action="store_true", help="Replace an existing token; the old one stops working."
        )

    def handle(self, *args, email, rotate, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {email!r}.")
        if not user.is_active:
            raise CommandError(f"The user {email!r} is not active; an API token would not work.")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
