"""Authentication backend: Django's ``ModelBackend``, with the logged-in person read from the shared cache.

Every request of a logged-in person needs their user row. It is kept in the shared cache under the
"accounts" domain (``charter_portal/caching.py``); every save or delete of a user bumps that domain after
commit (``accounts/receivers.py``), so a changed password, a deactivation or a new e-mail address is read
afresh on the next request of every process, and a write from outside the portal within the expiry
backstop. ``settings.CACHE_KEEP_LOGIN`` turns it off (the test suite does, so that query counts measure the
database path; tests/core/test_caching.py covers the kept path).

The class keeps its own name because sessions and ``login(..., backend=...)`` calls store this path:
renaming it would log everyone out.
"""

import copy

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from charter_portal import caching


class PortalModelBackend(ModelBackend):
    def get_user(self, user_id):
        if not settings.CACHE_KEEP_LOGIN:
            return super().get_user(user_id)
        user = caching.kept(
            ("accounts",), ("user", user_id), lambda: super(PortalModelBackend, self).get_user(user_id), asker=True
        )
        # Each request gets its own copy: what a request remembers on its user (the actor) stays with it.
        return copy.copy(user) if user is not None else None
