"""Authentication backend: Django's ``ModelBackend`` with the logged-in person kept per process.

Every request of a logged-in person loads their user row. ``get_user`` keeps it in this process under
the data version token (charter_portal/page_cache.py): any write to a portal table, a change of the
person's password, e-mail or status included, replaces the token, so a kept user is never older than
the data. Each request gets its own copy, so what a request remembers on its user object (the actor,
the backend) stays with that request.
"""

import copy

from django.contrib.auth.backends import ModelBackend

from charter_portal.page_cache import kept


class PortalModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = kept("user", (user_id,), lambda: super(PortalModelBackend, self).get_user(user_id))
        return copy.copy(user) if user is not None else None
