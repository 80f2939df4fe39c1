"""Read-only queries of organisations and their members."""

from django.conf import settings

from charter_portal import caching
from organisations.models import Membership, Organisation


def memberships_for(user) -> tuple[tuple, frozenset]:
    """(organisation id, role) pairs of the user's approved, active organisations, and the city services among
    them: what ``charter_portal.permissions.Actor`` needs, in one query. Kept in the shared cache until a
    membership or an organisation changes (every such write bumps "organisations"), unless
    ``settings.CACHE_KEEP_LOGIN`` is off."""
    if not settings.CACHE_KEEP_LOGIN:
        return _memberships(user)
    return caching.kept(("organisations",), ("memberships", user.pk), lambda: _memberships(user), asker=True)


def _memberships(user) -> tuple[tuple, frozenset]:
    rows = Membership.objects.filter(
        user=user, organisation__is_active=True, organisation__is_approved=True
    ).values_list("organisation_id", "role", "organisation__kind")
    roles = []
    city_ids = set()
    for org_id, role, kind in rows:
        roles.append((org_id, role))
        if kind == Organisation.Kind.CITY_SERVICE:
            city_ids.add(org_id)
    return tuple(roles), frozenset(city_ids)
