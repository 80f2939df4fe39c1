import pytest
from django.apps import apps

from tests import factories

pytestmark = pytest.mark.django_db

PORTAL_APPS = ["accounts", "organisations", "neighbourhoods", "charter", "signals", "covenants"]
MODELS = [
    f"{model._meta.app_label}/{model._meta.model_name}"
    for app in PORTAL_APPS
    for model in apps.get_app_config(app).get_models()
    if not model.__name__.startswith("Historical")
]


@pytest.fixture
def superuser_client(client):
    from accounts.models import User

    client.force_login(User.objects.create_superuser(email="root@example.org", password=factories.PASSWORD))
    return client


def test_every_model_of_the_portal_is_in_the_admin():
    from django.contrib import admin

    missing = [
        model._meta.label
        for app in PORTAL_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and model not in admin.site._registry
    ]
    assert not missing


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
