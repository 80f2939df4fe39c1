"""Removing a member ends the membership instead of deleting it (issue 17, item 9).

Written as an admin, a removed member and a careless client would act: through the pages and the API. The
membership row stays with when and by whom it ended, the organisation's history shows it, the person loses the
organisation's rights on their very next request, and can be invited again later."""

import pytest
from django.core import mail
from django.utils import translation
from rest_framework.test import APIClient

from accounts.models import Invitation
from accounts.services import api_token_issue
from offers.models import Offer
from organisations import events, selectors, services
from organisations.models import Membership
from tests import factories
from tests.organisations.conftest import link_in

pytestmark = pytest.mark.django_db


def remove_url(org, membership):
    return f"/organisaties/{org.slug}/leden/{membership.pk}/verwijderen/"


def test_removing_a_member_keeps_the_row_with_when_and_by_whom(
    admin_client_, partner_org, partner_admin, partner_member
):
    membership = Membership.objects.get(organisation=partner_org, user=partner_member)

    response = admin_client_.post(remove_url(partner_org, membership))

    assert response.status_code == 302
    ended = Membership.all_objects.get(pk=membership.pk)
    assert ended.ended_at is not None
    assert ended.ended_by == partner_admin
    assert ended.user == partner_member and ended.role == "member"
    assert not Membership.objects.filter(pk=membership.pk).exists()  # no longer a current membership
    last = Membership.history.filter(id=membership.pk).latest("history_date")
    assert last.history_type == "~"
    assert last.ended_at == ended.ended_at
    assert last.history_change_reason == f"removed by user {partner_admin.pk}"


def test_the_organisations_history_page_shows_the_ended_membership(
    admin_client_, partner_org, partner_member, city_admin_client
):
    membership = Membership.objects.get(organisation=partner_org, user=partner_member)
    admin_client_.post(remove_url(partner_org, membership))

    with translation.override("en"):
        page = admin_client_.get(
            f"/organisaties/{partner_org.slug}/geschiedenis/?kind=membership", HTTP_ACCEPT_LANGUAGE="en"
        )
        everything = city_admin_client.get("/organisaties/geschiedenis/?kind=membership", HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200
    history = page.content.decode()
    assert partner_member.full_name in history
    assert "ended at" in history.lower()
    assert partner_member.full_name in everything.content.decode()


def test_the_removed_member_leaves_every_member_list_and_selector(
    admin_client_, partner_org, partner_admin, partner_member
):
    membership = Membership.objects.get(organisation=partner_org, user=partner_member)
    assert partner_member in events.members_of(partner_org)

    admin_client_.post(remove_url(partner_org, membership))

    members_page = admin_client_.get(f"/organisaties/{partner_org.slug}/leden/").content.decode()
    assert partner_member.email not in members_page
    assert partner_member not in events.members_of(partner_org)
    assert partner_org.memberships.filter(user=partner_member).count() == 0
    roles, *_ = selectors._memberships(partner_member)
    assert roles == ()


def test_the_removed_member_loses_access_on_the_next_request(admin_client_, partner_org, partner_member, client):
    draft = factories.offer(partner_org, title="Kookatelier in opbouw", status=Offer.Status.DRAFT)
    client.force_login(partner_member)
    _token, key = api_token_issue(user=partner_member, name="agenda")
    api = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
    members_page = f"/organisaties/{partner_org.slug}/leden/"
    assert client.get(members_page).status_code == 200
    assert api.get(f"/api/v1/offers/{draft.pk}/").status_code == 200

    membership = Membership.objects.get(organisation=partner_org, user=partner_member)
    admin_client_.post(remove_url(partner_org, membership))

    assert client.get(members_page).status_code == 404
    assert api.get(f"/api/v1/offers/{draft.pk}/").status_code == 404
    assert (
        api.patch(f"/api/v1/offers/{draft.pk}/", {"title": "Overgenomen", "version": draft.version}).status_code == 404
    )
    assert partner_org.name not in client.get("/organisaties/mijn/").content.decode()
    assert Offer.objects.get(pk=draft.pk).title == "Kookatelier in opbouw"


def test_a_removed_member_can_no_longer_remove_others(partner_org, partner_admin, client):
    second = factories.admin_of(partner_org, email="tweede.admin@debrug.example")
    removed = Membership.objects.get(organisation=partner_org, user=second)
    client.force_login(partner_admin)
    client.post(remove_url(partner_org, removed))

    other = Membership.objects.get(organisation=partner_org, user=partner_admin)
    attacker = type(client)()
    attacker.force_login(second)
    assert attacker.post(remove_url(partner_org, other)).status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_removing_twice_answers_404_and_changes_nothing(admin_client_, partner_org, partner_member):
    membership = Membership.objects.get(organisation=partner_org, user=partner_member)
    admin_client_.post(remove_url(partner_org, membership))
    ended_at = Membership.all_objects.get(pk=membership.pk).ended_at
    history_rows = Membership.history.filter(id=membership.pk).count()

    assert admin_client_.post(remove_url(partner_org, membership)).status_code == 404
    assert Membership.all_objects.get(pk=membership.pk).ended_at == ended_at
    assert Membership.history.filter(id=membership.pk).count() == history_rows


def test_the_last_admin_cannot_be_removed_and_stays_current(admin_client_, partner_org, partner_admin):
    membership = Membership.objects.get(organisation=partner_org, user=partner_admin)

    with translation.override("en"):
        response = admin_client_.post(remove_url(partner_org, membership), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "last admin" in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).ended_at is None


def test_a_removed_member_can_be_invited_and_join_again(
    admin_client_, partner_org, partner_member, client, django_capture_on_commit_callbacks
):
    first = Membership.objects.get(organisation=partner_org, user=partner_member)
    admin_client_.post(remove_url(partner_org, first))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            f"/organisaties/{partner_org.slug}/leden/uitnodigen/", {"email": partner_member.email, "role": "admin"}
        )
    assert response.status_code == 302
    assert Invitation.objects.filter(organisation=partner_org, email=partner_member.email.lower()).exists()
    client.force_login(partner_member)
    assert client.post(link_in(mail.outbox[-1])).status_code == 302

    again = Membership.objects.get(organisation=partner_org, user=partner_member)
    assert again.pk != first.pk
    assert again.role == "admin"
    assert Membership.all_objects.get(pk=first.pk).ended_at is not None
    assert client.get(f"/organisaties/{partner_org.slug}/leden/").status_code == 200


def test_an_existing_member_still_cannot_be_invited(admin_client_, partner_org, partner_member):
    response = admin_client_.post(
        f"/organisaties/{partner_org.slug}/leden/uitnodigen/", {"email": partner_member.email, "role": "member"}
    )
    assert response.status_code == 400
    assert not Invitation.objects.filter(organisation=partner_org).exists()


def test_the_member_page_needs_as_many_queries_with_former_members(
    admin_client_, partner_org, partner_admin, same_queries, rendered_afresh
):
    def get():
        rendered_afresh()
        return admin_client_.get(f"/organisaties/{partner_org.slug}/leden/")

    same_queries(get)
    former = []
    for _ in range(5):
        person = factories.member(partner_org)
        services.membership_remove(membership=Membership.objects.get(user=person), by=partner_admin)
        former.append(person)
    page = same_queries(get).content.decode()
    assert not any(person.email in page for person in former)
