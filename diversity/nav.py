from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem


def items(actor) -> list[NavItem]:
    entries = [NavItem(_("Staff diversity"), "diversity:public", "/diversiteit/")]
    if actor.admin_organisation_ids or actor.is_charter_coordinator:
        entries.append(NavItem(_("Our diversity figures"), "diversity:mine", "/diversiteit/mijn/"))
    return entries
