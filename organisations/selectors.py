"""Read-only queries of organisations and their members."""

from django.conf import settings

from accounts.models import User
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


def members(*conditions, admins_only: bool = False, coordinators_only: bool = False, **lookups):
    """Active people with a current membership that meets every condition, ordered by id: ``conditions`` and
    ``lookups`` are filters on ``Membership`` (``members(organisation_id__in=ids, admins_only=True)``,
    ``members(organisation__kind=Organisation.Kind.CITY_SERVICE, organisation__is_active=True)``). One membership
    meets them all, and an ended membership never counts: the memberships are read through ``Membership.objects``,
    which holds current ones only, where a join through ``memberships__`` would see ended ones too."""
    memberships = Membership.objects.filter(*conditions, **lookups)
    if admins_only:
        memberships = memberships.filter(role=Membership.Role.ADMIN)
    if coordinators_only:
        memberships = memberships.filter(is_charter_coordinator=True)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("pk")


def city_admins():
    """The admins of the approved, active city services (``members``)."""
    return members(
        organisation__kind=Organisation.Kind.CITY_SERVICE,
        organisation__is_approved=True,
        organisation__is_active=True,
        admins_only=True,
    )


def member_organisation_ids(user):
    """The ids of the organisations ``user`` is a current member of, as a subquery:
    ``Organisation.objects.filter(pk__in=member_organisation_ids(user))``."""
    return Membership.objects.filter(user=user).values("organisation_id")


def organisation_ids_with_members():
    """The ids of the organisations with at least one current member, as a subquery."""
    return Membership.objects.values("organisation_id")
