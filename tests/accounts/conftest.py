from tests.organisations.conftest import invitation_for, link_in  # noqa: F401
