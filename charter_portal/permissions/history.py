"""Who sees the recorded history: an organisation's admins see their own organisation's, city admins all."""

from charter_portal.permissions.core import Actor


def can_see_organisation_history(actor: Actor, organisation) -> bool:
    return actor.is_admin_of(organisation.pk) or actor.is_city_admin


def can_see_all_history(actor: Actor) -> bool:
    return actor.is_city_admin
