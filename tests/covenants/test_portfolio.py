"""The covenant portfolio for city staff: reports late or waiting, indicators off target, overdue actions and the
budget per year across all covenants, filtered, in a constant number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from covenants import portfolio, services
from covenants.models import Covenant
from tests.covenants.conftest import agree, fill_draft, make_covenant, qualitative, quantitative

pytestmark = pytest.mark.django_db

URL = reverse("covenants:portfolio")


def _agreed(city_org, partner, city_staff, partner_admin, *, starts_on=date(2024, 1, 1), ends_on=date(2025, 12, 31)):
    covenant = make_covenant(city_org, partner, by=city_staff, starts_on=starts_on, ends_on=ends_on)
    years = range(starts_on.year, ends_on.year + 1)
    fill_draft(
        covenant.versions.get(number=1),
        budget={y: Decimal("10000") for y in years},
        indicators=[quantitative(targets={y: Decimal(120) for y in years}), qualitative()],
    )
    agree(covenant, city_staff, partner_admin)
    return covenant


def _report(covenant, year, by, actual):
    report = services.report_start(period=covenant.periods.get(starts_on=date(year, 1, 1)), by=by)
    values = {
        v.indicator_id: (Decimal(actual) if v.indicator.is_quantitative else None, "A story.")
        for v in report.values.select_related("indicator")
    }
    services.report_save(report=report, expected_version=None, values=values)
    services.report_submit(report=report, by=by)
    return report


def _build(**kwargs):
    return portfolio.build(Covenant.objects.for_list(), today=date(2026, 6, 1), **kwargs)


def test_it_finds_late_and_waiting_reports_off_target_indicators_and_overdue_actions(
    city_org, partner_org, city_staff, partner_admin, partner_member
):
    covenant = _agreed(city_org, partner_org, city_staff, partner_admin)
    _report(covenant, 2024, partner_member, actual="100")  # submitted, waiting for review; 100 < 120: off target
    # 2025's report is missing: late, and both indicators are flagged for 2025.
    services.meeting_record(
        covenant=covenant,
        by=city_staff,
        held_on=date(2025, 3, 1),
        participants=[city_org, partner_org],
        notes="",
        actions=[services.ActionData("Share the schedule", "partner", date(2025, 4, 1))],
    )
    overview = _build()
    assert [(i.period.starts_on.year, i.state) for i in overview.late_or_waiting] == [(2025, "late"), (2024, "waiting")]
    off = [(o.indicator.kind, o.year, o.actual, o.missing_report) for o in overview.off_target]
    assert ("quantitative", 2024, Decimal("100.00"), False) in off
    assert ("quantitative", 2025, None, True) in off and ("qualitative", 2025, None, True) in off
    assert ("qualitative", 2024, None, True) not in off  # reported: not flagged
    assert [a.description for a in overview.overdue_actions] == ["Share the schedule"]
    assert overview.budget_per_year == [(2024, Decimal("10000.00")), (2025, Decimal("10000.00"))]


def test_an_indicator_on_target_is_not_listed_and_lower_is_better_counts_the_other_way(
    city_org, partner_org, city_staff, partner_admin, partner_member
):
    covenant = _agreed(city_org, partner_org, city_staff, partner_admin, ends_on=date(2024, 12, 31))
    _report(covenant, 2024, partner_member, actual="130")
    assert _build().off_target == []


def test_the_budget_sums_over_covenants_and_follows_the_year_filter(
    city_org, partner_org, other_org, city_staff, partner_admin, other_admin
):
    _agreed(city_org, partner_org, city_staff, partner_admin)
    _agreed(city_org, other_org, city_staff, other_admin)
    make_covenant(city_org, partner_org)  # not agreed: its budget does not count
    assert _build().budget_per_year == [(2024, Decimal("20000.00")), (2025, Decimal("20000.00"))]
    assert _build(year=2025).budget_per_year == [(2025, Decimal("20000.00"))]


def test_the_page_filters_by_service_partner_status_and_year(
    city_org, partner_org, other_org, city_staff, partner_admin, other_admin, staff_client
):
    mine = _agreed(city_org, partner_org, city_staff, partner_admin)
    theirs = _agreed(
        city_org, other_org, city_staff, other_admin, starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )
    rows = lambda **q: [r.covenant.pk for r in staff_client.get(URL, q).context["overview"].rows]  # noqa: E731
    assert set(rows()) == {mine.pk, theirs.pk}
    assert rows(partner="Brug") == [mine.pk]
    assert rows(year="2027") == [theirs.pk]
    assert rows(status="agreed") == [theirs.pk]
    assert rows(service=str(city_org.pk + 1000)) == []


def test_only_city_staff_see_the_portfolio(member_client, admin_client_, staff_client, client):
    assert member_client.get(URL).status_code == 403
    assert admin_client_.get(URL).status_code == 403
    assert staff_client.get(URL).status_code == 200
    assert client.get(URL).status_code == 302


def test_it_keeps_a_constant_number_of_queries(
    city_org,
    partner_org,
    other_org,
    city_staff,
    partner_admin,
    other_admin,
    partner_member,
    staff_client,
    django_assert_num_queries,
    rendered_afresh,
):
    covenant = _agreed(city_org, partner_org, city_staff, partner_admin)
    _report(covenant, 2024, partner_member, actual="100")
    staff_client.get(URL)  # the first request after logging in renews the session
    rendered_afresh()
    with django_assert_num_queries(14) as one:
        staff_client.get(URL)
    for _ in range(6):
        more = _agreed(city_org, other_org, city_staff, other_admin)
        services.meeting_record(
            covenant=more,
            by=city_staff,
            held_on=date(2025, 3, 1),
            participants=[city_org],
            notes="",
            actions=[services.ActionData("Visit", "city", date(2025, 4, 1))],
        )
    rendered_afresh()
    with django_assert_num_queries(len(one.captured_queries)):
        response = staff_client.get(URL)
    assert len(response.context["overview"].rows) == 7
    assert len(response.context["overview"].overdue_actions) == 6
