from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"
    verbose_name = _("Neighbourhoods")

    def ready(self):
        from charter_portal.api import register_api_module
        from charter_portal.history import Kind, register_kinds
        from charter_portal.navigation import register_section
        from neighbourhoods import demo, nav
        from organisations.demo import register_demo

        register_section(_("Neighbourhoods"), nav.items, position=30)
        register_api_module("neighbourhoods.api")
        register_api_module("neighbourhoods.api_coverage")
        register_demo("neighbourhoods.demo", demo.seed, position=20)
        register_kinds(
            Kind("neighbourhood", _("neighbourhood priority"), "neighbourhoods.Neighbourhood", lambda r: r.name),
            Kind("movement_circle", _("movement circle priority"), "neighbourhoods.MovementCircle", lambda r: r.name),
            Kind("indicator", _("indicator"), "neighbourhoods.Indicator", lambda r: r.name),
        )
