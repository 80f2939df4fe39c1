from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem
from cityoverview.rules import can_view_overview


def items(actor) -> list[NavItem]:
    if not can_view_overview(actor):
        return []
    return [NavItem(_("Monthly overview"), "cityoverview:overview", "/stad/")]
