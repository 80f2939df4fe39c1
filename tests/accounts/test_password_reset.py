import re

import pytest
from django.core import mail

from tests import factories

pytestmark = pytest.mark.django_db


def _reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/account/wachtwoord-herstellen/\S+/)", message.body).group(1)


def test_it_sends_a_reset_mail_in_the_persons_language(client, django_capture_on_commit_callbacks):
    person = factories.user(email="anna@example.org", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after commit
        response = client.post("/account/wachtwoord-vergeten/", {"email": "anna@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert message.subject == "Choose a new password for the charter portal"
    assert "/account/wachtwoord-herstellen/" in message.body


def test_it_sends_nothing_for_an_unknown_address_but_says_the_same(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/wachtwoord-vergeten/", {"email": "nobody@example.org"}, follow=True)
    assert response.status_code == 200
    assert mail.outbox == []
    assert b"If an account exists" in response.content


def test_it_refuses_an_invalid_address_with_a_message(client):
    response = client.post("/account/wachtwoord-vergeten/", {"email": "not-an-address"})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert mail.outbox == []


def test_the_reset_link_works_once(client, django_capture_on_commit_callbacks):
    person = factories.user(email="bert@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/wachtwoord-vergeten/", {"email": person.email})
    link = _reset_link(mail.outbox[0])

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    new_password = "a brand new passphrase 42"
    done = client.post(set_password_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password(new_password)

    again = client.get(link, follow=True)
    assert b"This link is not valid" in again.content
    assert b'name="new_password1"' not in again.content


def test_the_reset_form_applies_the_password_rules(client, django_capture_on_commit_callbacks):
    person = factories.user(email="carla@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/wachtwoord-vergeten/", {"email": person.email})
    form_page = client.get(_reset_link(mail.outbox[0]), follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "short1", "new_password2": "short1"})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    person.refresh_from_db()
    assert person.check_password(factories.PASSWORD)
