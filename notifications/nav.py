from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem


def items(actor) -> list[NavItem]:
    if not actor.is_authenticated:
        return []
    return [NavItem(_("Waiting for you"), "notifications:todo", "/wacht-op-jou/")]
