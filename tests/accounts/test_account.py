import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_it_sends_visitors_to_the_login_page(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")


def test_it_shows_the_persons_account_and_organisations(member_client, partner_member, partner_org):
    response = member_client.get("/account/")
    assert response.status_code == 200
    assert partner_member.email in response.content.decode()
    assert partner_org.name in response.content.decode()


def test_it_saves_the_name_and_language(member_client, partner_member):
    response = member_client.post("/account/", {"full_name": "Mona M.", "preferred_language": "en"})
    assert response.status_code == 302
    partner_member.refresh_from_db()
    assert partner_member.full_name == "Mona M."
    assert partner_member.preferred_language == "en"
    assert response.cookies["portal_language"].value == "en"


def test_it_refuses_an_unknown_language_and_saves_nothing(member_client, partner_member):
    response = member_client.post("/account/", {"full_name": "Changed", "preferred_language": "xx"})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    partner_member.refresh_from_db()
    assert partner_member.full_name == "Mona Member"


def test_it_changes_the_password_with_the_old_one(member_client, partner_member):
    new = "another long passphrase 7"
    wrong = member_client.post(
        "/account/wachtwoord/", {"old_password": "wrong", "new_password1": new, "new_password2": new}
    )
    assert wrong.status_code == 200
    partner_member.refresh_from_db()
    assert partner_member.check_password(factories.PASSWORD)

    right = member_client.post(
        "/account/wachtwoord/", {"old_password": factories.PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert right.status_code == 302
    partner_member.refresh_from_db()
    assert partner_member.check_password(new)


def test_it_requires_twelve_characters_for_a_new_password(member_client, partner_member):
    response = member_client.post(
        "/account/wachtwoord/",
        {"old_password": factories.PASSWORD, "new_password1": "Xq9!shortpw", "new_password2": "Xq9!shortpw"},
    )
    assert response.status_code == 200
    assert b"12" in response.content
    partner_member.refresh_from_db()
    assert partner_member.check_password(factories.PASSWORD)
