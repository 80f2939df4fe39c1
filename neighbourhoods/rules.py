"""Who may see and change coverage, priority and indicators (docs/rules.md#roles; R1)."""

from charter_portal.permissions.core import Actor, _role_required


def can_view_coverage(actor: Actor) -> bool:
    """Every logged-in partner and city staff: partners plan their offer where the gaps are."""
    return actor.is_partner


def can_manage_priority(actor: Actor) -> bool:
    """Indicators, imports, priority decisions and overrides belong to city admins."""
    return actor.is_city_admin


def can_take_snapshot(actor: Actor) -> bool:
    return actor.is_city_admin


coverage_viewer_required = _role_required(can_view_coverage, "partners and city staff only")
priority_manager_required = _role_required(can_manage_priority, "city admins only")
