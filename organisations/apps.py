from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from django.db.models import Q

        from charter_portal.api import register_api_module
        from charter_portal.history import Kind, register_kinds
        from charter_portal.navigation import register_section
        from charter_portal.permissions.core import provide_memberships
        from organisations import events, nav  # noqa: F401 (events registers notification kinds and to-dos)
        from organisations.selectors import memberships_for

        provide_memberships(memberships_for)
        register_section(_("Organisations"), nav.items, position=60)
        register_api_module("organisations.api")
        register_kinds(
            Kind(
                "organisation", _("organisation"), "organisations.Organisation", lambda r: r.name, lambda o: Q(id=o.pk)
            ),
            Kind(
                "membership",
                _("membership"),
                "organisations.Membership",
                lambda r: f"{r.user.full_name if r.user else r.user_id} ({r.get_role_display()})",
                lambda o: Q(organisation_id=o.pk),
                related=("user",),
            ),
        )
