from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem


def items(actor) -> list[NavItem]:
    if actor.is_city_staff:
        return [NavItem(_("Covenants"), "covenants:list", "/convenanten/")]
    if actor.is_partner:
        return [NavItem(_("My covenants"), "covenants:list", "/convenanten/")]
    return []
