"""A self-registered account confirms its e-mail address by a mailed link before it can log in or use the API;
accounts made by invitation, by an admin or by the demo seed need no confirmation."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import RESEND_PER_CLIENT_PER_HOUR, api_token_issue
from organisations.models import Organisation
from tests.organisations.conftest import link_in
from tests.organisations.test_registration import PASSWORD, REGISTER, _data

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"
RESEND = "/account/bevestigen/opnieuw/"
EMAIL = "iris@nieuwpoort.example"


@pytest.fixture
def registered(client, django_capture_on_commit_callbacks):
    """Register an organisation as a visitor would; returns the path of the mailed confirmation link."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER, _data())
    assert response.status_code == 302 and response.url == "/account/bevestigen/"
    (message,) = [m for m in mail.outbox if m.to == [EMAIL]]
    mail.outbox.clear()
    return link_in(message)


def _login(client, email=EMAIL, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


def test_the_page_after_registering_says_what_comes_next(client, registered):
    page = client.get("/account/bevestigen/").content.decode()
    assert "Confirm your e-mail address" in page and "We sent a link to iris@nieuwpoort.example" in page
    assert "The city approves your organisation" in page and f'action="{RESEND}"' in page


def test_an_unconfirmed_account_cannot_log_in_and_is_told_why(client, registered):
    response = _login(client)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Your e-mail address is not confirmed yet" in page
    assert f'action="{RESEND}"' in page and f'value="{EMAIL}"' in page


def test_a_wrong_password_says_nothing_about_confirmation(client, registered):
    response = _login(client, password="not the password at all")
    assert "not confirmed" not in response.content.decode()


def test_the_mailed_link_confirms_the_address_and_then_login_works(client, registered):
    response = client.get(registered)
    assert response.status_code == 302 and response.url == LOGIN
    assert User.objects.get(email=EMAIL).email_confirmed
    assert _login(client).status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=EMAIL).pk)
    # The organisation still waits for the city.
    assert not Organisation.objects.get(name="Jeugdwerk Nieuwpoort").is_approved
    assert b"Awaiting approval" in client.get("/organisaties/mijn/").content


@pytest.mark.parametrize("tamper", [lambda link: link[:-3] + "abc/", lambda link: "/account/bevestigen/garbage/"])
def test_a_tampered_link_is_refused_with_a_message(client, registered, tamper):
    response = client.get(tamper(registered))
    assert response.status_code == 400
    assert b"not valid or has expired" in response.content
    assert not User.objects.get(email=EMAIL).email_confirmed


def test_a_link_expires_after_three_days(client, registered):
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        response = client.get(registered)
    assert response.status_code == 400
    assert not User.objects.get(email=EMAIL).email_confirmed


def test_a_link_for_an_earlier_address_confirms_no_other(client, registered):
    User.objects.filter(email=EMAIL).update(email="iris.new@nieuwpoort.example")
    assert client.get(registered).status_code == 400
    assert not User.objects.get(email="iris.new@nieuwpoort.example").email_confirmed


def test_a_new_link_can_be_asked_for_at_most_every_five_minutes(client, registered, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(RESEND, {"email": EMAIL.upper()}, follow=True)
    assert b"a new link is on its way" in first.content
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(RESEND, {"email": EMAIL}, follow=True)
    assert b"Wait a few minutes" in again.content
    assert len(mail.outbox) == 1
    # Five minutes later the limit has expired (the cache's own clock, which time travel cannot move in Redis).
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESEND, {"email": EMAIL})
    assert len(mail.outbox) == 2
    assert client.get(link_in(mail.outbox[-1])).status_code == 302  # the new link works


def test_a_client_asking_for_many_addresses_is_stopped(client):
    answers = [
        client.post(RESEND, {"email": f"someone{n}@example.org"}, follow=True).content
        for n in range(RESEND_PER_CLIENT_PER_HOUR + 1)
    ]
    assert all(b"a new link is on its way" in answer for answer in answers[:-1])
    assert b"Wait a few minutes" in answers[-1]


def test_asking_for_an_unknown_or_confirmed_address_sends_nothing_and_says_the_same(client, partner_member):
    for email in ("nobody@example.org", partner_member.email):
        response = client.post(RESEND, {"email": email}, follow=True)
        assert b"a new link is on its way" in response.content
    assert mail.outbox == []


def test_a_bad_address_to_resend_gets_a_message(client):
    response = client.post(RESEND, {"email": "not an address"}, follow=True)
    assert b"Enter a valid e-mail address" in response.content
    assert mail.outbox == []


def test_an_unconfirmed_account_cannot_use_an_api_token(registered):
    _token, key = api_token_issue(user=User.objects.get(email=EMAIL), name="Script")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/organisations/").status_code == 401


def test_a_password_reset_link_confirms_the_address(client, registered, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/wachtwoord-vergeten/", {"email": EMAIL})
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    new = "a brand new passphrase 42"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert User.objects.get(email=EMAIL).email_confirmed
    assert _login(client, password=new).status_code == 302


def test_invited_accounts_need_no_confirmation(client, invitation_for):
    _invitation, path = invitation_for("new.person@example.org")
    response = client.post(path, {"full_name": "Nina New", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(email="new.person@example.org").email_confirmed
    assert "_auth_user_id" in client.session


def test_accounts_made_by_an_admin_or_the_demo_need_no_confirmation(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {"email": "made@example.org", "password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="made@example.org").email_confirmed
    call_command("seed_demo", stdout=StringIO())
    assert not User.objects.filter(email__endswith="@demo.example", email_confirmed=False).exists()


def test_someone_logged_in_who_registers_an_organisation_needs_no_new_confirmation(other_client, other_admin):
    data = {k: v for k, v in _data().items() if k not in ("admin_name", "admin_email", "password1", "password2")}
    assert other_client.post(REGISTER, data).url == "/organisaties/mijn/"
    assert User.objects.get(pk=other_admin.pk).email_confirmed


def test_an_invitation_link_confirms_an_unconfirmed_address(client, registered, partner_org, partner_admin):
    from organisations import services

    _invitation, token = services.invitation_create(
        organisation=partner_org, email=EMAIL, role="member", by=partner_admin
    )
    assert client.get(f"/organisaties/uitnodiging/{token}/").status_code == 200
    assert User.objects.get(email=EMAIL).email_confirmed
    assert _login(client).status_code == 302


def test_a_city_admin_sees_and_can_set_the_confirmation_in_the_admin(admin_client, registered):
    unconfirmed = User.objects.get(email=EMAIL)
    page = admin_client.get("/admin/accounts/user/?email_confirmed__exact=0").content.decode()
    assert EMAIL in page
    assert (
        'name="email_confirmed"' in admin_client.get(f"/admin/accounts/user/{unconfirmed.pk}/change/").content.decode()
    )
