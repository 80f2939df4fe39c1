import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"


def _attempt(client, email, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def test_it_logs_in_with_an_email_address(client, partner_member):
    response = _attempt(client, "MEMBER@debrug.example", factories.PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(partner_member.pk)


def test_it_shows_an_error_for_a_wrong_password(client, partner_member):
    response = _attempt(client, partner_member.email, "not the password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b"data-error-summary" in response.content  # an error of the whole form: in the summary only


def test_it_locks_the_sixth_attempt_after_five_failures(client, partner_member):
    for _ in range(4):
        assert _attempt(client, partner_member.email, "wrong password!").status_code == 200
    # The fifth failure is counted, and its answer already says that the account is now locked.
    assert _attempt(client, partner_member.email, "wrong password!").status_code == 429
    response = _attempt(client, partner_member.email, factories.PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert b"Login temporarily blocked" in response.content
    assert b"blocked for 15 minutes" in response.content
    assert b'<html lang="en">' in response.content


def test_it_does_not_lock_the_same_account_from_another_address(client, partner_member):
    for _ in range(5):
        _attempt(client, partner_member.email, "wrong password!", address="10.0.0.1")
    response = _attempt(client, partner_member.email, factories.PASSWORD, address="10.0.0.2")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(partner_member.pk)


def test_it_unlocks_after_fifteen_minutes(client, partner_member):
    import time_machine

    with time_machine.travel("2026-03-02 10:00 +0100", tick=False) as traveller:
        for _ in range(5):
            _attempt(client, partner_member.email, "wrong password!")
        assert _attempt(client, partner_member.email, factories.PASSWORD).status_code == 429
        traveller.shift(16 * 60)
        assert _attempt(client, partner_member.email, factories.PASSWORD).status_code == 302


def test_it_logs_out_only_with_post(client, partner_member):
    client.force_login(partner_member)
    assert client.get("/account/logout/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/account/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_links_to_password_reset_and_registration_from_the_login_page(client):
    content = client.get(LOGIN).content.decode()
    assert reverse("accounts:password_reset") in content
    assert reverse("organisations:register") in content


def test_the_empty_form_is_kept_and_served_with_each_visitors_own_token_and_next(partner_member):
    import re

    from django.test import Client

    from charter_portal import caching

    caching.forget_pending()  # the fixture's user counts as committed: the form is kept from the first request on
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one = first.get(f"{LOGIN}?next=/signalen/%3Fa=1%26b=2")
    assert "accounts/_login_form.html" in [template.name for template in one.templates]
    two = second.get(f"{LOGIN}?next=/signalen/%3Fa=1%26b=2")
    assert "accounts/_login_form.html" not in [template.name for template in two.templates]  # kept

    def token(response) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)

    html = two.content.decode()
    assert caching.CSRF_PLACEHOLDER not in html and token(one) != token(two)
    assert '<input type="hidden" name="next" value="/signalen/?a=1&amp;b=2">' in html
    answer = second.post(
        LOGIN,
        {
            "username": partner_member.email,
            "password": factories.PASSWORD,
            "next": "/signalen/?a=1&b=2",
            "csrfmiddlewaretoken": token(two),
        },
    )
    assert answer.status_code == 302 and answer.url == "/signalen/?a=1&b=2"
    other = Client().get(f"{LOGIN}?next=/aanbod/")
    assert 'name="next" value="/aanbod/"' in other.content.decode()  # another query: its own form
