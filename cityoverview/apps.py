from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityOverviewConfig(AppConfig):
    name = "cityoverview"
    verbose_name = _("City overview")

    def ready(self):
        from charter_portal.navigation import register_section
        from cityoverview import nav

        register_section(_("City"), nav.items, position=5)
