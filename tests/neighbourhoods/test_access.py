"""Every coverage page against every role: visitors log in first, people without an organisation are refused,
partners read, only city admins change."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

READ = [
    "/wijken/",
    "/wijken/export.csv",
    "/wijken/export.xlsx",
    "/wijken/wijk/rabot-blaisantvest/",
    "/wijken/wijk/rabot-blaisantvest/geschiedenis/",
    "/wijken/prioriteit/",
    "/wijken/indicatoren/",
]
ADMIN_ONLY = [
    "/wijken/indicatoren/import/",
    "/wijken/indicatoren/nieuw/",
    "/wijken/wijk/rabot-blaisantvest/prioriteit/",
]


@pytest.mark.parametrize("url", READ + ADMIN_ONLY)
def test_it_sends_visitors_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/account/" in response["Location"]


@pytest.mark.parametrize("url", READ + ADMIN_ONLY)
def test_it_refuses_people_without_an_approved_organisation(client, url):
    client.force_login(factories.user())
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", READ)
def test_it_lets_partners_read(member_client, url):
    assert member_client.get(url).status_code == 200


@pytest.mark.parametrize("url", ADMIN_ONLY)
def test_it_keeps_changes_for_city_admins(member_client, staff_client, city_admin_client, url):
    assert member_client.get(url).status_code == 403
    assert staff_client.get(url).status_code == 403
    assert city_admin_client.get(url).status_code == 200
