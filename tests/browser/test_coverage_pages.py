"""The coverage review, an area's page, what counts, movement circles and indicator values in a real browser, in both
languages; every page passes ``Visit.check`` (axe, no horizontal scrolling at desktop and 320 px, 200 % text)."""

from decimal import Decimal

import pytest

from neighbourhoods.models import Indicator, IndicatorImport, IndicatorValue, MovementCircle
from tests import factories
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coverage_world(partner_org, city_admin):
    rabot, muide = factories.neighbourhood(7), factories.neighbourhood(10)
    rabot.computed_priority = True
    rabot.save()
    circle = factories.movement_circle(rabot, muide, name="Beweegcirkel Noord")
    factories.offer(partner_org, functions_=("leisure", "welfare"), neighbourhoods=[rabot], is_warm_place=True)
    factories.offer(partner_org, functions_=("bridge", "signal"), movement_circles=[circle], title="Straathoekwerk")
    indicator = Indicator.objects.create(code="poverty", name="Kinderarmoede", unit="%")
    batch = IndicatorImport.objects.create(file_name="armoede.csv", imported_by=city_admin, rows=2)
    for neighbourhood, value in ((rabot, "31.5"), (muide, "28")):
        IndicatorValue.objects.create(
            indicator=indicator, neighbourhood=neighbourhood, year=2025, value=Decimal(value), source_import=batch
        )
    return {"rabot": rabot, "circle": circle, "indicator": indicator}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_city_admin_reads_the_coverage_pages(visit, coverage_world, city_admin, language):
    person = visit(language)
    person.login(city_admin.email, PASSWORD)
    for path, name in [
        ("/wijken/", "review"),
        ("/wijken/?no_warm_place=on", "review-no-warm-place"),
        (f"/wijken/wijk/{coverage_world['rabot'].slug}/", "area"),
        (f"/wijken/beweegcirkel/{coverage_world['circle'].slug}/", "circle"),
        ("/wijken/drempels/", "thresholds"),
        ("/wijken/beweegcirkels/", "circles"),
        (f"/wijken/beweegcirkel/{coverage_world['circle'].slug}/bewerken/", "circle-form"),
        ("/wijken/indicatoren/", "indicators"),
        (f"/wijken/indicatoren/{coverage_world['indicator'].pk}/waarden/", "indicator-values"),
    ]:
        person.goto(path)
        person.check(f"{name}-{language}")


def test_a_city_admin_makes_a_circle_with_the_keyboard(visit, coverage_world, city_admin):
    person = visit("nl")
    person.login(city_admin.email, PASSWORD)
    person.goto("/wijken/beweegcirkels/nieuw/")
    person.press_enter_on("main form button[type=submit]")
    assert person.page.locator(".error-summary").is_visible()
    person.check("circle-form-errors")
    person.type_into("input[name=name]", "Beweegcirkel Zuid")
    person.tick(f"input[name=neighbourhoods][value='{factories.neighbourhood(19).pk}']")
    person.press_enter_on("main form button[type=submit]")
    circle = MovementCircle.objects.get(name="Beweegcirkel Zuid")
    assert person.path.startswith(f"/wijken/beweegcirkel/{circle.slug}/")
    person.check("circle-made")
