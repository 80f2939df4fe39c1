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
        return invitation, f"/account/uitnodiging/{token}/"

    return make
