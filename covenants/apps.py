from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CovenantsConfig(AppConfig):
    name = "covenants"
    verbose_name = _("Covenants")

    def ready(self):
        from charter_portal.api import register_api_module
        from charter_portal.history import Kind, register_kinds
        from charter_portal.navigation import register_section
        from covenants import demo, events, nav  # noqa: F401 (events registers notification kinds and to-dos)
        from covenants.selectors import covenants_of_q
        from organisations.demo import register_demo

        register_section(_("Covenants"), nav.items, position=50)
        register_api_module("covenants.api")
        register_demo("covenants.demo", demo.seed, position=50)
        register_kinds(
            Kind("covenant", _("covenant"), "covenants.Covenant", lambda r: f"{r.reference} {r.title}", covenants_of_q),
            Kind(
                "covenant_version",
                _("covenant version"),
                "covenants.TermsVersion",
                lambda r: f"{r.covenant.reference if r.covenant else r.covenant_id} v{r.number}",
                lambda o: covenants_of_q(o, "covenant"),
                related=("covenant",),
            ),
            Kind(
                "covenant_report",
                _("covenant report"),
                "covenants.Report",
                lambda r: f"{r.covenant.reference if r.covenant else r.covenant_id} #{r.period_id}",
                lambda o: covenants_of_q(o, "covenant"),
                related=("covenant",),
            ),
        )
