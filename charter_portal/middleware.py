"""Keep idle sessions ending after ``SESSION_COOKIE_AGE`` without writing the session on every request.

``SESSION_SAVE_EVERY_REQUEST = True`` would renew the expiry on each request, at the price of one UPDATE
of the session row per logged-in request (a measurable share of a small page, see docs/performance.md).
This middleware renews it at most once per ``SESSION_REFRESH_SECONDS`` (60 s): a session still ends
after 30 idle minutes, give or take that minute. It must come after ``SessionMiddleware``.
"""

import time

from django.conf import settings

REFRESHED_KEY = "_session_refreshed_at"


class SessionRefreshMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.interval = getattr(settings, "SESSION_REFRESH_SECONDS", 60)

    def __call__(self, request):
        session = getattr(request, "session", None)
        # Only sessions that exist already (a cookie was sent); a visitor without one gets none.
        if session is not None and session.session_key:
            now = int(time.time())
            last = session.get(REFRESHED_KEY, 0)
            if not isinstance(last, int) or now - last >= self.interval:
                session[REFRESHED_KEY] = now  # marks the session modified: SessionMiddleware saves it
        return self.get_response(request)
