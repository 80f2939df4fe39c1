"""The computed coverage is kept in the shared cache and found again until a write bumps one of its domains
(charter_portal/caching.py, COVERAGE_DOMAINS)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from neighbourhoods.selectors import coverage_on
from neighbourhoods.services import area_priority_override
from offers import services as offer_services
from offers.models import CollaborationMember, Offer
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    """Today, read when the test runs (not when the module is imported): coverage counts what stands now;
    an earlier day reads the change history."""
    return timezone.localdate()


@pytest.fixture
def area():
    return factories.neighbourhood(3)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write's after-commit callbacks (the bump), as the commit of a real request does."""

    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            return write()

    return run


def _row(area):
    return coverage_on(timezone.localdate()).row(("neighbourhood", area.pk))


def test_it_answers_from_the_kept_report_without_queries_while_nothing_changes(day, partner_org, area):
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[area])
    first = coverage_on(day)
    with CaptureQueriesContext(connection) as captured:
        second = coverage_on(day)
    assert second.results == first.results
    assert captured.captured_queries == []  # locmem or Redis; the database cache would cost two queries


def test_it_keeps_one_report_per_day(day, partner_org, area):
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[area])
    coverage_on(day)
    with CaptureQueriesContext(connection) as captured:
        coverage_on(day + datetime.timedelta(days=1))
    assert captured.captured_queries  # another day: computed


def test_it_sees_offers_saved_archived_and_removed_through_the_services(partner_org, area, committed):
    assert _row(area).functions_present == ()
    offer = factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[area], status="draft")
    links = {"functions": list(offer.functions.all()), "neighbourhoods": [area]}
    offer.status = Offer.Status.PUBLISHED
    committed(lambda: offer_services.offer_save(offer=offer, expected_version=offer.version, links=links))
    assert _row(area).functions_present == ("leisure",)
    committed(lambda: offer_services.offer_archive(offer=offer))
    assert _row(area).offer_ids == ()
    committed(lambda: offer_services.offer_publish(offer=Offer.objects.get(pk=offer.pk)))
    assert _row(area).offer_ids == (offer.pk,)
    committed(lambda: offer_services.offer_remove(offer=Offer.objects.get(pk=offer.pk)))
    assert _row(area).offer_ids == ()


def test_it_sees_a_collaboration_member_accept(partner_org, other_org, area, committed):
    factories.offer(partner_org, functions_=("leisure", "welfare"), neighbourhoods=[area])
    factories.offer(other_org, functions_=("bridge", "signal"), neighbourhoods=[area])
    collaboration = factories.collaboration(partner_org, other_org, neighbourhoods=[area], status="invited")
    assert not _row(area).integral
    for member in CollaborationMember.objects.filter(collaboration=collaboration):
        committed(lambda member=member: offer_services.collaboration_answer(member=member, accept=True))
    assert _row(area).integral


def test_it_sees_a_priority_override(area, committed):
    wanted = not _row(area).is_priority
    committed(
        lambda: area_priority_override(
            area=area, override=wanted, motivation="Decided by the city council.", expected_version=area.version
        )
    )
    assert _row(area).is_priority is wanted


def test_it_sees_new_areas_from_seed_scale(day, partner_org):
    count = len(coverage_on(day).results)
    from django.core.management import call_command

    call_command("seed_scale", areas=5, circles=0, stdout=None)
    assert len(coverage_on(day).results) == count + 5
