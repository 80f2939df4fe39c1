"""Test run settings: the portal's own settings with development defaults, so tests need no secrets."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from charter_portal.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing keeps the suite quick

# Each test starts from an empty cache (cleared by an autouse fixture); no database needed for that.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}

# Tests assert on the source strings, which are English. The Dutch-first default of the portal is
# tested explicitly (tests/core/test_smoke.py) with LANGUAGE_CODE back at "nl".
LANGUAGE_CODE = "en"

# Tasks run at once, inside the test: a mail enqueued after commit is in mail.outbox when the commit's
# callbacks have run (django_capture_on_commit_callbacks(execute=True) in tests that hold a transaction).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
