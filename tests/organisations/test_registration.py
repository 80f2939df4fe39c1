import pytest
from django.core import mail

from accounts.models import User
from charter_portal.permissions import actor_for
from organisations.models import Membership, Organisation, Sector

pytestmark = pytest.mark.django_db

REGISTER = "/organisaties/registreren/"
PASSWORD = "a long enough passphrase 3"


def _data(**overrides):
    data = {
        "name": "Jeugdwerk Nieuwpoort",
        "kind": "self_organisation",
        "sectors": [Sector.objects.get(code="youth_work").pk, Sector.objects.get(code="sport").pk],
        "description": "Wekelijkse sportnamiddag voor kinderen uit de buurt.",
        "email": "info@nieuwpoort.example",
        "phone": "09 123 45 67",
        "website": "https://nieuwpoort.example",
        "admin_name": "Iris Initiatief",
        "admin_email": "iris@nieuwpoort.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def test_it_registers_an_organisation_with_its_first_admin(client, city_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after commit
        response = client.post(REGISTER, _data())
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Jeugdwerk Nieuwpoort")
    assert organisation.slug == "jeugdwerk-nieuwpoort"
    assert not organisation.is_approved
    assert sorted(organisation.sectors.values_list("code", flat=True)) == ["sport", "youth_work"]
    admin = User.objects.get(email="iris@nieuwpoort.example")
    assert admin.check_password(PASSWORD)
    assert Membership.objects.get(user=admin, organisation=organisation).role == "admin"
    # Not logged in: the new account first confirms its address (tests/accounts/test_email_confirmation.py).
    assert response.url == "/account/bevestigen/"
    assert "_auth_user_id" not in client.session and not admin.email_confirmed
    # The new admin gets the confirmation link; the city admins hear about the registration.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([admin.email, city_admin.email])


def test_an_unapproved_organisation_cannot_act(client):
    client.post(REGISTER, _data())
    admin = User.objects.get(email="iris@nieuwpoort.example")
    User.objects.filter(pk=admin.pk).update(email_confirmed=True)
    client.force_login(admin)
    organisation = Organisation.objects.get(name="Jeugdwerk Nieuwpoort")
    actor = actor_for(admin)
    assert not actor.is_partner
    assert not actor.is_admin_of(organisation.pk)
    assert client.get(f"/organisaties/{organisation.slug}/leden/").status_code == 404
    mine = client.get("/organisaties/mijn/")
    assert b"Awaiting approval" in mine.content


def test_the_homepage_links_to_registration(client):
    assert b'href="/organisaties/registreren/"' in client.get("/").content


def test_a_logged_in_person_registers_with_their_own_account(other_client, other_admin):
    data = {k: v for k, v in _data().items() if k not in ("admin_name", "admin_email", "password1", "password2")}
    response = other_client.post(REGISTER, data)
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Jeugdwerk Nieuwpoort")
    assert Membership.objects.get(organisation=organisation).user == other_admin


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("password2", "something else entirely"),
        ("password1", "short"),
        ("kind", "company"),
        ("name", ""),
        ("admin_email", "not-an-address"),
        ("description", "Bel Jamal op 0470 12 34 56 voor meer uitleg."),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(client, field, value):
    data = _data(**{field: value})
    if field == "password1":
        data["password2"] = value
    response = client.post(REGISTER, data)
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert not Organisation.objects.filter(name="Jeugdwerk Nieuwpoort").exists()
    assert not User.objects.filter(email="iris@nieuwpoort.example").exists()


def test_it_refuses_an_existing_name_or_account(client, partner_org, partner_member):
    response = client.post(REGISTER, _data(name=partner_org.name, admin_email=partner_member.email))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_name_error"' in content
    assert "Log in first" in content
    assert Organisation.objects.count() == 1


def test_it_never_hands_out_a_slug_that_is_a_page_address(client):
    client.post(REGISTER, _data(name="Mijn"))
    assert Organisation.objects.get(name="Mijn").slug == "mijn-2"
