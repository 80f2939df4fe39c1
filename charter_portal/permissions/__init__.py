"""The one place where the portal decides who may do what.

Every view, viewset, template and command asks this package. The core (``core.py``) turns a user
into an ``Actor``: the organisations they belong to and their role in each. Domain rules live in
one submodule per domain (``offers.py``, ``signals.py`` ...) and are built on the core.

An object a person may not even see gets 404; one they may see but not change gets 403.
"""

from charter_portal.permissions.core import (
    Actor,
    actor_for,
    charter_coordinator_required,
    city_admin_required,
    city_staff_required,
    deny,
    organisation_admin_required,
)

__all__ = [
    "Actor",
    "actor_for",
    "charter_coordinator_required",
    "city_admin_required",
    "city_staff_required",
    "deny",
    "organisation_admin_required",
]
