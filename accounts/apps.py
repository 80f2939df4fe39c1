from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts import nav, receivers  # noqa: F401 (receivers connects the security log receivers)
        from charter_portal.navigation import register_account_items

        register_account_items(nav.items)
