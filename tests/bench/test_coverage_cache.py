"""The computed coverage is kept between requests and forgotten exactly when what it reads changes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from neighbourhoods import coverage_cache
from neighbourhoods.models import Neighbourhood
from neighbourhoods.selectors import coverage_on
from offers.models import CollaborationMember, Offer
from organisations.models import Function
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 1)


@pytest.fixture
def area():
    return factories.neighbourhood(3)


def _row(area):
    return coverage_on(DAY).row(("neighbourhood", area.pk))


def test_it_answers_from_the_kept_report_without_queries_while_nothing_changes(partner_org, area):
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[area])
    first = coverage_on(DAY)
    with CaptureQueriesContext(connection) as captured:
        second = coverage_on(DAY)
    assert second is first
    assert captured.captured_queries == []  # the test cache is in memory; the database cache costs one query


def test_it_keeps_one_report_per_day(partner_org, area):
    assert coverage_on(DAY) is not coverage_on(DAY + datetime.timedelta(days=1))
    assert coverage_on(DAY) is coverage_on(DAY)


def test_it_sees_a_new_offer_and_its_functions_and_areas(partner_org, area):
    assert _row(area).functions_present == ()
    offer = factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[area])
    assert _row(area).functions_present == ("leisure",)
    offer.functions.add(Function.objects.get(code="welfare"))
    assert _row(area).functions_present == ("leisure", "welfare")
    offer.functions.remove(Function.objects.get(code="leisure"))
    assert _row(area).functions_present == ("welfare",)
    offer.neighbourhoods.clear()
    assert _row(area).functions_present == ()


def test_it_sees_an_offer_change_status_and_be_deleted(partner_org, area):
    offer = factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[area])
    assert _row(area).offer_ids == (offer.pk,)
    offer.status = Offer.Status.ARCHIVED
    offer.save()
    assert _row(area).offer_ids == ()
    offer.status = Offer.Status.PUBLISHED
    offer.save()
    assert _row(area).offer_ids == (offer.pk,)
    offer.delete()
    assert _row(area).offer_ids == ()


def test_it_sees_an_organisation_become_inactive(partner_org, area):
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[area])
    assert _row(area).functions_present == ("leisure",)
    partner_org.is_active = False
    partner_org.save()
    assert _row(area).functions_present == ()


def test_it_sees_a_collaboration_member_accept(partner_org, other_org, area):
    factories.offer(partner_org, functions_=("leisure", "welfare"), neighbourhoods=[area])
    factories.offer(other_org, functions_=("bridge", "signal"), neighbourhoods=[area])
    collaboration = factories.collaboration(partner_org, other_org, neighbourhoods=[area], status="invited")
    assert not _row(area).integral
    for member in CollaborationMember.objects.filter(collaboration=collaboration):
        member.status = CollaborationMember.Status.ACCEPTED  # members answer one by one (the service saves)
        member.save()
    assert _row(area).integral
    collaboration.neighbourhoods.remove(area)
    assert not _row(area).integral


def test_it_sees_priority_overrides_and_circle_membership(partner_org, area):
    area.priority_override = not _row(area).is_priority
    area.priority_motivation = "Decided by the city council."
    area.save()
    assert _row(area).is_priority == area.priority_override
    circle = factories.movement_circle(factories.neighbourhood(4))
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[area])
    assert coverage_on(DAY).row(("movement_circle", circle.pk)).functions_present == ()
    circle.neighbourhoods.add(area)
    assert coverage_on(DAY).row(("movement_circle", circle.pk)).functions_present == ("leisure",)


def test_it_sees_priorities_written_in_bulk_by_the_priority_service(area):
    before = _row(area).is_priority
    Neighbourhood.objects.filter(pk=area.pk).update(computed_priority=not before, priority_override=None)
    coverage_cache.invalidate()  # what neighbourhoods.services.priority_decision_apply does after its updates
    assert _row(area).is_priority is (not before)


def test_it_sees_new_areas_from_seed_scale(partner_org):
    count = len(coverage_on(DAY).results)
    from django.core.management import call_command

    call_command("seed_scale", areas=5, circles=0, stdout=None)
    assert len(coverage_on(DAY).results) == count + 5


def test_it_shares_the_forgetting_between_processes_through_the_cache(partner_org, area):
    coverage_on(DAY)
    version = coverage_cache.current_version()
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[area])
    assert coverage_cache.current_version() != version  # another process reads the new token and recomputes
