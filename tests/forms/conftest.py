"""The forms and words of every page: the world of the permission matrix (tests/security/conftest.py)."""

from tests.security.conftest import world  # noqa: F401 - the fixture, shared with the permission matrix
