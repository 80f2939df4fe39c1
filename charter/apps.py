from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterConfig(AppConfig):
    name = "charter"
    verbose_name = _("Charter")

    def ready(self):
        from charter import checks, demo, events, nav  # noqa: F401 (checks, events register on import)
        from charter.selectors import annotate_is_signatory
        from charter_portal.api import register_api_module
        from charter_portal.history import Kind, register_kinds
        from charter_portal.navigation import register_section
        from organisations.demo import register_demo
        from organisations.models.organisation import provide_signatory_flag

        provide_signatory_flag(annotate_is_signatory)
        register_section(_("Charter"), nav.items, position=10)
        register_api_module("charter.api")
        register_demo("charter.demo", demo.seed, position=30)
        register_kinds(Kind("charter_version", _("charter version"), "charter.CharterVersion", lambda r: r.label))
