from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterPortalConfig(AppConfig):
    name = "charter_portal"
    verbose_name = _("Charter portal")

    def ready(self):
        from charter_portal import checks  # noqa: F401 - registers the system checks
