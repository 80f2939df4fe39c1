"""The support app's part of the permission matrix's world (tests/security/conftest.py): its objects belong to
the persona partner organisation, which is marked volunteer-run; the other organisation takes part in none."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from support.models import (
    AvailabilitySlot,
    Booking,
    CollaborationRole,
    Mentorship,
    SmallOrganisation,
    SpaceConditions,
    SupportOffer,
    SupportRequest,
)
from tests import factories


def support_world(partner_org, space, collaboration) -> SimpleNamespace:
    SmallOrganisation.objects.create(organisation=partner_org)
    mentor = factories.organisation(name="Mentor Vzw")
    SpaceConditions.objects.create(space=space, is_public=True)
    AvailabilitySlot.objects.create(space=space, weekday=0, starts_at=datetime.time(9), ends_at=datetime.time(22))
    start = timezone.now() + datetime.timedelta(days=3)
    today = timezone.localdate()
    CollaborationRole.objects.create(collaboration=collaboration, organisation=partner_org)
    return SimpleNamespace(
        request=SupportRequest.objects.create(
            organisation=partner_org, kind="funding", needs="A subsidy file", answer_due_on=today
        ),
        offer=SupportOffer.objects.create(
            organisation=mentor, kind="mentor", description="Coaching", for_whom="All", how_to_ask="Ask"
        ),
        mentorship=Mentorship.objects.create(mentee=partner_org, mentor=mentor, starts_on=today, ends_on=today),
        booking=Booking.objects.create(
            space=space,
            organisation=partner_org,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
            purpose="Meeting",
        ),
    )
