"""Booking shared spaces: a request, the owner's answer, cancellation by either side, no double booking, weekly
series across a closing period, the week calendar (fast with 500 bookings) and its .ics export."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from charter_portal.errors import StepNotAllowed
from support import services
from support.models import AvailabilityException, Booking
from support.services import BookingConflict
from tests.support.conftest import as_user


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def next_monday():
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 - today.weekday())


def _book(by, org, space, day, start=18, end=20, **kwargs):
    return services.booking_request(
        by=by,
        space=space,
        organisation=org,
        starts_at=_at(day, start),
        ends_at=_at(day, end),
        purpose="Meeting",
        **kwargs,
    )


def test_a_partner_requests_and_the_owner_accepts(space, small_admin, small_org, partner_admin, next_monday):
    [booking] = _book(small_admin, small_org, space, next_monday)
    assert booking.status == "requested"
    client = as_user(partner_admin)
    response = client.post(f"/api/v1/space-bookings/{booking.pk}/accept/", {"version": 1}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "accepted"


def test_only_the_owner_side_answers_and_either_side_cancels(
    space, small_admin, small_org, other_admin, partner_member, next_monday
):
    [booking] = _book(small_admin, small_org, space, next_monday)
    assert as_user(small_admin).post(f"/api/v1/space-bookings/{booking.pk}/accept/").status_code == 409
    assert as_user(partner_member).post(f"/api/v1/space-bookings/{booking.pk}/accept/").status_code == 409
    assert as_user(other_admin).post(f"/api/v1/space-bookings/{booking.pk}/cancel/").status_code == 404
    cancelled = as_user(partner_member).post(f"/api/v1/space-bookings/{booking.pk}/cancel/")
    assert cancelled.json()["status"] == "cancelled"
    assert as_user(small_admin).delete(f"/api/v1/space-bookings/{booking.pk}/").status_code == 405


def test_it_refuses_a_second_booking_of_the_same_slot_with_a_clear_message(
    space, small_admin, small_org, partner_admin, partner_org, next_monday
):
    _book(small_admin, small_org, space, next_monday, 18, 20)
    with pytest.raises(BookingConflict) as refused:
        _book(partner_admin, partner_org, space, next_monday, 19, 21)
    assert "already booked" in str(refused.value.message)
    assert Booking.objects.count() == 1
    _book(partner_admin, partner_org, space, next_monday, 20, 21)  # right after: no overlap
    response = as_user(partner_admin).post(
        "/api/v1/space-bookings/",
        {
            "space": space.pk,
            "organisation": partner_org.pk,
            "starts_at": _at(next_monday, 17).isoformat(),
            "ends_at": _at(next_monday, 19).isoformat(),
            "purpose": "Clash",
        },
        format="json",
    )
    assert response.status_code == 409


def test_a_cancelled_booking_frees_its_slot(space, small_admin, small_org, partner_admin, partner_org, next_monday):
    [booking] = _book(small_admin, small_org, space, next_monday)
    services.booking_answer(booking=booking, by=small_admin, step="cancel")
    assert _book(partner_admin, partner_org, space, next_monday)


def test_a_weekly_booking_skips_a_closing_period_and_ends_at_most_a_year_ahead(
    space, small_admin, small_org, next_monday
):
    holiday = next_monday + datetime.timedelta(weeks=2)
    AvailabilityException.objects.create(
        space=space,
        starts_on=holiday - datetime.timedelta(days=2),
        ends_on=holiday + datetime.timedelta(days=5),
        reason="Holiday",
    )
    made = _book(small_admin, small_org, space, next_monday, weekly_until=next_monday + datetime.timedelta(weeks=5))
    days = [timezone.localtime(b.starts_at).date() for b in made]
    assert len(made) == 5 and holiday not in days
    assert all(timezone.localtime(b.starts_at).hour == 18 for b in made)  # across summer time too
    assert len({b.series for b in made}) == 1
    with pytest.raises(StepNotAllowed):
        _book(
            small_admin,
            small_org,
            space,
            next_monday + datetime.timedelta(days=1),
            weekly_until=timezone.localdate() + datetime.timedelta(days=400),
        )


def test_it_refuses_a_time_outside_the_weekly_slots(space, small_admin, small_org, next_monday):
    with pytest.raises(StepNotAllowed):
        _book(small_admin, small_org, space, next_monday, 6, 9)
    assert Booking.objects.count() == 0


def test_the_page_shows_the_refusal_and_saves_nothing(space, small_admin, small_org, next_monday):
    _book(small_admin, small_org, space, next_monday)
    client = as_user(small_admin)
    response = client.post(
        reverse("support:space", args=[space.pk]),
        {
            "organisation": small_org.pk,
            "day": next_monday.isoformat(),
            "starts_at": "19:00",
            "ends_at": "20:00",
            "purpose": "Again",
        },
        format="multipart",
        follow=True,
    )
    assert "already booked" in response.content.decode()
    assert Booking.objects.count() == 1


def test_the_week_calendar_and_the_ics_export(space, small_admin, small_org, partner_member, other_admin, next_monday):
    _book(small_admin, small_org, space, next_monday)
    client = as_user(partner_member)
    page = client.get(reverse("support:calendar", args=[space.pk]), {"week": next_monday.isoformat()})
    assert page.status_code == 200 and "Samen Sterk" in page.content.decode()
    ics = client.get(reverse("support:calendar_ics", args=[space.pk]))
    body = ics.content.decode()
    assert ics["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and "SUMMARY:Grote zaal: Samen Sterk" in body
    assert "STATUS:TENTATIVE" in body


def test_the_week_calendar_of_a_busy_space_renders_under_300_ms(space, small_org, partner_member, next_monday):
    start = _at(next_monday - datetime.timedelta(weeks=30), 8)
    Booking.objects.bulk_create(
        Booking(
            space=space,
            organisation=small_org,
            starts_at=start + datetime.timedelta(hours=3 * i),
            ends_at=start + datetime.timedelta(hours=3 * i + 2),
            purpose="Busy",
            status="accepted",
        )
        for i in range(500)
    )
    client = as_user(partner_member)
    url = reverse("support:calendar", args=[space.pk])
    week = (next_monday - datetime.timedelta(weeks=28)).isoformat()
    fastest, response = _fastest(client, url, {"week": week})
    assert response.status_code == 200 and response.content.count(b'class="booking ') > 20
    # The target is 300 ms. On a machine busy with other work every page is slower: then the calendar may take at
    # most three times a plain page with a form (the mentorships) measured in the same moment.
    plain, _ = _fastest(client, reverse("support:mentorships"))
    assert fastest < 0.3 or fastest < 3 * plain, (fastest, plain)


def _fastest(client, url, params=None):
    client.get(url, params)
    timings = []
    for _ in range(5):
        began = time.perf_counter()
        response = client.get(url, params)
        timings.append(time.perf_counter() - began)
    return min(timings), response


def test_the_availability_api_shows_slots_closings_and_busy_periods(space, small_admin, small_org, next_monday):
    _book(small_admin, small_org, space, next_monday)
    data = as_user(small_admin).get(f"/api/v1/spaces/{space.pk}/availability/").json()
    assert len(data["slots"]) == 7 and len(data["busy"]) == 1 and data["closed"] == []
    assert as_user(small_admin).get(f"/api/v1/spaces/{space.pk}/availability/?from=x").status_code == 400
