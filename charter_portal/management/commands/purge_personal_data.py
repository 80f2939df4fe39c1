from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from charter_portal.permissions import actor_for
from charter_portal.purge import redact_object


class Command(BaseCommand):
    help = (
        "Redact personal data found after the fact in one object and in every history row of it, keeping the rows "
        "(docs/security.md). Only a city admin may ask for it; the purge is logged without the data."
    )

    def add_arguments(self, parser):
        parser.add_argument("model", help="The kind of object, as app_label.Model (for example offers.Offer).")
        parser.add_argument("pk", help="The object's id.")
        parser.add_argument("--by", required=True, help="The e-mail address of the city admin who asks for it.")
        parser.add_argument(
            "--text",
            action="append",
            default=[],
            help="A text to redact as well, such as a child's name no pattern finds (repeat for more).",
        )

    def handle(self, *args, model, pk, by, text, **options):
        try:
            model_class = apps.get_model(model)
        except (LookupError, ValueError) as exc:
            raise CommandError(f"No such kind of object: {model}.") from exc
        admin = get_user_model().objects.filter(email__iexact=by.strip(), is_active=True).first()
        if admin is None or not actor_for(admin).is_city_admin:
            raise CommandError("Only a city admin may purge personal data: give their e-mail address with --by.")
        instance = model_class._default_manager.filter(pk=pk).first()
        if instance is None:
            raise CommandError(f"No {model} with id {pk}.")
        result = redact_object(instance=instance, named=tuple(text), by=admin.email)
        self.stdout.write(self.style.SUCCESS(f"Redacted {result.values} values in {result.rows} rows of {model} {pk}."))
