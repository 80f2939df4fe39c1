from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterPortalConfig(AppConfig):
    name = "charter_portal"
    verbose_name = _("Charter portal")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from charter_portal import checks, data_version  # noqa: F401 - checks registers the system checks

        # Every write to the portal's tables replaces the data version token (charter_portal/data_version.py).
        connection_created.connect(data_version.install, dispatch_uid="portal-data-version")
        pre_migrate.connect(data_version.migrations_starting, dispatch_uid="portal-data-version-migrating")
        post_migrate.connect(data_version.migrations_done, dispatch_uid="portal-data-version-migrated")
