from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem


def items(actor) -> list[NavItem]:
    result = [NavItem(_("Offer directory"), "offers:directory", "/aanbod/")]
    if actor.member_organisation_ids:
        result.append(NavItem(_("Our offer"), "offers:mine", "/aanbod/mijn-aanbod/"))
    if actor.is_partner:
        result.append(NavItem(_("Collaborations"), "offers:collaborations", "/aanbod/samenwerkingen/"))
        result.append(NavItem(_("Shared spaces"), "offers:spaces", "/aanbod/ruimtes/"))
    return result
