"""A priority decision previewed and confirmed in a real browser, in Dutch and English, and an area's history."""

import datetime

import pytest

from neighbourhoods.models import CoverageSnapshot, Indicator, IndicatorValue, PriorityDecision
from neighbourhoods.services import priority_decide
from tests import factories
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def decided(city_admin, partner_org):
    indicator = Indicator.objects.create(code="poverty", name="Child poverty")
    for year, values in {2025: {7: 40, 9: 30, 1: 5, 10: 20}, 2026: {7: 10, 9: 30, 1: 5, 10: 40}}.items():
        for number, value in values.items():
            IndicatorValue.objects.create(
                indicator=indicator, neighbourhood=factories.neighbourhood(number), year=year, value=value
            )
    rabot = factories.neighbourhood(7)
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[rabot], title="Speelpleinwerking")
    priority_decide(by=city_admin, year=2025, method="top_n", top_n=2)
    for day, functions in [(datetime.date(2026, 1, 1), []), (datetime.date(2026, 2, 1), ["leisure"])]:
        CoverageSnapshot.objects.create(
            taken_on=day,
            area_type="neighbourhood",
            area_id=rabot.pk,
            area_name=rabot.name,
            is_priority=True,
            functions_present=functions,
            integral=False,
            warm_place=False,
            leisure_hours_per_week=len(functions) * 4,
            gaps=["missing_function:welfare"],
            meets_charter=False,
        )
    return rabot


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_decision_is_previewed_then_recorded(visit, decided, city_admin, language):
    person = visit(language)
    person.login(city_admin.email, PASSWORD)
    person.goto("/wijken/prioriteit/")
    person.page.fill("#id_year", "2026")
    person.page.locator("form.form button[type=submit]").click()
    person.page.wait_for_load_state()
    assert person.page.locator("#changes-caption").count() == 1
    assert person.page.locator("main tbody tr").count() == 2  # Rabot leaves, Muide enters; nobody else
    person.check("preview")
    person.page.locator("input[name=confirm] ~ button[type=submit]").click()
    person.page.wait_for_load_state()
    assert person.path == "/wijken/prioriteit/"
    assert PriorityDecision.objects.count() == 2
    person.goto(f"/wijken/wijk/{decided.slug}/geschiedenis/")
    person.check("history")
