"""Every organisation page against every persona: 302 to login, 404 for outsiders, 403 for read-only roles."""

import pytest

from organisations.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

PERSONAS = ["client", "member_client", "admin_client_", "other_client", "staff_client", "city_admin_client"]


@pytest.fixture
def urls(partner_org, partner_member, partner_admin):
    pending = factories.organisation(name="Pending Org", is_approved=False)
    factories.admin_of(pending)
    member = Membership.objects.get(user=partner_member)
    base = f"/organisaties/{partner_org.slug}"
    return {
        "members": f"{base}/leden/",
        "edit": f"{base}/bewerken/",
        "role": f"{base}/leden/{member.pk}/rol/",
        "remove": f"{base}/leden/{member.pk}/verwijderen/",
        "approvals": "/organisaties/goedkeuringen/",
        "reject": f"/organisaties/goedkeuringen/{pending.slug}/weigeren/",
        "pending_profile": f"/organisaties/{pending.slug}/",
        "profile": f"{base}/",
        "mine": "/organisaties/mijn/",
        "account": "/account/",
    }


EXPECTED = {
    #                  visitor member admin other staff city_admin
    "members": (302, 200, 200, 404, 404, 404),
    "edit": (302, 403, 200, 404, 404, 404),
    "role": (302, 403, 200, 404, 404, 404),
    "remove": (302, 403, 200, 404, 404, 404),
    "approvals": (302, 403, 403, 403, 403, 200),
    "reject": (302, 403, 403, 403, 403, 200),
    "pending_profile": (404, 404, 404, 404, 404, 200),
    "profile": (200, 200, 200, 200, 200, 200),
    "mine": (302, 200, 200, 200, 200, 200),
    "account": (302, 200, 200, 200, 200, 200),
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_each_persona_gets_the_right_answer(request, urls, page):
    for persona, expected in zip(PERSONAS, EXPECTED[page], strict=True):
        client = request.getfixturevalue(persona)
        status = client.get(urls[page]).status_code
        assert status == expected, f"{persona} on {page}: {status}, expected {expected}"
