from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem
from support import rules


def items(actor) -> list[NavItem]:
    if not rules.can_use_support(actor):
        return []
    result = [
        NavItem(_("Support requests"), "support:requests", "/ondersteuning/"),
        NavItem(_("Support catalogue"), "support:catalogue", "/ondersteuning/catalogus/"),
        NavItem(_("Mentorships"), "support:mentorships", "/ondersteuning/mentorschap/"),
        NavItem(_("Book a space"), "support:spaces", "/ondersteuning/ruimtes/"),
        NavItem(_("Who does what"), "support:collaborations", "/ondersteuning/samenwerkingen/"),
    ]
    if actor.is_charter_coordinator or actor.is_city_staff:
        result.append(NavItem(_("Support overview"), "support:overview", "/ondersteuning/overzicht/"))
    return result
