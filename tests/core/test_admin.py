import pytest

from tests import factories

pytestmark = pytest.mark.django_db

MODELS = [
    "accounts/user",
    "accounts/invitation",
    "organisations/organisation",
    "organisations/membership",
    "organisations/function",
    "organisations/sector",
]


@pytest.fixture
def superuser_client(client):
    from accounts.models import User

    client.force_login(User.objects.create_superuser(email="root@example.org", password=factories.PASSWORD))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_every_model_has_a_working_admin(superuser_client, model, partner_admin, invitation_for):
    invitation_for()
    assert superuser_client.get(f"/admin/{model}/").status_code == 200


def test_the_admin_opens_an_organisation_with_its_members_and_history(superuser_client, partner_org, partner_admin):
    assert superuser_client.get(f"/admin/organisations/organisation/{partner_org.pk}/change/").status_code == 200
    assert superuser_client.get(f"/admin/organisations/organisation/{partner_org.pk}/history/").status_code == 200


def test_a_superuser_has_the_rights_of_a_city_admin(superuser_client):
    assert superuser_client.get("/organisaties/goedkeuringen/").status_code == 200


def test_partners_cannot_enter_the_django_admin(admin_client_):
    response = admin_client_.get("/admin/organisations/organisation/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url
