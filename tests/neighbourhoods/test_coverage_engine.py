"""The coverage rules (docs/rules.md#coverage, R2-R5) on plain data: no database."""

import datetime
import time
from decimal import Decimal

import pytest

from neighbourhoods.coverage import (
    MOVEMENT_CIRCLE,
    NEIGHBOURHOOD,
    Area,
    Collaboration,
    Offer,
    Via,
    compute_coverage,
)


@pytest.fixture(autouse=True)
def _clear_cache():
    """The engine is pure: these tests run without a database (the shared fixture clears a database cache)."""
    yield


DAY = datetime.date(2026, 6, 1)
ALL4 = frozenset({"leisure", "welfare", "bridge", "signal"})
N1 = Area(NEIGHBOURHOOD, 1, "Rabot", is_priority=True)
N2 = Area(NEIGHBOURHOOD, 2, "Muide", is_priority=False)
N3 = Area(NEIGHBOURHOOD, 3, "Dampoort", is_priority=True)


def offer(id_, org, functions, *, n=(1,), c=(), **kwargs):
    kwargs.setdefault("organisation_name", f"Org {org}")
    return Offer(
        id=id_,
        organisation_id=org,
        functions=frozenset(functions),
        neighbourhood_ids=frozenset(n),
        circle_ids=frozenset(c),
        **kwargs,
    )


def one(areas, offers, collaborations=(), day=DAY):
    results = compute_coverage(day=day, areas=list(areas), offers=list(offers), collaborations=list(collaborations))
    return {r.key: r for r in results}


def cov(offers, collaborations=(), area=N1, day=DAY):
    return one([area], offers, collaborations, day)[area.key]


def test_it_makes_one_organisation_with_all_four_functions_integral():
    result = cov([offer(1, 10, ALL4, is_warm_place=True)])
    assert result.integral
    assert result.integral_via == (Via("organisation", 10, "Org 10"),)
    assert result.gaps == ()
    assert result.meets_charter


def test_it_calls_four_functions_from_two_unrelated_organisations_not_integral():
    result = cov([offer(1, 10, {"leisure", "welfare"}, is_warm_place=True), offer(2, 11, {"bridge", "signal"})])
    assert result.functions_present == ("leisure", "welfare", "bridge", "signal")
    assert result.missing_functions == ()
    assert not result.integral
    assert result.integral_via == ()
    assert result.gaps == ("not_integral",)
    assert not result.meets_charter


def test_it_makes_the_same_offers_integral_through_an_active_collaboration_serving_the_area():
    offers = [offer(1, 10, {"leisure", "welfare"}, is_warm_place=True), offer(2, 11, {"bridge", "signal"})]
    collab = Collaboration(7, "Samen Rabot", accepted_organisation_ids=frozenset({10, 11}), neighbourhood_ids={1})
    result = cov(offers, [collab])
    assert result.integral
    assert result.integral_via == (Via("collaboration", 7, "Samen Rabot"),)
    assert result.meets_charter


def test_it_counts_a_collaboration_serving_the_area_through_a_movement_circle():
    circle = Area(MOVEMENT_CIRCLE, 50, "West", neighbourhood_ids=frozenset({1, 2}))
    offers = [offer(1, 10, {"leisure", "welfare"}, is_warm_place=True), offer(2, 11, {"bridge", "signal"})]
    collab = Collaboration(7, "Samen West", accepted_organisation_ids=frozenset({10, 11}), circle_ids={50})
    assert one([N1, circle], offers, [collab])[N1.key].integral


def test_it_ignores_an_expired_or_not_yet_started_collaboration():
    offers = [offer(1, 10, {"leisure", "welfare"}), offer(2, 11, {"bridge", "signal"})]
    expired = Collaboration(7, "Old", ends_on=DAY - datetime.timedelta(days=1), accepted_organisation_ids={10, 11})
    future = Collaboration(8, "New", starts_on=DAY + datetime.timedelta(days=1), accepted_organisation_ids={10, 11})
    expired = Collaboration(**{**expired.__dict__, "neighbourhood_ids": frozenset({1})})
    future = Collaboration(**{**future.__dict__, "neighbourhood_ids": frozenset({1})})
    result = cov(offers, [expired, future])
    assert not result.integral
    assert "not_integral" in result.gaps


def test_it_ignores_a_collaboration_that_does_not_serve_the_area():
    offers = [offer(1, 10, {"leisure", "welfare"}), offer(2, 11, {"bridge", "signal"})]
    elsewhere = Collaboration(7, "Elsewhere", accepted_organisation_ids=frozenset({10, 11}), neighbourhood_ids={2})
    assert not cov(offers, [elsewhere]).integral


def test_it_only_counts_accepted_members_of_a_collaboration():
    offers = [offer(1, 10, {"leisure", "welfare"}), offer(2, 11, {"bridge", "signal"})]
    # Organisation 11 was only invited: it is not among the accepted members.
    collab = Collaboration(7, "Half", accepted_organisation_ids=frozenset({10}), neighbourhood_ids={1})
    assert not cov(offers, [collab]).integral


def test_it_does_not_count_a_member_offer_elsewhere_for_the_collaboration():
    offers = [offer(1, 10, {"leisure", "welfare"}), offer(2, 11, {"bridge", "signal"}, n=(2,))]
    collab = Collaboration(7, "Both", accepted_organisation_ids=frozenset({10, 11}), neighbourhood_ids={1, 2})
    result = cov(offers, [collab])
    assert not result.integral
    assert result.missing_functions == ("bridge", "signal")


def test_it_ignores_an_expired_offer_and_one_not_started_yet():
    expired = offer(1, 10, ALL4, ends_on=DAY - datetime.timedelta(days=1), is_warm_place=True)
    future = offer(2, 11, ALL4, starts_on=DAY + datetime.timedelta(days=1), is_warm_place=True)
    result = cov([expired, future])
    assert result.functions_present == ()
    assert result.gaps == (
        "missing_function:leisure",
        "missing_function:welfare",
        "missing_function:bridge",
        "missing_function:signal",
        "no_warm_place",
    )


def test_it_counts_an_offer_on_its_first_and_last_day():
    assert cov([offer(1, 10, ALL4, starts_on=DAY, ends_on=DAY)]).integral


def test_it_ignores_a_draft_or_archived_offer():
    assert cov([offer(1, 10, ALL4, status="draft"), offer(2, 10, ALL4, status="archived")]).functions_present == ()


def test_it_ignores_offers_of_an_inactive_organisation():
    result = cov([offer(1, 10, ALL4, organisation_active=False, is_warm_place=True)])
    assert result.functions_present == ()
    assert not result.warm_place


def test_it_counts_an_offer_in_a_movement_circle_in_each_of_its_neighbourhoods():
    circle = Area(MOVEMENT_CIRCLE, 50, "Noord", neighbourhood_ids=frozenset({1, 2}))
    results = one([N1, N2, N3, circle], [offer(1, 10, {"leisure"}, n=(), c=(50,), weekly_hours=Decimal("4"))])
    assert results[N1.key].functions_present == ("leisure",)
    assert results[N2.key].functions_present == ("leisure",)
    assert results[N3.key].functions_present == ()
    assert results[circle.key].functions_present == ("leisure",)


def test_it_counts_for_a_circle_every_offer_of_its_neighbourhoods_and_those_linked_to_it():
    circle = Area(MOVEMENT_CIRCLE, 50, "Noord", is_priority=True, neighbourhood_ids=frozenset({1, 2}))
    other_circle = Area(MOVEMENT_CIRCLE, 51, "Oost", neighbourhood_ids=frozenset({2, 3}))
    offers = [
        offer(1, 10, {"leisure"}, n=(1,), weekly_hours=Decimal("3")),
        offer(2, 10, {"welfare"}, n=(2,)),
        offer(3, 10, {"bridge"}, n=(), c=(50,)),
        offer(4, 10, {"signal"}, n=(), c=(51,), is_warm_place=True),  # serves neighbourhood 2, so the circle too
        offer(5, 11, {"leisure"}, n=(3,), weekly_hours=Decimal("9")),  # not in the circle
    ]
    result = one([N1, N2, N3, circle, other_circle], offers)[circle.key]
    assert result.functions_present == ("leisure", "welfare", "bridge", "signal")
    assert result.integral_via == (Via("organisation", 10, "Org 10"),)
    assert result.leisure_hours_per_week == Decimal("3")
    assert result.offer_ids == (1, 2, 3, 4)
    assert result.meets_charter


def test_it_depends_on_the_date():
    offers = [offer(1, 10, ALL4, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31))]
    assert cov(offers, day=datetime.date(2026, 6, 1)).integral
    assert not cov(offers, day=datetime.date(2025, 12, 31)).integral
    assert not cov(offers, day=datetime.date(2027, 1, 1)).integral


def test_it_requires_a_warm_place_in_a_priority_area():
    without = cov([offer(1, 10, ALL4)])
    assert without.integral
    assert not without.warm_place
    assert without.gaps == ("no_warm_place",)
    with_place = cov([offer(1, 10, ALL4), offer(2, 11, {"leisure"}, is_warm_place=True)])
    assert with_place.warm_place
    assert with_place.meets_charter


def test_it_sums_the_weekly_hours_of_leisure_offers_only():
    offers = [
        offer(1, 10, {"leisure"}, weekly_hours=Decimal("4.5")),
        offer(2, 11, {"leisure", "welfare"}, weekly_hours=Decimal("2")),
        offer(3, 12, {"welfare"}, weekly_hours=Decimal("10")),
        offer(4, 13, {"leisure"}, weekly_hours=Decimal("8"), status="draft"),
    ]
    assert cov(offers).leisure_hours_per_week == Decimal("6.5")


def test_it_asks_only_a_leisure_offer_in_a_non_priority_area():
    assert cov([], area=N2).gaps == ("no_base_offer",)
    assert cov([offer(1, 10, {"welfare"}, n=(2,))], area=N2).gaps == ("no_base_offer",)
    result = cov([offer(1, 10, {"leisure"}, n=(2,))], area=N2)
    assert result.gaps == ()
    assert result.meets_charter
    assert not result.integral
    assert result.missing_functions == ("welfare", "bridge", "signal")


def test_it_lists_gaps_in_the_fixed_order():
    result = cov([offer(1, 10, {"signal", "welfare"})])
    assert result.missing_functions == ("leisure", "bridge")
    assert result.gaps == ("missing_function:leisure", "missing_function:bridge", "no_warm_place")
    assert cov([offer(1, 10, {"leisure", "welfare"}), offer(2, 11, {"bridge", "signal"})]).gaps == (
        "not_integral",
        "no_warm_place",
    )


def test_it_names_every_organisation_and_collaboration_that_makes_it_integral():
    offers = [
        offer(1, 10, ALL4, organisation_name="Zeta"),
        offer(2, 11, ALL4, organisation_name="Alfa"),
        offer(3, 12, {"leisure"}, organisation_name="Beta"),
    ]
    collab = Collaboration(7, "Samen", accepted_organisation_ids=frozenset({12, 10}), neighbourhood_ids={1})
    assert cov(offers, [collab]).integral_via == (
        Via("organisation", 11, "Alfa"),
        Via("organisation", 10, "Zeta"),
        Via("collaboration", 7, "Samen"),
    )


def test_it_stays_fast_with_20000_areas_and_100000_offers():
    areas = [Area(NEIGHBOURHOOD, i, f"N{i}", is_priority=i % 3 == 0) for i in range(20000)]
    areas += [Area(MOVEMENT_CIRCLE, i, f"C{i}", neighbourhood_ids=frozenset({i, i + 1, i + 2})) for i in range(0, 2000)]
    codes = ["leisure", "welfare", "bridge", "signal"]
    offers = [
        offer(i, i % 5000, {codes[i % 4]}, n=(i % 20000,), c=((i % 2000,) if i % 10 == 0 else ()), weekly_hours=2)
        for i in range(100000)
    ]
    collaborations = [
        Collaboration(i, f"K{i}", accepted_organisation_ids=frozenset({i, i + 1}), neighbourhood_ids={i, i + 7})
        for i in range(2000)
    ]
    # CPU time, not wall time: the limit is about the algorithm, not about how busy the test machine is.
    start = time.process_time()
    results = compute_coverage(day=DAY, areas=areas, offers=offers, collaborations=collaborations)
    assert time.process_time() - start < 2
    assert len(results) == 22000
