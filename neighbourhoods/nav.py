from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem
from neighbourhoods.rules import can_view_coverage


def items(actor) -> list[NavItem]:
    overview = NavItem(_("Neighbourhoods at a glance"), "neighbourhoods:public", "/wijken/overzicht/")
    if not can_view_coverage(actor):
        return [overview]
    result = [
        NavItem(_("Coverage"), "neighbourhoods:review", "/wijken/"),
        NavItem(_("Priority areas"), "neighbourhoods:priority", "/wijken/prioriteit/"),
        NavItem(_("Movement circles"), "neighbourhoods:circles", "/wijken/beweegcirkels/"),
        overview,
    ]
    if actor.is_city_admin:
        result.append(NavItem(_("Indicators"), "neighbourhoods:indicators", "/wijken/indicatoren/"))
        result.append(NavItem(_("Neighbourhood outlines"), "neighbourhoods:outlines", "/wijken/omtrekken/"))
    return result
