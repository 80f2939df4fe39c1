"""The support API lists read a page of 1 or 50 rows in the same number of queries; the catalogue's DELETE
archives; requests, mentorships and bookings are never deleted (405)."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organisations.models import Sector
from support.models import Booking, Mentorship, SupportOffer, SupportRequest
from tests import factories
from tests.support.conftest import as_user

_n = itertools.count()


def _requests(ctx, n):
    SupportRequest.objects.bulk_create(
        SupportRequest(organisation=ctx["small_org"], kind="funding", needs="x", answer_due_on=datetime.date.today())
        for _ in range(n)
    )


def _offers(ctx, n):
    for _ in range(n):
        SupportOffer.objects.create(
            organisation=factories.organisation(), kind="space", description="d", for_whom="f", how_to_ask="h"
        )


def _mentorships(ctx, n):
    today = datetime.date.today()
    for _ in range(n):
        Mentorship.objects.create(
            mentee=ctx["small_org"], mentor=factories.organisation(), starts_on=today, ends_on=today
        )


def _bookings(ctx, n):
    start = timezone.now() + datetime.timedelta(days=1)
    Booking.objects.bulk_create(
        Booking(
            space=ctx["space"],
            organisation=ctx["small_org"],
            starts_at=start + datetime.timedelta(hours=2 * next(_n)),
            ends_at=start + datetime.timedelta(hours=2 * next(_n) + 1),
            purpose="p",
        )
        for _ in range(n)
    )


LISTS = {
    "support-requests": _requests,
    "support-offers": _offers,
    "mentorships": _mentorships,
    "space-bookings": _bookings,
}


def _count(client, path) -> int:
    client.get(path)  # the session's first request reads more (login bookkeeping)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.usefixtures("nothing_kept")
@pytest.mark.parametrize("name", sorted(LISTS))
def test_it_reads_1_or_50_rows_in_the_same_number_of_queries(name, small_org, small_admin, space):
    ctx = {"small_org": small_org, "space": space}
    client = as_user(small_admin)
    path = f"/api/v1/{name}/"
    LISTS[name](ctx, 1)
    one = _count(client, path)
    LISTS[name](ctx, 49)
    assert client.get(path).json()["count"] >= 50
    assert _count(client, path) == one


def test_the_request_list_page_reads_in_a_constant_number_of_queries(small_org, small_admin):
    from django.urls import reverse

    client = as_user(small_admin)
    _requests({"small_org": small_org}, 1)
    one = _count(client, reverse("support:requests"))
    _requests({"small_org": small_org}, 49)
    assert _count(client, reverse("support:requests")) == one


def test_delete_archives_a_catalogue_line_and_is_refused_elsewhere(
    supporter_admin, supporter_org, small_admin, small_org
):
    line = SupportOffer.objects.get(organisation=supporter_org)
    assert as_user(small_admin).delete(f"/api/v1/support-offers/{line.pk}/").status_code == 403
    assert as_user(supporter_admin).delete(f"/api/v1/support-offers/{line.pk}/").status_code == 204
    line.refresh_from_db()
    assert line.is_active is False
    request = SupportRequest.objects.create(
        organisation=small_org, kind="funding", needs="x", answer_due_on=datetime.date.today()
    )
    assert as_user(small_admin).delete(f"/api/v1/support-requests/{request.pk}/").status_code == 405


def test_the_catalogue_needs_the_version_to_change_a_line(supporter_admin, supporter_org):
    line = SupportOffer.objects.get(organisation=supporter_org)
    client = as_user(supporter_admin)
    assert client.patch(f"/api/v1/support-offers/{line.pk}/", {"for_whom": "All"}, format="json").status_code == 428
    assert (
        client.patch(f"/api/v1/support-offers/{line.pk}/", {"for_whom": "All", "version": 1}, format="json").status_code
        == 200
    )
    assert (
        client.patch(
            f"/api/v1/support-offers/{line.pk}/", {"for_whom": "Some", "version": 1}, format="json"
        ).status_code
        == 409
    )


def _spaces(ctx, n):
    from offers.models import SharedSpace
    from support.models import AvailabilitySlot, SpaceConditions

    for i in range(n):
        space = SharedSpace.objects.create(
            organisation=ctx["small_org"],
            name=f"Hall {next(_n)}",
            neighbourhood=factories.neighbourhood(3),
            address="Street 1",
            availability="Evenings",
            contact="info@example.org",
        )
        SpaceConditions.objects.create(space=space, is_public=True)
        AvailabilitySlot.objects.create(space=space, weekday=i % 7, starts_at="09:00", ends_at="12:00")


def _collaborations(ctx, n):
    from support.models import CollaborationRole

    for _ in range(n):
        collaboration = factories.collaboration(ctx["small_org"], factories.organisation())
        role = CollaborationRole.objects.create(collaboration=collaboration, organisation=ctx["small_org"])
        role.sectors.set(Sector.objects.filter(code="work"))


PAGES = {
    "support:spaces": _spaces,
    "support:public_spaces": _spaces,
    "support:catalogue": _offers,
    "support:mentorships": _mentorships,
    "support:collaborations": _collaborations,
}


@pytest.mark.usefixtures("nothing_kept")
@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_list_page_reads_in_a_constant_number_of_queries(name, small_org, small_admin):
    from django.urls import reverse

    client = as_user(small_admin)
    ctx = {"small_org": small_org}
    PAGES[name](ctx, 1)
    one = _count(client, reverse(name))
    PAGES[name](ctx, 49)
    assert _count(client, reverse(name)) == one
