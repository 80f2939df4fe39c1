from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "signals"
    verbose_name = _("Signals")

    def ready(self):
        from django.db.models import Q

        from charter_portal.api import register_api_module
        from charter_portal.history import Kind, register_kinds
        from charter_portal.navigation import register_section
        from neighbourhoods.area_panels import register_area_panel
        from neighbourhoods.builtin_indicators import register_builtin_source
        from organisations.demo import register_demo
        from signals import area_panel, demo, indicators, nav

        register_section(_("Signals"), nav.items, position=40)
        register_api_module("signals.api")
        register_demo("signals.demo", demo.seed, position=40)
        register_builtin_source("builtin_signals", indicators.signals_reported_last_12_months)
        register_area_panel(area_panel.open_signals_panel)
        register_kinds(
            Kind("signal", _("signal"), "signals.Signal", lambda r: r.title, lambda o: Q(organisation_id=o.pk))
        )
        from django.apps import apps

        if apps.is_installed("notifications"):
            from signals import events  # noqa: F401  (registers notification kinds and the to-do provider)
