from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem
from signals import rules


def items(actor) -> list[NavItem]:
    if not rules.can_read_signals(actor):
        return [NavItem(_("Public signals"), "signals:public_list", "/signalen/publiek/")]
    result = [NavItem(_("Signals"), "signals:list", "/signalen/")]
    if rules.reporting_organisation_ids(actor):
        result.append(NavItem(_("Our signals"), "signals:mine", "/signalen/mijn/"))
    if actor.is_city_staff:
        result.append(NavItem(_("City inbox"), "signals:inbox", "/signalen/inbox/"))
    elif rules.inbox_body_ids(actor):
        # Staff of a public body (OCMW, police zone, school) work their own body's signals, as city staff do.
        result.append(NavItem(_("Our signal inbox"), "signals:inbox", "/signalen/inbox/"))
    result.append(NavItem(_("Response dashboard"), "signals:dashboard", "/signalen/dashboard/"))
    result.append(NavItem(_("Prioritisation rounds"), "signals:rounds", "/signalen/rondes/"))
    if actor.is_city_staff:
        result.append(NavItem(_("Routing of new signals"), "signals:routing", "/signalen/routering/"))
        result.append(NavItem(_("Signals in area priority"), "signals:indicator_settings", "/signalen/prioriteit/"))
    result.append(NavItem(_("Public signals"), "signals:public_list", "/signalen/publiek/"))
    return result
