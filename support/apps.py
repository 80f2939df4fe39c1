from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    """Small organisations as full partners: support on request, mentorships, booking shared spaces and the
    roles of members in a collaboration."""

    name = "support"
    verbose_name = _("Support")

    def ready(self):
        from django.db.models import Q

        from charter_portal.api import register_api_module
        from charter_portal.history import Kind, register_kinds
        from charter_portal.navigation import register_section
        from neighbourhoods.coverage_sources import provide_collaboration_roles
        from offers.api import register_collaboration_extra
        from organisations.demo import register_demo
        from support import demo, nav, selectors

        register_section(_("Support"), nav.items, position=45)
        register_api_module("support.api")
        register_demo("support.demo", demo.seed, position=45)
        provide_collaboration_roles(selectors.roles_by_collaboration)
        register_collaboration_extra("roles", selectors.roles_for_api)
        register_kinds(
            Kind(
                "volunteer_run",
                _("run by volunteers"),
                "support.SmallOrganisation",
                lambda r: r.organisation.name,
                lambda o: Q(organisation_id=o.pk),
                related=("organisation",),
            )
        )
        if apps.is_installed("notifications"):
            from support import events

            events.register()
