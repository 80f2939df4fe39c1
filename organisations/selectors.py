"""Read-only queries of organisations and their members."""

from django.conf import settings

from charter_portal import caching
from organisations.models import Membership, Organisation


def memberships_for(user) -> tuple[tuple, frozenset, bool]:
    """(organisation id, role) pairs of the user's approved, active organisations, the city services among
    them, and whether a membership of one of those city services carries the charter coordinator role: what
    ``charter_portal.permissions.Actor`` needs, in one query. Kept in the shared cache until a membership or an
    organisation changes (every such write bumps "organisations"), unless
    ``settings.CACHE_KEEP_LOGIN`` is off."""
    if not settings.CACHE_KEEP_LOGIN:
        return _memberships(user)
    return caching.kept(("organisations",), ("memberships", user.pk), lambda: _memberships(user), asker=True)


def _memberships(user) -> tuple[tuple, frozenset, bool, frozenset]:
    rows = Membership.objects.filter(
        user=user, organisation__is_active=True, organisation__is_approved=True
    ).values_list("organisation_id", "role", "organisation__kind", "is_charter_coordinator")
    roles = []
    city_ids = set()
    public_body_ids = set()
    coordinator = False
    for org_id, role, kind, is_coordinator in rows:
        roles.append((org_id, role))
        if kind == Organisation.Kind.CITY_SERVICE:
            city_ids.add(org_id)
            coordinator = coordinator or is_coordinator
        elif kind == Organisation.Kind.PUBLIC_BODY:
            public_body_ids.add(org_id)
    return tuple(roles), frozenset(city_ids), coordinator, frozenset(public_body_ids)


def city_staff_memberships():
    """Every membership of an approved, active city service, with its person and service: the people a city
    admin may make charter coordinator, in one query whatever the number of rows."""
    return (
        Membership.objects.filter(
            organisation__kind=Organisation.Kind.CITY_SERVICE,
            organisation__is_active=True,
            organisation__is_approved=True,
            user__is_active=True,
        )
        .select_related("user", "organisation")
        .order_by("-is_charter_coordinator", "user__full_name", "organisation__name")
    )
