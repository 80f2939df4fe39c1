"""Personas shared by every test: visitor, partner member, partner admin, another organisation's admin,
city staff and city admin (docs/rules.md#roles)."""

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from charter_portal import caching

    cache.clear()
    caching.forget_pending()
    yield


@pytest.fixture
def rendered_afresh():
    """Call it right before a request whose queries are counted: it empties the shared cache (the page parts
    and coverage of charter_portal/caching.py), so the request does all of its work, as the first request after
    a change of data does. Query-count tests compare such requests."""
    from django.core.cache import cache

    return cache.clear


@pytest.fixture
def nothing_kept(settings):
    """Every request computes what it shows, as with an empty cache (``CACHE_KEEP_BYPASS``): for tests that count
    the queries of computing a list or page, not of reading it back from the cache."""
    settings.CACHE_KEEP_BYPASS = True


@pytest.fixture
def partner_org(db):
    return factories.organisation(name="Jeugdhuis De Brug")


@pytest.fixture
def other_org(db):
    return factories.organisation(name="Buurtwerk Elders", kind="self_organisation")


@pytest.fixture
def city_org(db):
    return factories.city_service(name="Jeugddienst")


@pytest.fixture
def visitor(client):
    return client


@pytest.fixture
def partner_member(partner_org):
    return factories.member(partner_org, email="member@debrug.example", full_name="Mona Member")


@pytest.fixture
def partner_admin(partner_org):
    return factories.admin_of(partner_org, email="admin@debrug.example", full_name="Ada Admin")


@pytest.fixture
def other_admin(other_org):
    return factories.admin_of(other_org, email="admin@elders.example", full_name="Otto Other")


@pytest.fixture
def city_staff(city_org):
    return factories.member(city_org, email="staff@stad.example", full_name="Stijn Staff")


@pytest.fixture
def city_admin(city_org):
    return factories.admin_of(city_org, email="admin@stad.example", full_name="Cato City-Admin")


def _client_for(client_class, user):
    c = client_class()
    c.force_login(user)
    return c


@pytest.fixture
def member_client(partner_member):
    from django.test import Client

    return _client_for(Client, partner_member)


@pytest.fixture
def admin_client_(partner_admin):
    """Logged in as the partner organisation's admin (``admin_client`` is pytest-django's superuser)."""
    from django.test import Client

    return _client_for(Client, partner_admin)


@pytest.fixture
def other_client(other_admin):
    from django.test import Client

    return _client_for(Client, other_admin)


@pytest.fixture
def staff_client(city_staff):
    from django.test import Client

    return _client_for(Client, city_staff)


@pytest.fixture
def city_admin_client(city_admin):
    from django.test import Client

    return _client_for(Client, city_admin)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


def api_client_for(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def field_errors(response) -> dict:
    """The per-field messages of an API error (the portal's one error shape, charter_portal/api_errors.py)."""
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]["fields"]


def error_message(response) -> str:
    """The message of an API error (the portal's one error shape)."""
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]["message"]


# The data migrations that load reference data (the 25 neighbourhoods, functions and sectors, the first charter
# version). A transactional test (live server, threads, subprocesses) runs in a database that is emptied after
# each test; ``reference_data`` loads this data again, the way the migrations did.
REFERENCE_DATA = [
    "neighbourhoods.migrations.0002_ghent_neighbourhoods.load",
    "organisations.migrations.0001_foundation.load",
    "charter.migrations.0002_first_version.forwards",
]


@pytest.fixture
def reference_data(transactional_db):
    from importlib import import_module

    from django.apps import apps

    for dotted in REFERENCE_DATA:
        module, name = dotted.rsplit(".", 1)
        getattr(import_module(module), name)(apps, None)
