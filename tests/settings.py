"""Test run settings: the portal's own settings with development defaults, so tests need no secrets."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from charter_portal.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing keeps the suite quick

# The cache of CACHE_URL when it is set: the PostgreSQL pass of .ci/run uses Redis, as production does. Else the
# in-process cache rather than the embedded default (the database cache), whose statements would count in every
# query-count assertion and which would need the database in every test. Each test starts from an empty cache
# (an autouse fixture in tests/conftest.py); give each concurrent run its own Redis database, which it flushes.
if not os.environ.get("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
# Sessions stay in the database whatever the cache (production reads them through Redis, cached_db): the
# query counts the tests assert are then the same on every pass, and time travel can end a session (Redis
# expires its keys on its own clock).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Tests assert on the source strings, which are English. The Dutch-first default of the portal is
# tested explicitly (tests/core/test_smoke.py) with LANGUAGE_CODE back at "nl".
LANGUAGE_CODE = "en"

# Tasks run at once, inside the test: a mail enqueued after commit is in mail.outbox when the commit's
# callbacks have run (django_capture_on_commit_callbacks(execute=True) in tests that hold a transaction).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Query counts measure the database path: the logged-in person and their memberships are read from the database
# in every test, except where tests/core/test_caching.py turns keeping them on to test it.
CACHE_KEEP_LOGIN = False
