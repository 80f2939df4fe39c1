import pytest

from accounts.models import Invitation
from organisations.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def members_url(org):
    return f"/organisaties/{org.slug}/leden/"


def test_an_admin_sees_members_invitations_and_the_invite_form(
    admin_client_, partner_org, partner_member, invitation_for
):
    invitation_for(email="open@example.org")
    response = admin_client_.get(members_url(partner_org))
    assert response.status_code == 200
    content = response.content.decode()
    assert partner_member.email in content
    assert "open@example.org" in content
    assert 'name="email"' in content


def test_a_member_sees_the_list_read_only(member_client, partner_org, partner_admin):
    response = member_client.get(members_url(partner_org))
    assert response.status_code == 200
    assert partner_admin.email in response.content.decode()
    assert b'name="email"' not in response.content


def test_outsiders_get_404(other_client, staff_client, partner_org):
    assert other_client.get(members_url(partner_org)).status_code == 404
    assert staff_client.get(members_url(partner_org)).status_code == 404


def test_visitors_are_sent_to_login(client, partner_org):
    assert client.get(members_url(partner_org)).status_code == 302


def test_a_member_may_not_invite_change_or_remove(member_client, partner_org, partner_admin, partner_member):
    admin_membership = Membership.objects.get(user=partner_admin)
    assert (
        member_client.post(f"{members_url(partner_org)}uitnodigen/", {"email": "x@example.org", "role": "member"})
    ).status_code == 403
    assert member_client.get(f"{members_url(partner_org)}{admin_membership.pk}/rol/").status_code == 403
    assert member_client.post(f"{members_url(partner_org)}{admin_membership.pk}/verwijderen/").status_code == 403
    assert not Invitation.objects.exists()
    assert Membership.objects.filter(pk=admin_membership.pk).exists()


def test_an_admin_cannot_manage_another_organisations_members(other_client, partner_org, partner_member):
    membership = Membership.objects.get(user=partner_member)
    assert other_client.post(f"{members_url(partner_org)}{membership.pk}/verwijderen/").status_code == 404


def test_inviting_refuses_a_bad_address_and_an_existing_member(admin_client_, partner_org, partner_member):
    url = f"{members_url(partner_org)}uitnodigen/"
    bad = admin_client_.post(url, {"email": "not an address", "role": "member"})
    assert bad.status_code == 400
    assert b"errorlist" in bad.content
    existing = admin_client_.post(url, {"email": partner_member.email, "role": "member"})
    assert existing.status_code == 400
    assert b"already a member" in existing.content
    assert not Invitation.objects.exists()


def test_an_admin_withdraws_an_invitation(admin_client_, partner_org, invitation_for, client):
    invitation, link = invitation_for()
    response = admin_client_.post(f"{members_url(partner_org)}uitnodigingen/{invitation.pk}/intrekken/")
    assert response.status_code == 302
    assert client.get(link).status_code == 410


def test_changing_a_role_needs_the_admins_password(admin_client_, partner_org, partner_member):
    membership = Membership.objects.get(user=partner_member)
    url = f"{members_url(partner_org)}{membership.pk}/rol/"
    assert admin_client_.get(url).status_code == 200
    wrong = admin_client_.post(url, {"role": "admin", "password": "not my password"})
    assert wrong.status_code == 400
    assert b"This password is not correct." in wrong.content
    membership.refresh_from_db()
    assert membership.role == "member"

    right = admin_client_.post(url, {"role": "admin", "password": factories.PASSWORD})
    assert right.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_the_last_admin_cannot_be_demoted(admin_client_, partner_org, partner_admin):
    membership = Membership.objects.get(user=partner_admin)
    response = admin_client_.post(
        f"{members_url(partner_org)}{membership.pk}/rol/", {"role": "member", "password": factories.PASSWORD}
    )
    assert response.status_code == 400
    assert b"last admin" in response.content
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_the_last_admin_cannot_be_removed(admin_client_, partner_org, partner_admin):
    membership = Membership.objects.get(user=partner_admin)
    response = admin_client_.post(f"{members_url(partner_org)}{membership.pk}/verwijderen/")
    assert response.status_code == 400
    assert b"last admin" in response.content
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_admin_can_step_down_when_another_admin_remains(admin_client_, partner_org, partner_admin):
    factories.admin_of(partner_org, email="second.admin@debrug.example")
    membership = Membership.objects.get(user=partner_admin)
    response = admin_client_.post(
        f"{members_url(partner_org)}{membership.pk}/rol/", {"role": "member", "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "member"


def test_an_admin_removes_a_member(admin_client_, partner_org, partner_member):
    membership = Membership.objects.get(user=partner_member)
    url = f"{members_url(partner_org)}{membership.pk}/verwijderen/"
    assert admin_client_.get(url).status_code == 200
    assert admin_client_.post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Membership.all_objects.get(pk=membership.pk).ended_at is not None
    assert membership.history.first().history_type == "~"


def test_the_member_page_needs_the_same_number_of_queries_for_one_or_twenty(
    admin_client_, partner_org, django_assert_num_queries, invitation_for, rendered_afresh
):
    invitation_for(email="first@example.org")
    admin_client_.get(members_url(partner_org))
    # session, user, the organisation, actor, memberships, invitations, the menu's charter sign reminder
    # (partner admin), the header's unread count; the session is written back at most once a minute
    rendered_afresh()
    with django_assert_num_queries(8):
        admin_client_.get(members_url(partner_org))
    for i in range(19):
        factories.member(partner_org)
        invitation_for(email=f"invitee{i}@example.org")
    rendered_afresh()
    with django_assert_num_queries(8):
        response = admin_client_.get(members_url(partner_org))
    assert response.content.count(b"/rol/") == 19  # every member but the last admin
    assert response.content.count(b"/intrekken/") == 20
