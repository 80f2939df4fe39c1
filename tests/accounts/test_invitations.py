import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from accounts.models import Invitation, User
from organisations.models import Membership
from tests import factories
from tests.organisations.conftest import link_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "my own long passphrase 9"


def test_an_admin_invites_by_email_and_the_link_lets_a_new_person_set_a_password(
    admin_client_, partner_org, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after commit
        response = admin_client_.post(
            f"/organisaties/{partner_org.slug}/leden/uitnodigen/", {"email": "Nina@Example.org", "role": "member"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nina@example.org"]
    link = link_in(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert b'name="password1"' in page.content
    response = client.post(link, {"full_name": "Nina N.", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    person = User.objects.get(email="nina@example.org")
    assert person.check_password(NEW_PASSWORD)
    assert person.full_name == "Nina N."
    assert Membership.objects.get(user=person, organisation=partner_org).role == "member"
    assert client.session["_auth_user_id"] == str(person.pk)
    invitation = Invitation.objects.get()
    assert invitation.used_by == person
    assert invitation.used_at is not None


def test_it_stores_only_a_hash_of_the_token(invitation_for):
    invitation, link = invitation_for()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in invitation.token_hash
    assert invitation.token_hash == Invitation.hash_token(token)
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_an_existing_person_joins_after_logging_in(invitation_for, partner_org, client):
    person = factories.user(email="known@example.org")
    _, link = invitation_for(email="known@example.org", role="admin")

    anonymous = client.get(link)
    assert anonymous.status_code == 200
    assert b"/account/login/?next=" in anonymous.content

    client.force_login(person)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert Membership.objects.get(user=person, organisation=partner_org).role == "admin"


def test_it_refuses_an_expired_link(invitation_for, client):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        invitation, link = invitation_for()
        traveller.shift(60 * 60 * 24 * 7 + 60)
        response = client.get(link)
        assert response.status_code == 410
        assert b"This invitation link has expired." in response.content
        response = client.post(link, {"full_name": "Late", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert response.status_code == 410
    assert not User.objects.filter(email=invitation.email).exists()


def test_it_accepts_a_link_on_its_last_valid_day(invitation_for, client):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _, link = invitation_for()
        traveller.shift(60 * 60 * 24 * 7 - 60)
        assert client.get(link).status_code == 200


def test_it_refuses_a_link_that_was_already_used(invitation_for, client):
    invitation, link = invitation_for()
    client.post(link, {"full_name": "First", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    other = factories.user(email="second@example.org")
    second = type(client)()
    second.force_login(other)
    response = second.get(link)
    assert response.status_code == 410
    assert b"already used" in response.content
    anonymous = type(client)().post(link, {"full_name": "X", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert anonymous.status_code == 410
    assert Membership.objects.filter(organisation=invitation.organisation, user=other).count() == 0


def test_it_refuses_someone_logged_in_with_another_address(invitation_for, partner_org, other_client, other_admin):
    _, link = invitation_for(email="invited@example.org")
    response = other_client.get(link)
    assert response.status_code == 403
    assert b"another e-mail address" in response.content
    assert other_client.post(link).status_code == 403
    assert not Membership.objects.filter(user=other_admin, organisation=partner_org).exists()
    assert Invitation.objects.get().used_at is None


def test_it_answers_404_for_an_unknown_token(client):
    assert client.get("/organisaties/uitnodiging/not-a-real-token/").status_code == 404


def test_a_new_invitation_replaces_the_open_one(invitation_for, client):
    _, first_link = invitation_for(email="twice@example.org")
    _, second_link = invitation_for(email="twice@example.org")
    assert client.get(first_link).status_code == 410
    assert client.get(second_link).status_code == 200


def test_it_keeps_the_invitation_open_on_a_weak_password(invitation_for, client):
    invitation, link = invitation_for()
    response = client.post(link, {"full_name": "Weak", "password1": "password", "password2": "password"})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert not User.objects.filter(email=invitation.email).exists()
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_it_sends_the_invitation_in_the_language_of_an_existing_account(
    invitation_for, django_capture_on_commit_callbacks
):
    factories.user(email="english@example.org", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        invitation, _ = invitation_for(email="english@example.org")
    assert invitation.language == "en"
    assert mail.outbox[-1].subject.startswith("Invitation to join")


def test_an_invitation_link_mailed_before_the_move_still_leads_to_the_invitation(client):
    response = client.get("/account/uitnodiging/some-token/")
    assert response.status_code == 302
    assert response["Location"] == "/organisaties/uitnodiging/some-token/"
