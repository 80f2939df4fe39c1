"""The engine fed from the database: the same rules, and a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from charter_portal import caching
from neighbourhoods.selectors import coverage_on
from offers.models import CollaborationMember, Offer
from tests import factories
from tests.neighbourhoods.conftest import add_neighbourhoods

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    """Today, read when the test runs (not when the module is imported): coverage counts what stands now;
    an earlier day reads the change history."""
    return timezone.localdate()


def by_key(report):
    return {r.key: r for r in report.results}


def test_it_reads_integral_through_an_accepted_collaboration(day, covered_world, rabot, muide):
    results = by_key(coverage_on(day))
    assert results[("neighbourhood", rabot.pk)].integral
    assert [v.name for v in results[("neighbourhood", rabot.pk)].integral_via] == ["Samen Rabot"]
    assert results[("neighbourhood", rabot.pk)].meets_charter
    assert results[("neighbourhood", muide.pk)].gaps == ("no_base_offer",)


def test_it_is_not_integral_when_a_member_only_was_invited(day, covered_world, rabot, other_org):
    CollaborationMember.objects.filter(organisation=other_org).update(status="invited")
    assert by_key(coverage_on(day))[("neighbourhood", rabot.pk)].gaps == ("not_integral",)


def test_it_ignores_drafts_inactive_organisations_and_expired_collaborations(day, covered_world, rabot, other_org):
    covered_world["collaboration"].ends_on = day - datetime.timedelta(days=1)
    covered_world["collaboration"].save()
    assert by_key(coverage_on(day))[("neighbourhood", rabot.pk)].gaps == ("not_integral",)
    Offer.objects.filter(title="Brug naar school").update(status="draft")
    caching.bump("offers")  # a write outside the services bumps its domain itself
    assert by_key(coverage_on(day))[("neighbourhood", rabot.pk)].missing_functions == ("bridge", "signal")
    Offer.objects.filter(title="Brug naar school").update(status="published")
    caching.bump("offers")
    other_org.is_active = False
    other_org.save()
    assert by_key(coverage_on(day))[("neighbourhood", rabot.pk)].missing_functions == ("bridge", "signal")


def test_it_counts_a_movement_circle_offer_in_each_neighbourhood(day, partner_org, rabot, muide):
    circle = factories.movement_circle(rabot, muide)
    factories.offer(partner_org, functions_=("leisure",), movement_circles=[circle], weekly_hours=3)
    results = by_key(coverage_on(day))
    assert results[("neighbourhood", rabot.pk)].leisure_hours_per_week == 3
    assert results[("neighbourhood", muide.pk)].leisure_hours_per_week == 3
    assert results[("movement_circle", circle.pk)].functions_present == ("leisure",)
    assert results[("neighbourhood", factories.neighbourhood(1).pk)].functions_present == ()


def test_it_uses_the_same_number_of_queries_for_25_and_500_areas(day, partner_org, rabot):
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[rabot])
    with CaptureQueriesContext(connection) as small:
        coverage_on(day)
    extra = add_neighbourhoods(475)
    circle = factories.movement_circle(*extra[:10])
    for area in extra[:40]:
        factories.offer(
            partner_org, functions_=("leisure", "welfare"), neighbourhoods=[area], movement_circles=[circle]
        )
    factories.collaboration(partner_org, neighbourhoods=extra[:5])
    with CaptureQueriesContext(connection) as large:
        report = coverage_on(day)
    assert len(report.results) == 501
    assert len(small.captured_queries) == len(large.captured_queries) == 11
