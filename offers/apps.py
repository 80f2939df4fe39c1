from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    """The offer (aanbod) of the organisations: offers, collaborations, shared spaces, the public directory
    and the HSDS export. The tables kept their names from the time this lived in ``organisations``."""

    name = "offers"
    verbose_name = _("Offers")

    def ready(self):
        from django.db.models import Q

        from charter_portal.api import register_api_module
        from charter_portal.history import Kind, register_kinds
        from charter_portal.navigation import register_section
        from neighbourhoods.coverage_sources import provide_coverage_sources
        from offers import coverage_facts, demo, events, nav, receivers  # noqa: F401 (events, receivers: on import)
        from offers.selectors import collaboration_ids_of
        from organisations.demo import register_demo

        register_section(_("Offer"), nav.items, position=20)
        register_api_module("offers.api")
        register_api_module("offers.api_hsds")
        provide_coverage_sources(coverage_facts)
        register_demo("offers.demo", demo.seed, position=10)
        register_kinds(
            Kind("offer", _("offer"), "offers.Offer", lambda r: r.title, lambda o: Q(organisation_id=o.pk)),
            Kind(
                "collaboration",
                _("collaboration"),
                "offers.Collaboration",
                lambda r: r.name,
                lambda o: Q(id__in=collaboration_ids_of(o)),
            ),
            Kind(
                "collaboration_member",
                _("collaboration member"),
                "offers.CollaborationMember",
                lambda r: f"{r.organisation.name if r.organisation else r.organisation_id} ({r.get_status_display()})",
                lambda o: Q(collaboration_id__in=collaboration_ids_of(o)),
                related=("organisation",),
            ),
            Kind("space", _("shared space"), "offers.SharedSpace", lambda r: r.name, lambda o: Q(organisation_id=o.pk)),
        )
