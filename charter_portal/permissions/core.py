import logging
from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

security_log = logging.getLogger("portal.security")


# The role of an organisation's admin, as the membership source reports it (organisations.Membership.Role.ADMIN).
ADMIN = "admin"


@dataclass(frozen=True)
class Actor:
    """Who is asking, reduced to what permission rules need. Only approved, active organisations count."""

    user: object = None
    roles: dict = field(default_factory=dict)  # organisation id -> "admin" | "member"
    city_organisation_ids: frozenset = frozenset()
    is_superuser: bool = False
    coordinator: bool = False  # granted by a city admin on a membership of a city service
    public_body_ids: frozenset = frozenset()  # the public bodies (OCMW, police zone, school) among the organisations

    @property
    def is_charter_coordinator(self) -> bool:
        """One of the city's charter coordinators: they see what no one else sees (an organisation's own diversity
        figures, support requests). Superusers are coordinators."""
        return self.is_superuser or self.coordinator

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def member_organisation_ids(self) -> frozenset:
        return frozenset(self.roles)

    @property
    def admin_organisation_ids(self) -> frozenset:
        return frozenset(org_id for org_id, role in self.roles.items() if role == ADMIN)

    @property
    def is_partner(self) -> bool:
        """Member of at least one approved organisation (city services included)."""
        return bool(self.roles) or self.is_superuser

    @property
    def is_city_staff(self) -> bool:
        return self.is_superuser or bool(self.city_organisation_ids)

    @property
    def is_city_admin(self) -> bool:
        return self.is_superuser or any(self.roles.get(org_id) == ADMIN for org_id in self.city_organisation_ids)

    def is_member_of(self, organisation_id) -> bool:
        return organisation_id in self.roles

    def is_admin_of(self, organisation_id) -> bool:
        return self.roles.get(organisation_id) == ADMIN

    def is_city_staff_of(self, organisation_id) -> bool:
        """Member of this particular city service."""
        return organisation_id in self.city_organisation_ids


ANONYMOUS = Actor()


def actor_for(user) -> Actor:
    """The ``Actor`` for a user, computed with one query and remembered on the user object (one request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_portal_actor", None)
    if cached is not None:
        return cached
    roles, city_ids, *rest = _membership_source(user)
    actor = Actor(
        user=user,
        roles=dict(roles),
        city_organisation_ids=city_ids,
        is_superuser=user.is_superuser,
        coordinator=bool(rest and rest[0]),
        public_body_ids=frozenset(rest[1]) if len(rest) > 1 else frozenset(),
    )
    user._portal_actor = actor
    return actor


def _no_memberships(user) -> tuple[tuple, frozenset, bool]:
    return (), frozenset(), False


# Filled at start-up by the organisations app (organisations/apps.py): the core knows no app.
_membership_source = _no_memberships


def provide_memberships(source) -> None:
    """Register ``source(user)``: the user's ((organisation id, "admin" | "member"), ...) in approved, active
    organisations, the ids of the city services among them, whether the user is a charter coordinator (a third
    item; a source that leaves it out reports no coordinator) and the ids of the public bodies among them (a
    fourth item, none when left out)."""
    global _membership_source
    _membership_source = source


def forget_actor(user) -> None:
    """Drop the remembered ``Actor`` after memberships changed within the same request."""
    if user is not None and hasattr(user, "_portal_actor"):
        del user._portal_actor


def deny(request, reason: str):
    """Refuse with 403 and log the refusal (no personal data: the user id and the path only)."""
    security_log.info(
        "permission refused user_id=%s path=%s reason=%s",
        getattr(request.user, "pk", None),
        request.path,
        reason,
    )
    raise PermissionDenied(reason)


def _role_required(check, reason):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not check(actor_for(request.user)):
                deny(request, reason)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


city_staff_required = _role_required(lambda actor: actor.is_city_staff, "city staff only")
city_admin_required = _role_required(lambda actor: actor.is_city_admin, "city admins only")
charter_coordinator_required = _role_required(lambda actor: actor.is_charter_coordinator, "charter coordinators only")
organisation_admin_required = _role_required(
    lambda actor: bool(actor.admin_organisation_ids) or actor.is_superuser, "organisation admins only"
)
