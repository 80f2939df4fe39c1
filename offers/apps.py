from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    """The offer (aanbod) of the organisations: offers, collaborations, shared spaces, the public directory
    and the HSDS export. The tables kept their names from the time this lived in ``organisations``."""

    name = "offers"
    verbose_name = _("Offers")
