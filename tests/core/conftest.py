from tests.organisations.conftest import invitation_for  # noqa: F401
