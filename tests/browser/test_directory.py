"""The directory in a real browser, with its maps on: the list with neighbourhoods and movement circles, a chosen
circle, an offer's page with where it runs, the organisation's page, and a city admin checking a new outline
file; every page passes ``Visit.check`` (axe, 320 px, 200 % text) in both languages."""

import json

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def directory_world(partner_org, other_org):
    from pathlib import Path

    from charter_portal import caching
    from neighbourhoods.geometry import neighbourhood_geometry_import
    from neighbourhoods.models import Neighbourhood

    # A transactional test after another may find the neighbourhoods without the outlines the migration loads.
    if Neighbourhood.objects.filter(geometry__isnull=True).exists():
        shipped = Path(__file__).resolve().parents[2] / "neighbourhoods" / "data" / "stadswijken-gent.geojson"
        neighbourhood_geometry_import(data=shipped.read_bytes())
        caching.bump("neighbourhoods")
    north = factories.movement_circle(factories.neighbourhood(2), factories.neighbourhood(10), name="Noord")
    offer = factories.offer(
        partner_org,
        title="Voetbal op het plein",
        neighbourhoods=[factories.neighbourhood(2)],
        movement_circles=[north],
        contact_phone="09 123 45 67",
    )
    factories.offer(
        other_org, title="Huiswerkklas", neighbourhoods=[factories.neighbourhood(7)], functions_=("welfare",)
    )
    return {"offer": offer, "circle": north, "organisation": partner_org}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_directory_and_an_offer_show_their_maps_accessibly(visit, directory_world, language):
    person = visit(language)
    person.goto("/aanbod/")
    assert person.page.locator(".directory-map a.circle-marker").count() == 1
    person.check(f"directory-{language}")
    person.goto(f"/aanbod/?movement_circle={directory_world['circle'].pk}")
    assert person.page.locator(".circle-outline path").count() == 2
    person.check(f"directory-circle-{language}")
    person.goto(directory_world["offer"].get_absolute_url())
    assert person.page.locator(".offer-map svg a").count() == 2
    person.check(f"offer-{language}")
    person.goto(reverse("organisations:detail", args=[directory_world["organisation"].slug]))
    person.check(f"organisation-{language}")


def test_a_city_admin_checks_an_outline_file_before_storing_it(visit, city_admin, tmp_path):
    square = [[[3.70, 51.05], [3.71, 51.05], [3.71, 51.06], [3.70, 51.06], [3.70, 51.05]]]
    upload = tmp_path / "wijken.geojson"
    upload.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"wijknr": 7},
                        "geometry": {"type": "Polygon", "coordinates": square},
                    },
                    {
                        "type": "Feature",
                        "properties": {"wijknr": 99},
                        "geometry": {"type": "Polygon", "coordinates": square},
                    },
                ],
            }
        )
    )
    person = visit("nl")
    person.login(city_admin.email, PASSWORD)
    person.goto("/wijken/omtrekken/")
    person.check("outlines")
    person.page.set_input_files("input[name=file]", str(upload))
    person.press_enter_on("main form button[type=submit]")
    assert person.page.locator(".outline-preview").is_visible()
    person.check("outlines-preview")
    person.press_enter_on(".outline-preview button[type=submit]")
    assert person.path.startswith("/wijken/")
    assert factories.neighbourhood(7).geometry["coordinates"] == square
