from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem


def items(actor) -> list[NavItem]:
    entries = [NavItem(_("Organisations"), "organisations:list", "/organisaties/")]
    if actor.is_authenticated:
        entries.append(NavItem(_("My organisation"), "organisations:mine", "/organisaties/mijn/"))
    if actor.is_city_admin:
        entries.append(NavItem(_("Approvals"), "organisations:approvals", "/organisaties/goedkeuringen/"))
        entries.append(NavItem(_("History"), "organisations:history_all", "/organisaties/geschiedenis/"))
        entries.append(NavItem(_("Charter coordinators"), "organisations:coordinators", "/organisaties/coordinatoren/"))
    return entries
