"""Reads of the support app, each in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from support import rules
from support.models import AvailabilitySlot, Booking, CollaborationRole, Mentorship, SupportRequest


def requests_for(actor):
    """The support requests this person may see, newest first, with their organisations."""
    condition = rules.requests_visible_q(actor)
    rows = SupportRequest.objects.select_related("organisation", "supporter")
    return rows if condition is None else rows.filter(condition)


def request_for_view(actor, pk) -> SupportRequest | None:
    return requests_for(actor).filter(pk=pk).first()


def mentorships_for(actor):
    rows = Mentorship.objects.select_related("mentee", "mentor")
    if actor.is_charter_coordinator:
        return rows
    mine = actor.member_organisation_ids
    return rows.filter(Q(mentee_id__in=mine) | Q(mentor_id__in=mine))


def agreed_mentorships_of(organisation_id):
    """Mentorships both sides accepted, running today or later, in which the organisation takes part."""
    return (
        Mentorship.objects.filter(Q(mentee_id=organisation_id) | Q(mentor_id=organisation_id))
        .filter(
            mentee_accepted_at__isnull=False,
            mentor_accepted_at__isnull=False,
            declined_at__isnull=True,
            ends_on__gte=timezone.localdate(),
        )
        .select_related("mentee", "mentor")
    )


def bookings_for(actor):
    """Bookings of the person's organisations, made or received."""
    mine = actor.member_organisation_ids
    rows = Booking.objects.select_related("space", "space__organisation", "organisation")
    if actor.is_superuser:
        return rows
    return rows.filter(Q(organisation_id__in=mine) | Q(space__organisation_id__in=mine))


def roles_by_collaboration(ids) -> dict[int, list[dict]]:
    """collaboration id -> who does what, the lead (the coordinator) first (3 queries)."""
    rows = (
        CollaborationRole.objects.filter(collaboration_id__in=list(ids))
        .select_related("organisation", "collaboration")
        .prefetch_related("functions", "sectors")
        .order_by("organisation__name")
    )
    result = defaultdict(list)
    for row in rows:
        result[row.collaboration_id].append(
            {
                "organisation": row.organisation.name,
                "organisation_id": row.organisation_id,
                "is_lead": row.organisation_id == row.collaboration.coordinator_id,
                "role": row.get_role_display(),
                "role_code": row.role,
                "functions": [f.name for f in row.functions.all()],
                "function_codes": [f.code for f in row.functions.all()],
                "sectors": [s.name for s in row.sectors.all()],
                "sector_codes": [s.code for s in row.sectors.all()],
            }
        )
    for rows_of_one in result.values():
        rows_of_one.sort(key=lambda r: (not r["is_lead"], r["organisation"]))
    return dict(result)


def collaboration_ids_bridging(sector_code: str):
    """Collaborations with a member that bridges to the sector (a subquery)."""
    return CollaborationRole.objects.filter(sectors__code=sector_code).values("collaboration_id")


# The booking calendar --------------------------------------------------------------------------------------------


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class CalendarDay:
    day: datetime.date
    slots: list
    bookings: list
    closed: list


def calendar_week(space, monday: datetime.date, exceptions) -> list[CalendarDay]:
    """The seven days of the week with their availability slots and the bookings that hold the space (2 queries)."""
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    end = start + datetime.timedelta(days=7)
    slots = list(AvailabilitySlot.objects.filter(space=space))
    bookings = list(
        Booking.objects.holding()
        .filter(space=space, starts_at__lt=end, ends_at__gt=start)
        .select_related("organisation")
        .order_by("starts_at")
    )
    by_day = defaultdict(list)
    for booking in bookings:
        booking.space = space  # the rules read the owner through it: no query per booking
        by_day[timezone.localtime(booking.starts_at).date()].append(booking)
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        days.append(
            CalendarDay(
                day=day,
                slots=[s for s in slots if s.weekday == day.weekday()],
                bookings=by_day.get(day, []),
                closed=[e for e in exceptions if e.covers(day)],
            )
        )
    return days


# The yearly overview ----------------------------------------------------------------------------------------------


def yearly_overview(year: int) -> dict:
    """Requests of ``year`` per kind and per kind of asking organisation: how many were asked and met (done and
    confirmed or not contradicted). Keys are (support kind, organisation kind), ``None`` for all of them. The
    counts are of organisations' requests, not of people, so they are shown in full."""
    rows = SupportRequest.objects.filter(asked_at__year=year).values_list(
        "kind", "organisation__kind", "status", "helped"
    )
    asked, met = Counter(), Counter()
    for kind, organisation_kind, status, helped in rows:
        for key in ((kind, None), (kind, organisation_kind), (None, organisation_kind), (None, None)):
            asked[key] += 1
            if status == SupportRequest.Status.DONE and helped is not False:
                met[key] += 1
    return {"asked": asked, "met": met}


def roles_for_api(ids) -> dict[int, list[dict]]:
    """The roles as ``/api/v1/collaborations/`` writes them: ids and codes, by member id (3 queries of plain values:
    the list of collaborations reads them for every page it computes)."""
    roles = list(
        CollaborationRole.objects.filter(collaboration_id__in=list(ids))
        .order_by("collaboration_id", "organisation_id")
        .values_list("pk", "collaboration_id", "organisation_id", "role")
    )
    if not roles:
        return {}
    codes = {name: _codes_by_role(name, [pk for pk, *_ in roles]) for name in ("functions", "sectors")}
    result = defaultdict(list)
    for pk, collaboration_id, organisation_id, role in roles:
        result[collaboration_id].append(
            {
                "organisation": organisation_id,
                "role": role,
                "functions": codes["functions"].get(pk, []),
                "sectors": codes["sectors"].get(pk, []),
            }
        )
    return dict(result)


def _codes_by_role(relation: str, role_ids: list[int]) -> dict[int, list[str]]:
    """The codes of a role's functions or sectors, in their reference order (position)."""
    field = CollaborationRole._meta.get_field(relation)
    through, target = field.remote_field.through, field.m2m_reverse_field_name()
    rows = (
        through.objects.filter(**{f"{field.m2m_field_name()}_id__in": role_ids})
        .order_by(f"{target}__position", f"{target}_id")
        .values_list(f"{field.m2m_field_name()}_id", f"{target}__code")
    )
    found = defaultdict(list)
    for role_id, code in rows:
        found[role_id].append(code)
    return found
