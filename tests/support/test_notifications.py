"""Who hears about support: a new request reaches the coordinators and the catalogue organisations, a booking
request the owner's admins, a cancellation both sides; open requests and bookings to answer are to-do items."""

import datetime

from django.utils import timezone

from charter_portal.permissions import actor_for
from notifications.models import Notification
from notifications.todo import todo_for
from support import services


def _kinds(user) -> set:
    return set(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_request_notifies_the_coordinators_and_the_catalogue_and_is_a_to_do(
    small_admin, small_org, supporter_admin, coordinator, partner_admin
):
    request = services.support_request_create(by=small_admin, organisation=small_org, kind="funding", needs="x")
    assert "support.asked" in _kinds(supporter_admin) and "support.asked" in _kinds(coordinator)
    assert _kinds(partner_admin) == set()
    assert [item.object_id for item in todo_for(actor_for(supporter_admin)) if item.kind == "support.take_up"] == [
        request.pk
    ]
    services.support_request_step(request=request, by=supporter_admin, name="take_up")
    assert "support.take_up" in _kinds(small_admin)
    assert not [item for item in todo_for(actor_for(supporter_admin)) if item.kind == "support.take_up"]


def test_a_booking_request_reaches_the_owner_and_a_cancellation_both_sides(
    space, small_admin, small_org, partner_admin, partner_member
):
    today = timezone.localdate()
    day = today + datetime.timedelta(days=7 - today.weekday())
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))
    [booking] = services.booking_request(
        by=small_admin,
        space=space,
        organisation=small_org,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        purpose="Meeting",
    )
    assert "support.booking_requested" in _kinds(partner_admin)
    assert [i.kind for i in todo_for(actor_for(partner_admin)) if i.kind == "support.booking_answer"]
    services.booking_answer(booking=booking, by=small_admin, step="cancel")
    assert "support.booking_cancel" in _kinds(partner_member) and "support.booking_cancel" in _kinds(partner_admin)
