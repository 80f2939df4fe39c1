"""Coverage review fixes (issue 21, item 4): circles name their failing neighbourhoods, the city's thresholds of what
counts, the "no warm place" filter, the map's names, and an area page whose offers say why they count and which
lists the open signals about the area."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from neighbourhoods import coverage
from neighbourhoods.coverage import Area, CountingRules, Offer, compute_coverage
from neighbourhoods.models import CoverageThresholds
from neighbourhoods.services import coverage_thresholds_set
from signals import services as signal_services
from signals.models import Status
from tests import factories

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 1)
REVIEW = "/wijken/"


# --- the engine under the city's thresholds ------------------------------------------------------------------


def _area(is_priority=False):
    return Area(coverage.NEIGHBOURHOOD, 1, "Rabot", is_priority)


def _offer(pk=1, **kwargs):
    kwargs.setdefault("functions", frozenset({"leisure"}))
    return Offer(id=pk, organisation_id=1, neighbourhood_ids=frozenset({1}), **kwargs)


def test_it_changes_nothing_without_thresholds():
    short = _offer(starts_on=DAY, ends_on=DAY, is_warm_place=True, weekly_hours=Decimal(1))
    (result,) = compute_coverage(day=DAY, areas=[_area()], offers=[short], collaborations=[])
    assert result.meets_charter and result.warm_place


def test_it_counts_a_warm_place_only_from_the_minimum_hours():
    rules = CountingRules(warm_place_min_hours=Decimal(4))
    few = _offer(1, is_warm_place=True, weekly_hours=Decimal("3.5"))
    (result,) = compute_coverage(day=DAY, areas=[_area(True)], offers=[few], collaborations=[], rules=rules)
    assert not result.warm_place
    assert coverage.GAP_NO_WARM_PLACE in result.gaps
    enough = _offer(2, is_warm_place=True, weekly_hours=Decimal(4))
    (result,) = compute_coverage(day=DAY, areas=[_area(True)], offers=[few, enough], collaborations=[], rules=rules)
    assert result.warm_place


def test_it_counts_the_base_offer_only_from_the_minimum_weeks():
    rules = CountingRules(base_offer_min_weeks=4)
    three_weeks = _offer(1, starts_on=DAY - datetime.timedelta(days=10), ends_on=DAY + datetime.timedelta(days=10))
    (result,) = compute_coverage(day=DAY, areas=[_area()], offers=[three_weeks], collaborations=[], rules=rules)
    assert result.gaps == (coverage.GAP_BASE_OFFER_TOO_SHORT,)
    assert result.has("leisure")  # the function is there; it is not the base offer
    four_weeks = _offer(2, starts_on=DAY - datetime.timedelta(days=13), ends_on=DAY + datetime.timedelta(days=14))
    (result,) = compute_coverage(day=DAY, areas=[_area()], offers=[four_weeks], collaborations=[], rules=rules)
    assert result.meets_charter
    open_ended = _offer(3, starts_on=DAY)
    (result,) = compute_coverage(day=DAY, areas=[_area()], offers=[open_ended], collaborations=[], rules=rules)
    assert result.meets_charter


# --- setting the thresholds ----------------------------------------------------------------------------------


@time_machine.travel(datetime.datetime(2026, 6, 1, 10, 0), tick=False)
def test_a_city_admin_sets_the_thresholds_and_the_review_counts_with_them(
    city_admin_client, city_admin, partner_org, rabot
):
    factories.offer(partner_org, neighbourhoods=[rabot], is_warm_place=True, weekly_hours=2, title="Kort open")
    body = city_admin_client.get(REVIEW).content.decode()
    assert "no minimums set" in body
    response = city_admin_client.post("/wijken/drempels/", {"warm_place_min_hours": "3", "base_offer_min_weeks": "6"})
    assert response.status_code == 302
    setting = CoverageThresholds.objects.get()
    assert (setting.warm_place_min_hours, setting.base_offer_min_weeks, setting.set_by) == (3, 6, city_admin)
    body = city_admin_client.get(REVIEW, {"area_type": "neighbourhood", "no_warm_place": "on"}).content.decode()
    assert "a warm place is open at least 3 hours a week" in body
    assert "a base offer runs at least 6 weeks" in body
    assert "Rabot - Blaisantvest</a>" in body  # its warm place is open 2 hours: it no longer counts
    page = city_admin_client.get("/wijken/drempels/").content.decode()
    assert city_admin.email in page or city_admin.get_full_name() in page


def test_each_change_of_the_thresholds_is_kept_with_who_and_when(city_admin):
    first = coverage_thresholds_set(warm_place_min_hours=Decimal(2), base_offer_min_weeks=0, by=city_admin)
    second = coverage_thresholds_set(warm_place_min_hours=Decimal(4), base_offer_min_weeks=8, by=city_admin)
    assert CoverageThresholds.objects.count() == 2
    assert CoverageThresholds.objects.current() == second != first


@pytest.mark.parametrize(
    "data",
    [
        {"warm_place_min_hours": "-1", "base_offer_min_weeks": "0"},
        {"warm_place_min_hours": "200", "base_offer_min_weeks": "0"},
        {"warm_place_min_hours": "2", "base_offer_min_weeks": "-3"},
        {"warm_place_min_hours": "veel", "base_offer_min_weeks": "2"},
        {"warm_place_min_hours": "", "base_offer_min_weeks": ""},
    ],
)
def test_it_refuses_bad_thresholds_and_changes_nothing(city_admin_client, data):
    response = city_admin_client.post("/wijken/drempels/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not CoverageThresholds.objects.exists()


def test_only_city_admins_set_the_thresholds(staff_client, member_client):
    for client in (staff_client, member_client):
        assert client.get("/wijken/drempels/").status_code == 403
        data = {"warm_place_min_hours": "3", "base_offer_min_weeks": "6"}
        assert client.post("/wijken/drempels/", data).status_code == 403
    assert not CoverageThresholds.objects.exists()


# --- the review ------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("without_outlines")
def test_a_circle_that_meets_the_charter_names_its_neighbourhoods_that_do_not(staff_client, partner_org, rabot, muide):
    circle = factories.movement_circle(rabot, muide, name="Noord")
    factories.offer(partner_org, neighbourhoods=[rabot])  # Rabot has leisure, Muide has nothing of its own
    factories.offer(partner_org, movement_circles=[circle])  # ...except through the circle: leisure in both
    factories.offer(partner_org, neighbourhoods=[rabot], title="Alleen Rabot")
    body = staff_client.get(REVIEW, {"area_type": "movement_circle"}).content.decode()
    assert "these neighbourhoods in it do not" not in body  # both meet the base offer through the circle
    muide.computed_priority = True
    muide.save()
    from charter_portal import caching

    caching.bump("neighbourhoods")
    body = staff_client.get(REVIEW, {"area_type": "movement_circle"}).content.decode()
    assert "As a whole; these neighbourhoods in it do not:" in body
    assert f'href="/wijken/wijk/{muide.slug}/' in body
    detail = staff_client.get(f"/wijken/beweegcirkel/{circle.slug}/").content.decode()
    assert "The circle as a whole meets the charter, but these neighbourhoods in it do not:" in detail
    assert "Muide - Meulestede - Afrikalaan</a>: The leisure function is missing" not in detail  # it has leisure
    assert "The welfare function is missing" in detail


@pytest.mark.usefixtures("without_outlines")
def test_it_filters_the_areas_without_a_warm_place(staff_client, covered_world, rabot):
    body = staff_client.get(REVIEW, {"no_warm_place": "on", "area_type": "neighbourhood"}).content.decode()
    assert "Rabot - Blaisantvest</a>" not in body  # Open huis Rabot is a warm place
    assert "Muide - Meulestede - Afrikalaan</a>" in body
    assert "24 areas" in body


def test_the_map_has_a_numbered_key_with_names_and_a_name_for_the_pointer(staff_client, rabot):
    body = staff_client.get(REVIEW).content.decode()  # the migrations load Ghent's outlines
    assert "Numbers on the map" in body
    assert f">{rabot.number}. {rabot.name}</a>" in body
    assert f'data-name="{rabot.number}. {rabot.name}"' in body
    assert 'class="map-name"' in body
    assert "js/coverage-map" in body


# --- the area page -----------------------------------------------------------------------------------------------


def test_the_area_page_links_each_offer_with_the_reason_it_counts(staff_client, partner_org, rabot, muide):
    circle = factories.movement_circle(rabot, muide, name="Beweegcirkel Noord")
    direct = factories.offer(partner_org, neighbourhoods=[rabot], title="Open huis")
    through = factories.offer(partner_org, movement_circles=[circle], title="Straathoekwerk")
    body = staff_client.get(f"/wijken/wijk/{rabot.slug}/").content.decode()
    assert f'<a href="{direct.get_absolute_url()}">Open huis</a>' in body
    assert f'<a href="{through.get_absolute_url()}">Straathoekwerk</a>' in body
    assert "linked to this neighbourhood" in body
    assert f'<a href="/wijken/beweegcirkel/{circle.slug}/">through movement circle Beweegcirkel Noord</a>' in body
    body = staff_client.get(f"/wijken/beweegcirkel/{circle.slug}/").content.decode()
    assert "linked to this movement circle" in body
    assert f'<a href="/wijken/wijk/{rabot.slug}/">through neighbourhood {rabot.name}</a>' in body


def test_the_area_page_lists_the_open_signals_about_the_area(staff_client, partner_org, partner_member, rabot, muide):
    circle = factories.movement_circle(rabot, muide, name="Noord")

    def report(title, **kwargs):
        return signal_services.signal_report(
            by=partner_member,
            organisation=partner_org,
            title=title,
            description="Children stay away after dark.",
            themes=["public_space"],
            children_affected="21-50",
            **kwargs,
        )

    about_rabot = report("Plein onverlicht", neighbourhoods=[rabot])
    about_circle = report("Te weinig speelruimte", movement_circles=[circle])
    report("Over Muide", neighbourhoods=[muide])
    report("Overal", city_wide=True)
    closed = report("Opgelost", neighbourhoods=[rabot])
    closed.status = Status.CLOSED
    closed.save()
    body = staff_client.get(f"/wijken/wijk/{rabot.slug}/").content.decode()
    assert "Open signals about this area" in body
    assert f'href="/signalen/{about_rabot.pk}/"' in body
    assert f'href="/signalen/{about_circle.pk}/"' in body  # through the circle Rabot lies in
    assert "Over Muide" not in body
    assert "Overal" not in body
    assert "Opgelost" not in body
    body = staff_client.get(f"/wijken/beweegcirkel/{circle.slug}/").content.decode()
    assert "Over Muide" in body and "Plein onverlicht" in body


def test_the_area_page_says_when_no_signal_is_open(staff_client, rabot):
    assert "No open signal names this area." in staff_client.get(f"/wijken/wijk/{rabot.slug}/").content.decode()
