"""The demo holds a few support requests, a mentorship and bookings of a shared space (issue 23), seeded once."""

import pytest

from offers import demo as demo_offers
from support import demo as demo_support
from support.models import AvailabilityException, Booking, CollaborationRole, Mentorship, SupportOffer, SupportRequest

pytestmark = pytest.mark.django_db


def test_the_demo_holds_requests_a_mentorship_and_bookings_once():
    demo_offers.seed(lambda line: None)
    demo_support.seed(lambda line: None)
    counts = [model.objects.count() for model in (SupportRequest, Mentorship, Booking, SupportOffer)]
    demo_support.seed(lambda line: None)

    assert [model.objects.count() for model in (SupportRequest, Mentorship, Booking, SupportOffer)] == counts
    assert {r.status for r in SupportRequest.objects.all()} == {"asked", "taken_up", "done"}
    assert Mentorship.objects.get().is_agreed
    assert Booking.objects.filter(status="accepted").exists() and Booking.objects.filter(status="requested").exists()
    closed = AvailabilityException.objects.get()
    assert not any(closed.covers(b.starts_at.date()) for b in Booking.objects.all())
    assert CollaborationRole.objects.filter(role="referral").exists()
