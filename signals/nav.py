from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem
from signals import rules


def items(actor) -> list[NavItem]:
    if not rules.can_read_signals(actor):
        return []
    result = [NavItem(_("Signals"), "signals:list", "/signalen/")]
    if rules.reporting_organisation_ids(actor):
        result.append(NavItem(_("Our signals"), "signals:mine", "/signalen/mijn/"))
    if actor.is_city_staff:
        result.append(NavItem(_("City inbox"), "signals:inbox", "/signalen/inbox/"))
    result.append(NavItem(_("Response dashboard"), "signals:dashboard", "/signalen/dashboard/"))
    result.append(NavItem(_("Prioritisation rounds"), "signals:rounds", "/signalen/rondes/"))
    return result
