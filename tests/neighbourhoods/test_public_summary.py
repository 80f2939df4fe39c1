"""The public coverage summary: every neighbourhood's standing against the charter, for anyone, without naming an
organisation or an offer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/wijken/overzicht/"


def test_anyone_sees_each_neighbourhood_with_its_functions_and_warm_place(client, partner_org):
    rabot = factories.neighbourhood(7)
    factories.offer(partner_org, title="Geheime titel", functions_=("leisure", "welfare"), neighbourhoods=[rabot])
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    row = page[page.index(f'id="wijk-{rabot.slug}"') :]
    row = row[: row.index("</tr>")]
    assert "Leisure, Welfare" in row and "Bridge, Signal" in row
    assert "Geheime titel" not in page and partner_org.name not in page  # no organisation or offer detail
    assert "<svg" in page  # the outlines ship with the portal


def test_it_is_in_every_menu_and_speaks_dutch(client):
    page = client.get(URL, headers={"accept-language": "nl"}).content.decode()
    assert "Heeft elke wijk wat het charter vraagt?" in page
    assert 'href="/wijken/overzicht/"' in client.get("/").content.decode()  # the visitor's menu leads to it


@pytest.mark.parametrize("offers", [1, 30])
def test_it_keeps_its_query_count(client, partner_org, offers, rendered_afresh):
    for number in range(offers):
        factories.offer(
            partner_org, title=f"Aanbod {number}", neighbourhoods=[factories.neighbourhood(1 + number % 25)]
        )
    rendered_afresh()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    test_it_keeps_its_query_count.counts[offers] = len(queries)
    if len(test_it_keeps_its_query_count.counts) == 2:
        assert test_it_keeps_its_query_count.counts[1] == test_it_keeps_its_query_count.counts[30]


test_it_keeps_its_query_count.counts = {}
