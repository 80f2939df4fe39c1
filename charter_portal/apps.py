from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterPortalConfig(AppConfig):
    name = "charter_portal"
    verbose_name = _("Charter portal")
