"""Themes raised by young people per area as a built-in indicator of the priority score."""

import datetime
from decimal import Decimal

from neighbourhoods.decisions import priority_scores
from neighbourhoods.models import Indicator, IndicatorValue, Neighbourhood
from neighbourhoods.services import priority_decide
from participation import indicators
from tests import factories
from tests.participation.conftest import record


def _youth_indicator(weight=1):
    indicator = Indicator.objects.get(code=indicators.CODE)  # made by the app's migration, off by default
    assert indicator.source_kind == indicators.SOURCE_KIND and not indicator.is_active
    indicator.is_active = True
    indicator.weight = Decimal(weight)
    indicator.save()
    return indicator


def test_it_counts_the_young_people_who_raised_a_theme_per_area(partner_org, partner_member, rabot, brugse_poort):
    circle = factories.movement_circle(rabot, brugse_poort)
    muide = factories.neighbourhood(10)
    record(
        partner_member, partner_org, neighbourhoods=[rabot], bands=(0, 0, 9, 0, 0), themes={"leisure": 6, "sport": 3}
    )
    record(partner_member, partner_org, circle=circle, bands=(0, 5, 0, 0, 0), themes={"public_space": 5})
    record(partner_member, partner_org, city_wide=True, bands=(0, 0, 20, 0, 0), themes={"work": 20})
    record(partner_member, partner_org, neighbourhoods=[muide], bands=(0, 3, 0, 0, 0), themes={"leisure": 3})
    # Older than 12 months: left out.
    record(partner_member, partner_org, neighbourhoods=[rabot], held_on=datetime.date(2025, 1, 5), themes={"sport": 6})

    values = indicators.youth_themes_last_12_months(2026)

    assert values[rabot.pk] == 14  # 6 + 3 in Rabot, 5 through the movement circle
    assert values[brugse_poort.pk] == 5  # the circle's moment counts for each of its neighbourhoods
    assert values[muide.pk] == 0  # 3 is fewer than 5: it counts as 0 and is never stored
    assert sum(values.values()) == 19  # the city-wide moment counts for no neighbourhood


def test_the_youth_indicator_weighs_in_the_priority_score(partner_org, partner_member, rabot, brugse_poort, city_admin):
    _youth_indicator(weight=2)
    record(partner_member, partner_org, neighbourhoods=[rabot], bands=(0, 0, 12, 0, 0), themes={"leisure": 12})
    poverty = Indicator.objects.create(code="poverty", name="Poverty", weight=Decimal(1))
    for n, value in ((rabot, 10), (brugse_poort, 20)):
        IndicatorValue.objects.create(indicator=poverty, neighbourhood=n, year=2026, value=Decimal(value))
    for n in Neighbourhood.objects.exclude(pk__in=[rabot.pk, brugse_poort.pk]):
        IndicatorValue.objects.create(indicator=poverty, neighbourhood=n, year=2026, value=Decimal(10))

    scores = {s.area_id: s for s in priority_scores(year=2026, method="top_n", top_n=1).scores}

    assert scores[rabot.pk].parts[indicators.CODE]["value"] == 12
    assert scores[rabot.pk].score > scores[brugse_poort.pk].score  # young people's 12 outweigh poverty here
    decision = priority_decide(by=city_admin, year=2026, method="top_n", top_n=1)
    assert [s["area_id"] for s in decision.scores if s["is_priority"]] == [rabot.pk]


def test_the_priority_page_shows_a_small_youth_value_as_fewer_than_5(
    staff_client, partner_org, partner_member, city_admin, rabot, brugse_poort, monkeypatch
):
    from neighbourhoods.builtin_indicators import BUILTIN_SOURCES

    _youth_indicator()
    # A stored decision from a source that would hand a small value (the portal's own never does).
    monkeypatch.setitem(
        BUILTIN_SOURCES, indicators.SOURCE_KIND, lambda year: {rabot.pk: Decimal(3), brugse_poort.pk: Decimal(9)}
    )
    priority_decide(by=city_admin, year=2026, method="top_n", top_n=1)

    page = staff_client.get("/wijken/prioriteit/").content.decode()

    assert "(fewer than 5)" in page
    assert "(9)" in page
