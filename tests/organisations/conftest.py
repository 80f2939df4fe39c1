import re

import pytest

from organisations import services


def link_in(message) -> str:
    """The portal path of the first portal link in an e-mail."""
    return re.search(r"https?://[^/\s]+(/\S*)", message.body).group(1)


@pytest.fixture
def invitation_for(partner_org, partner_admin):
    """Invite an address to the partner organisation; returns (invitation, path of the e-mailed link)."""

    def make(email="new.person@example.org", role="member"):
        invitation, token = services.invitation_create(
            organisation=partner_org, email=email, role=role, by=partner_admin
        )
        return invitation, f"/organisaties/uitnodiging/{token}/"

    return make


@pytest.fixture
def same_queries(django_assert_num_queries):
    """``same_queries(get)`` before and after adding rows: the second call must do exactly as many queries.

    The first call warms what is counted once per process (throttle keys in the database cache)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []

    def check(call):
        call()
        if not counts:
            with CaptureQueriesContext(connection) as captured:
                result = call()
            counts.append(len(captured.captured_queries))
            return result
        with django_assert_num_queries(counts[0]):
            return call()

    return check
