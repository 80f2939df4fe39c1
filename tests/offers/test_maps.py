"""The maps of the directory: where an offer is, and the movement circles among the neighbourhoods."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from neighbourhoods.models import Neighbourhood
from offers.models import Offer
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("nothing_kept")]


@pytest.fixture
def circles(partner_org, other_org):
    north = factories.movement_circle(factories.neighbourhood(2), factories.neighbourhood(10), name="Noord")
    west = factories.movement_circle(factories.neighbourhood(4), factories.neighbourhood(7), name="West")
    factories.offer(partner_org, title="Voetbal", neighbourhoods=[factories.neighbourhood(2)])
    factories.offer(partner_org, title="Straathoek", movement_circles=[north])
    factories.offer(
        other_org, title="Huiswerkklas", neighbourhoods=[factories.neighbourhood(7)], functions_=("welfare",)
    )
    factories.offer(other_org, title="Ontwerp", neighbourhoods=[factories.neighbourhood(4)], status=Offer.Status.DRAFT)
    return north, west


# The offer's page ------------------------------------------------------------------------------------------------


def test_the_offer_page_marks_its_neighbourhoods_and_those_of_its_circles(client, partner_org):
    circle = factories.movement_circle(factories.neighbourhood(4), factories.neighbourhood(7), name="West")
    offer = factories.offer(
        partner_org, title="Pleinwerking", neighbourhoods=[factories.neighbourhood(7)], movement_circles=[circle]
    )
    response = client.get(offer.get_absolute_url())
    body = response.content.decode()
    offer_map = response.context["map"]
    kinds = {item["shape"].label: item["kind"] for item in offer_map["items"]}
    assert len(kinds) == 25
    here, through_circle = factories.neighbourhood(7), factories.neighbourhood(4)
    assert kinds[here.name] == "here" and kinds[through_circle.name] == "circle"
    assert sum(1 for kind in kinds.values() if kind) == 2
    # Drawn on the server, every outline; the marked ones link to the directory's offers there, with a text.
    assert body.count('<path d="M') == 25
    assert f'href="{reverse("offers:directory")}?neighbourhood={here.pk}"' in body
    assert 'role="group" aria-labelledby="offer-map-svg-title offer-map-svg-desc"' in body
    assert f">{here.name}</a>: the offer runs here" in body
    assert f">{through_circle.name}</a>: in its movement circle" in body


def test_the_offer_page_has_no_map_without_outlines(client, published_offer):
    Neighbourhood.objects.update(geometry=None)
    cache.clear()
    response = client.get(published_offer.get_absolute_url())
    assert response.status_code == 200
    assert response.context["map"] is None
    assert "offer-map" not in response.content.decode()


def test_the_offer_page_reads_a_fixed_number_of_queries(client, partner_org):
    circles = [factories.movement_circle(factories.neighbourhood(n)) for n in (1, 2, 3)]

    def count(offer):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(offer.get_absolute_url()).status_code == 200
        return len(queries)

    client.get(factories.offer(partner_org, neighbourhoods=[factories.neighbourhood(9)]).get_absolute_url())
    one = factories.offer(partner_org, neighbourhoods=[factories.neighbourhood(1)], movement_circles=circles[:1])
    many = factories.offer(
        partner_org, neighbourhoods=[factories.neighbourhood(n) for n in range(4, 12)], movement_circles=circles
    )
    assert count(one) == count(many)


# The directory's movement circles ----------------------------------------------------------------------------------


def test_the_directory_map_shows_each_movement_circle_with_its_offers(client, circles):
    north, west = circles
    response = client.get(reverse("offers:directory"))
    markers = {marker["label"]: marker for marker in response.context["map"]["circles"]}
    # As the circle filter counts: linked to the circle, or to one of its neighbourhoods; published only.
    assert markers["Noord"]["count"] == 2
    assert markers["West"]["count"] == 1
    assert markers["Noord"]["url"] == f"?movement_circle={north.pk}"
    body = response.content.decode()
    assert "Movement circle Noord: 2 offers" in body and "Movement circle West: 1 offer" in body
    assert response.context["map"]["outlines"] == []


def test_the_circle_counts_follow_the_other_filters(client, circles):
    response = client.get(reverse("offers:directory"), {"function": "welfare"})
    markers = {marker["label"]: marker for marker in response.context["map"]["circles"]}
    assert markers["Noord"]["count"] == 0 and markers["West"]["count"] == 1
    assert markers["West"]["url"] == f"?function=welfare&movement_circle={circles[1].pk}"


def test_a_chosen_circle_filters_the_list_and_is_outlined_on_the_map(client, circles):
    north, _west = circles
    response = client.get(reverse("offers:directory"), {"movement_circle": north.pk})
    assert sorted(offer.title for offer in response.context["offers"]) == ["Straathoek", "Voetbal"]
    outlined = {shape.label for shape in response.context["map"]["outlines"]}
    assert outlined == {factories.neighbourhood(2).name, factories.neighbourhood(10).name}
    assert [m["label"] for m in response.context["map"]["circles"] if m["selected"]] == ["Noord"]
    assert 'class="circle-outline" aria-hidden="true"' in response.content.decode()
    # The same circle typed in the area box of a region.
    typed = client.get(reverse("offers:directory"), {"area": f"c{north.pk}"})
    assert {shape.label for shape in typed.context["map"]["outlines"]} == outlined


def test_a_circle_that_does_not_exist_is_a_filter_error_not_an_outline(client, circles):
    response = client.get(reverse("offers:directory"), {"movement_circle": 999999})
    assert response.status_code == 200
    assert response.context["map"]["outlines"] == []
    assert "movement_circle" in response.context["filter"].form.errors
