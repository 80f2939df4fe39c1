"""Two people book the same slot at the same moment, on two database connections (PostgreSQL): one booking is
made, the other gets a clear conflict. The exclusion constraint also refuses an overlap written past the service."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from support import services
from support.models import Booking
from support.services import BookingConflict

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: two real connections")


def _slot():
    today = timezone.localdate()
    day = today + datetime.timedelta(days=7 - today.weekday())
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))
    return start, start + datetime.timedelta(hours=2)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_bookings_of_one_slot_make_one_booking_and_one_conflict(
    reference_data, space, small_admin, small_org, partner_admin, partner_org
):
    start, end = _slot()
    barrier = threading.Barrier(2)
    outcomes = {}

    def book(name, person, organisation):
        try:
            barrier.wait(timeout=10)
            services.booking_request(
                by=person, space=space, organisation=organisation, starts_at=start, ends_at=end, purpose=name
            )
            outcomes[name] = "booked"
        except BookingConflict as exc:
            outcomes[name] = str(exc.message)
        except Exception as exc:  # noqa: BLE001 - any other failure must show in the assertion
            outcomes[name] = repr(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=book, args=("first", small_admin, small_org)),
        threading.Thread(target=book, args=("second", partner_admin, partner_org)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()).count("booked") == 1, outcomes
    refused = [text for text in outcomes.values() if text != "booked"]
    assert len(refused) == 1 and ("already booked" in refused[0] or "just before you" in refused[0])
    assert Booking.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_an_overlap_that_skips_the_service(reference_data, space, small_org, partner_org):
    start, end = _slot()
    Booking.objects.create(space=space, organisation=small_org, starts_at=start, ends_at=end, purpose="a")
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        Booking.objects.create(
            space=space,
            organisation=partner_org,
            starts_at=start + datetime.timedelta(hours=1),
            ends_at=end + datetime.timedelta(hours=1),
            purpose="b",
        )
    Booking.objects.create(
        space=space, organisation=partner_org, starts_at=start, ends_at=end, purpose="c", status="declined"
    )
    assert Booking.objects.count() == 2
