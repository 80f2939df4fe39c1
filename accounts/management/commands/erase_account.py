from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services import user_erase


class Command(BaseCommand):
    help = (
        "Erase an account at its owner's request (GDPR): name, address, password, tokens, sessions and login records "
        "go; what the person did stays attributed to a former member of their organisation (docs/security.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The account's e-mail address.")

    def handle(self, *args, email, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip(), erased_at__isnull=True).first()
        if user is None:
            raise CommandError(f"No account with the address {email}.")
        user_erase(user=user)
        self.stdout.write(self.style.SUCCESS(f"Erased account {user.pk}."))
