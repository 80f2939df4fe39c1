"""Coverage on a past date counts the offers, collaborations and priority as they stood on that date."""

import datetime
import zoneinfo

import pytest
import time_machine

from neighbourhoods.models import CoverageSnapshot
from neighbourhoods.selectors import compute_coverage_on
from neighbourhoods.services import area_priority_override, coverage_snapshot_take, priority_decide
from tests import factories

pytestmark = pytest.mark.django_db
JANUARY_2025 = datetime.date(2025, 1, 15)
TODAY = datetime.date(2026, 12, 6)


def coverage_of(day, area):
    return compute_coverage_on(day).row(("neighbourhood", area.pk))


def test_an_archived_winter_offer_counts_in_january_2025_when_it_was_active(partner_org, rabot):
    with time_machine.travel(datetime.datetime(2024, 10, 1, 10, tzinfo=datetime.UTC), tick=False):
        winter = factories.offer(
            partner_org,
            functions_=("leisure",),
            neighbourhoods=[rabot],
            weekly_hours=6,
            starts_on=datetime.date(2024, 11, 1),
            ends_on=datetime.date(2025, 3, 31),
            title="Winterwerking Rabot",
        )
    with time_machine.travel(datetime.datetime(2025, 4, 15, 10, tzinfo=datetime.UTC), tick=False):
        winter.status = winter.Status.ARCHIVED
        winter.save()
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, tzinfo=datetime.UTC), tick=False):
        then = coverage_of(JANUARY_2025, rabot)
        assert then.functions_present == ("leisure",)
        assert then.leisure_hours_per_week == 6
        assert winter.pk in then.offer_ids
        # A snapshot taken afterwards for that date (the monthly command's backfill) holds it too.
        coverage_snapshot_take(day=JANUARY_2025)
        snap = CoverageSnapshot.objects.get(taken_on=JANUARY_2025, area_type="neighbourhood", area_id=rabot.pk)
        assert snap.leisure_hours_per_week == 6


def test_an_offer_registered_in_2026_without_a_start_date_does_not_count_for_2025(partner_org, rabot):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        new = factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[rabot], weekly_hours=4)
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, tzinfo=datetime.UTC), tick=False):
        assert new.starts_on is None
        assert coverage_of(datetime.date(2025, 6, 1), rabot).functions_present == ()
        assert coverage_of(datetime.date(2025, 6, 1), rabot).gaps == ("no_base_offer",)
        assert new.pk in coverage_of(datetime.date(2026, 3, 2), rabot).offer_ids
        assert coverage_of(TODAY, rabot).leisure_hours_per_week == 4


def test_an_offer_that_moved_to_another_neighbourhood_counts_where_it_was(partner_org, other_org, rabot, muide):
    with time_machine.travel(datetime.datetime(2024, 10, 1, 10, tzinfo=datetime.UTC), tick=False):
        moved = factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[rabot], title="Tienerwerking")
        together = factories.collaboration(partner_org, other_org, neighbourhoods=[rabot], name="Samen")
    with time_machine.travel(datetime.datetime(2026, 1, 10, 10, tzinfo=datetime.UTC), tick=False):
        moved.neighbourhoods.set([muide])
        together.neighbourhoods.set([muide])
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, tzinfo=datetime.UTC), tick=False):
        assert coverage_of(JANUARY_2025, rabot).offer_ids == (moved.pk,)
        assert coverage_of(JANUARY_2025, rabot).collaboration_ids == (together.pk,)
        assert coverage_of(JANUARY_2025, muide).offer_ids == ()
        assert coverage_of(TODAY, muide).offer_ids == (moved.pk,)
        assert coverage_of(TODAY, rabot).collaboration_ids == ()


def test_the_priority_on_a_past_date_is_the_decision_then_in_force(city_admin, rabot):
    from neighbourhoods.models import Indicator, IndicatorValue

    indicator = Indicator.objects.create(code="poverty", name="Child poverty")
    muide = factories.neighbourhood(10)
    for year, values in {2024: {rabot: 40, muide: 10}, 2025: {rabot: 10, muide: 40}}.items():
        for area, value in values.items():
            IndicatorValue.objects.create(indicator=indicator, neighbourhood=area, year=year, value=value)
    with time_machine.travel(datetime.datetime(2025, 2, 1, 10, tzinfo=datetime.UTC), tick=False):
        priority_decide(by=city_admin, year=2024, method="top_n", top_n=1)
    with time_machine.travel(datetime.datetime(2026, 2, 1, 10, tzinfo=datetime.UTC), tick=False):
        priority_decide(by=city_admin, year=2025, method="top_n", top_n=1)
    with time_machine.travel(datetime.datetime(2026, 5, 1, 10, tzinfo=datetime.UTC), tick=False):
        muide.refresh_from_db()
        area_priority_override(area=muide, override=False, motivation="Served elsewhere.", expected_version=None)
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, tzinfo=datetime.UTC), tick=False):
        assert not coverage_of(datetime.date(2025, 1, 15), rabot).is_priority  # before any decision
        assert coverage_of(datetime.date(2025, 6, 1), rabot).is_priority
        assert not coverage_of(datetime.date(2026, 3, 1), rabot).is_priority
        muide_row = compute_coverage_on(datetime.date(2026, 3, 1)).row(("neighbourhood", muide.pk))
        assert muide_row.is_priority  # from data, before its override
        assert not compute_coverage_on(TODAY).row(("neighbourhood", muide.pk)).is_priority


def test_the_area_page_on_a_past_date_says_its_lists_are_as_registered_now_and_leaves_out_the_override(
    staff_client, city_admin, partner_org, rabot
):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 10, tzinfo=datetime.UTC), tick=False):
        factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[rabot], title="Speelpleinwerking")
        area_priority_override(
            area=rabot, override=True, motivation="Many signals.", expected_version=None, by=city_admin
        )
    url = f"/wijken/wijk/{rabot.slug}/"
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, tzinfo=datetime.UTC), tick=False):
        today = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        past = staff_client.get(url, {"date": "2026-06-01"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Override set by {city_admin}" in today
    assert "Many signals." in today
    assert "Override set by" not in past and "Many signals." not in past
    assert "Speelpleinwerking" in past
    assert "shown as they are registered now" in past
    assert "shown as they are registered now" not in today


def test_a_change_late_in_the_evening_counts_for_that_day_and_one_after_midnight_does_not(partner_org, rabot):
    brussels = zoneinfo.ZoneInfo("Europe/Brussels")
    day = datetime.date(2025, 6, 10)
    with time_machine.travel(datetime.datetime(2025, 6, 10, 23, 30, tzinfo=brussels), tick=False):
        factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[rabot], title="Avondwerking")
    # 00:30 in Brussels on the next day is still 10 June in UTC (22:30).
    with time_machine.travel(datetime.datetime(2025, 6, 11, 0, 30, tzinfo=brussels), tick=False):
        factories.offer(partner_org, functions_=("welfare",), neighbourhoods=[rabot], title="Nachtpermanentie")
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, tzinfo=datetime.UTC), tick=False):
        assert coverage_of(day, rabot).functions_present == ("leisure",)
        assert coverage_of(day + datetime.timedelta(days=1), rabot).functions_present == ("leisure", "welfare")
