from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiversityConfig(AppConfig):
    name = "diversity"
    verbose_name = _("Staff diversity")

    def ready(self):
        from charter_portal.api import register_api_module
        from charter_portal.navigation import register_section
        from diversity import demo, events, nav  # noqa: F401  (events registers the reminder's kind)
        from organisations.demo import register_demo

        register_section(_("Diversity"), nav.items, position=75)
        register_api_module("diversity.api")
        register_demo("diversity.demo", demo.seed, position=75)
