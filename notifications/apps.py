from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from charter_portal.api import register_api_module
        from charter_portal.navigation import register_account_items
        from notifications import long_texts, nav, receivers  # noqa: F401 (long_texts registers its kind)

        register_account_items(nav.items)
        register_api_module("notifications.api")
