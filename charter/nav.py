from django.utils.translation import gettext_lazy as _

from charter_portal.navigation import NavItem


def _needs_to_sign(actor) -> str:
    """'' when all the person's organisations signed the current version; else 'new' or 'first'."""
    if not actor.admin_organisation_ids:
        return ""
    cached = getattr(actor.user, "_charter_nav_state", None)
    if cached is not None:
        return cached
    from charter.selectors import sign_reminder_state

    # One query per page for admins (cached on the request's user for the rest of the request).
    state = sign_reminder_state(actor.admin_organisation_ids)
    actor.user._charter_nav_state = state
    return state


def items(actor) -> list[NavItem]:
    result = [
        NavItem(_("Charter"), "charter:current", "/charter/"),
        NavItem(_("Signatories"), "charter:signatories", "/charter/ondertekenaars/"),
    ]
    state = _needs_to_sign(actor)
    if state == "new":
        result.append(NavItem(_("Sign the new charter version"), "charter:sign", "/charter/ondertekenen/"))
    elif state == "first":
        result.append(NavItem(_("Sign the charter"), "charter:sign", "/charter/ondertekenen/"))
    if actor.is_city_admin:
        result.append(NavItem(_("Charter versions"), "charter:versions", "/charter/versies/"))
    return result
