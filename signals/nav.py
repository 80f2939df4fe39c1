from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem
from charter_portal.permissions import signals as rules


def items(actor) -> list[NavItem]:
    if not rules.may_read_signals(actor):
        return []
    result = [NavItem(_("Signals"), "signals:list", "/signalen/")]
    if actor.is_city_staff:
        result.append(NavItem(_("City inbox"), "signals:inbox", "/signalen/inbox/"))
    return result
