"""Writes of the support app: each step in one transaction, under a row lock, with the version checked."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from charter_portal import caching
from charter_portal.concurrency import check_version
from charter_portal.errors import StepNotAllowed
from charter_portal.permissions.core import actor_for
from offers.models import SharedSpace
from signals.deadlines import add_working_days
from support import notifications, rules, workflow
from support.models import (
    AvailabilityException,
    AvailabilitySlot,
    Booking,
    CollaborationRole,
    Mentorship,
    SmallOrganisation,
    SupportOffer,
    SupportReminder,
    SupportRequest,
)

REMIND_DAYS_BEFORE = 2
MAX_WEEKS_AHEAD = 52


def answer_due(asked_on: datetime.date) -> datetime.date:
    """The first answer is due within SUPPORT_ANSWER_WORKING_DAYS working days (10 by default)."""
    return add_working_days(asked_on, getattr(settings, "SUPPORT_ANSWER_WORKING_DAYS", 10))


# Volunteer-run organisations -----------------------------------------------------------------------------------


@caching.bumps("support")
def volunteer_run_set(*, by, organisation, is_volunteer_run: bool) -> SmallOrganisation:
    """An organisation's admin says whether it is run by volunteers (so it may ask for support); the change is kept
    in the organisation's history. Saving the same answer again records nothing."""
    with transaction.atomic():
        profile = SmallOrganisation.objects.select_for_update().filter(organisation=organisation).first()
        if profile is None:
            profile = SmallOrganisation(organisation=organisation, is_volunteer_run=False)
        if profile.is_volunteer_run == is_volunteer_run:
            return profile
        profile.is_volunteer_run = is_volunteer_run
        profile._history_user = by
        profile.save()
    return profile


# Support requests ----------------------------------------------------------------------------------------------


@caching.bumps("support")
def support_request_create(*, by, organisation, kind: str, needs: str, needed_by=None) -> SupportRequest:
    if not rules.asking_organisations(actor_for(by)).filter(pk=organisation.pk).exists():
        raise StepNotAllowed(_("Only self-organisations and volunteer-run organisations ask for support here."))
    request = SupportRequest.objects.create(
        organisation=organisation,
        kind=kind,
        needs=needs,
        needed_by=needed_by,
        asked_by=by,
        answer_due_on=answer_due(timezone.localdate()),
    )
    notifications.request_asked(request)
    return request


@caching.bumps("support")
def support_request_edit(
    *, request: SupportRequest, by, needs: str, needed_by=None, expected_version=None
) -> SupportRequest:
    """The asking organisation changes what it needs and by when, while the request is open."""
    with transaction.atomic():
        current = SupportRequest.objects.select_for_update().get(pk=request.pk)
        check_version(current, expected_version)
        if not rules.can_edit_request(actor_for(by), current):
            raise StepNotAllowed(_("Only the asking organisation changes its request."))
        if current.status not in workflow.EDITABLE:
            raise StepNotAllowed(_("This request is closed: it can no longer be changed."))
        current.needs = needs
        current.needed_by = needed_by
        current.version += 1
        current.save(update_fields=["needs", "needed_by", "version"])
    return current


@caching.bumps("support")
def support_request_step(
    *, request: SupportRequest, by, name: str, expected_version=None, supporter=None, reason="", helped=None
) -> SupportRequest:
    """Make step ``name`` (``support.workflow``); refused with a sentence when the state or the person does not fit."""
    step = workflow.BY_NAME.get(name)
    if step is None:
        raise StepNotAllowed(_("This step does not exist."))
    actor = actor_for(by)
    with transaction.atomic():
        current = SupportRequest.objects.select_for_update().get(pk=request.pk)
        check_version(current, expected_version)
        if current.status not in step.sources:
            raise StepNotAllowed(_("This step is not possible in the request's current state."))
        if not any(rules.party_of(actor, current, party) for party in step.who):
            raise StepNotAllowed(_("You cannot take this step on this request."))
        now = timezone.now()
        if name == "take_up":
            current.supporter = _supporter_for(actor, current, supporter)
            current.taken_up_at = now
        if name == "not_possible":
            if not reason.strip():
                raise StepNotAllowed(_("Say why the support is not possible."))
            current.reason = reason.strip()
        if name == "confirm":
            if helped is None:
                raise StepNotAllowed(_("Say whether the support helped."))
            current.helped = helped
        if step.target is not None:
            current.status = step.target
        if step.target in (workflow.DONE, workflow.NOT_POSSIBLE):
            current.closed_at = now
        current.version += 1
        current.save()
    notifications.request_step(current, name)
    return current


def _supporter_for(actor, request, supporter):
    """A coordinator matches the request with any supporting organisation; an admin takes it up for its own."""
    own = rules.supporting_organisation_ids(actor, request.kind)
    if supporter is None and len(own) == 1:
        from organisations.models import Organisation

        return Organisation.objects.get(pk=own[0])
    if supporter is None:
        raise StepNotAllowed(_("Choose the organisation that gives the support."))
    if supporter.pk in own or (actor.is_charter_coordinator and supporter.can_act):
        return supporter
    raise StepNotAllowed(_("You can only take a request up for an organisation whose catalogue offers this support."))


@caching.bumps("support")
def support_send_reminders(*, today=None) -> list[SupportReminder]:
    """Remind the coordinators and the catalogue organisations of requests nobody answered, before the deadline and
    once it passed (once per stage)."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    sent = []
    for request in SupportRequest.objects.filter(
        status=SupportRequest.Status.ASKED, answer_due_on__lte=horizon
    ).select_related("organisation"):
        stage = SupportReminder.Stage.OVERDUE if today > request.answer_due_on else SupportReminder.Stage.BEFORE
        with transaction.atomic():
            record, created = SupportReminder.objects.get_or_create(
                request=request, stage=stage, due_on=request.answer_due_on
            )
            if not created:
                continue
            record.recipients = "\n".join(notifications.reminder(request, stage=stage))
            record.save(update_fields=["recipients"])
        sent.append(record)
    return sent


@caching.bumps("support")
def support_offer_save(*, offer: SupportOffer, expected_version=None) -> SupportOffer:
    from charter_portal.concurrency import save_versioned

    save_versioned(offer, expected_version)
    return offer


@caching.bumps("support")
def conditions_save(*, conditions, expected_version=None):
    from charter_portal.concurrency import save_versioned

    save_versioned(conditions, expected_version if conditions.pk else None)
    return conditions


# Mentorships ---------------------------------------------------------------------------------------------------


@caching.bumps("support")
def mentorship_propose(*, by, mentee, mentor, starts_on, ends_on, goal="") -> Mentorship:
    """Propose a pairing; the proposing side accepts at once if the person administers it."""
    actor = actor_for(by)
    if mentee.pk == mentor.pk:
        raise StepNotAllowed(_("An organisation cannot mentor itself."))
    if ends_on < starts_on:
        raise StepNotAllowed(_("The end date cannot be before the start date."))
    if not (actor.is_admin_of(mentee.pk) or actor.is_admin_of(mentor.pk) or actor.is_charter_coordinator):
        raise StepNotAllowed(_("Only an admin of one of the two organisations, or a charter coordinator, proposes."))
    now = timezone.now()
    return Mentorship.objects.create(
        mentee=mentee,
        mentor=mentor,
        starts_on=starts_on,
        ends_on=ends_on,
        goal=goal,
        proposed_by=by,
        mentee_accepted_at=now if actor.is_admin_of(mentee.pk) else None,
        mentor_accepted_at=now if actor.is_admin_of(mentor.pk) else None,
    )


@caching.bumps("support")
def mentorship_answer(*, mentorship: Mentorship, by, accept: bool, expected_version=None) -> Mentorship:
    actor = actor_for(by)
    with transaction.atomic():
        current = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
        check_version(current, expected_version)
        side = rules.mentorship_answering_side(actor, current)
        if side is None:
            raise StepNotAllowed(_("There is nothing for you to answer on this mentorship."))
        now = timezone.now()
        if not accept:
            current.declined_at = now
        elif side == "mentee":
            current.mentee_accepted_at = now
        else:
            current.mentor_accepted_at = now
        current.version += 1
        current.save()
    return current


# Shared spaces and bookings ------------------------------------------------------------------------------------


class BookingConflict(StepNotAllowed):
    """The slot is already held by another booking (requested or accepted)."""


@dataclass(frozen=True)
class Occurrences:
    periods: list  # [(starts_at, ends_at)] to book
    skipped: list  # dates left out because the space is closed then


def weekly_occurrences(starts_at, ends_at, until: datetime.date | None, exceptions) -> Occurrences:
    """The periods of a booking, once or weekly up to ``until`` (at most a year ahead); days inside a closing
    period (``AvailabilityException``) are skipped, not refused, so a series runs across a holiday."""
    periods, skipped = [], []
    last = until or starts_at.date()
    step = datetime.timedelta(weeks=1)
    start, end = starts_at, ends_at
    while timezone.localtime(start).date() <= last:
        day = timezone.localtime(start).date()
        if any(e.covers(day) for e in exceptions):
            skipped.append(day)
        else:
            periods.append((start, end))
        start, end = _same_local_time(start + step), _same_local_time(end + step)
    return Occurrences(periods, skipped)


def _same_local_time(moment):
    """Keep the wall-clock time across a change to or from summer time."""
    local = timezone.localtime(moment)
    return timezone.make_aware(local.replace(tzinfo=None))


def _fits_availability(slots, starts_at, ends_at) -> bool:
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() != end.date() and end.time() != datetime.time(0):
        return False
    return any(
        slot.weekday == start.weekday() and slot.starts_at <= start.time() and (end.time() <= slot.ends_at)
        for slot in slots
    )


@caching.bumps("support")
def booking_request(
    *, by, space: SharedSpace, organisation, starts_at, ends_at, purpose: str, weekly_until=None
) -> list[Booking]:
    """Request a slot, or the same slot every week up to ``weekly_until``. Every period must fit the space's
    weekly availability; periods on closed days are skipped. Refused whole when any period overlaps a booking
    that holds the space (``BookingConflict``). The space row is locked meanwhile; on PostgreSQL an exclusion
    constraint refuses an overlap as well."""
    actor = actor_for(by)
    if not actor.is_member_of(organisation.pk):
        raise StepNotAllowed(_("You can only book for your own organisation."))
    if ends_at <= starts_at:
        raise StepNotAllowed(_("The end must be after the start."))
    today = timezone.localdate()
    if timezone.localtime(starts_at).date() < today:
        raise StepNotAllowed(_("A booking cannot start in the past."))
    if weekly_until is not None and weekly_until > today + datetime.timedelta(weeks=MAX_WEEKS_AHEAD):
        raise StepNotAllowed(_("A weekly booking ends at most a year ahead."))
    if weekly_until is not None and weekly_until < timezone.localtime(starts_at).date():
        raise StepNotAllowed(_("The last week cannot be before the first."))
    slots = list(AvailabilitySlot.objects.filter(space=space))
    if not _fits_availability(slots, starts_at, ends_at):
        raise StepNotAllowed(_("The space is not available at that time: choose a time within its weekly slots."))
    exceptions = list(AvailabilityException.objects.filter(space=space))
    occurrences = weekly_occurrences(starts_at, ends_at, weekly_until, exceptions)
    if not occurrences.periods:
        raise StepNotAllowed(_("The space is closed on the day you chose."))
    series = uuid.uuid4() if weekly_until else None
    try:
        with transaction.atomic():
            SharedSpace.objects.select_for_update().filter(pk=space.pk).exists()
            for start, end in occurrences.periods:
                clash = (
                    Booking.objects.holding()
                    .filter(space=space, starts_at__lt=end, ends_at__gt=start)
                    .order_by("starts_at")
                    .first()
                )
                if clash is not None:
                    raise _conflict(clash)
            bookings = Booking.objects.bulk_create(
                [
                    Booking(
                        space=space,
                        organisation=organisation,
                        starts_at=start,
                        ends_at=end,
                        purpose=purpose,
                        series=series,
                        requested_by=by,
                    )
                    for start, end in occurrences.periods
                ]
            )
    except IntegrityError as exc:
        if "booking_no_overlap" in str(exc):
            raise BookingConflict(_("Someone booked this time just before you. Choose another time.")) from exc
        raise
    notifications.booking_requested(bookings[0], len(bookings), occurrences.skipped)
    return bookings


def _conflict(clash: Booking) -> BookingConflict:
    start = timezone.localtime(clash.starts_at)
    return BookingConflict(
        _("The space is already booked on %(day)s from %(start)s to %(end)s. Choose another time.")
        % {
            "day": start.strftime("%d/%m/%Y"),
            "start": start.strftime("%H:%M"),
            "end": timezone.localtime(clash.ends_at).strftime("%H:%M"),
        }
    )


@caching.bumps("support")
def booking_answer(*, booking: Booking, by, step: str, expected_version=None, whole_series=False) -> list[Booking]:
    """``accept``, ``decline`` (the owner's side) or ``cancel`` (either side); with ``whole_series`` every booking
    of the same weekly series that is still to come and in the same state."""
    actor = actor_for(by)
    space = booking.space
    managers = booking_manager_ids(space)
    if step in ("accept", "decline"):
        allowed, sources = rules.can_answer_booking(actor, space, managers), (Booking.Status.REQUESTED,)
    elif step == "cancel":
        allowed, sources = rules.can_cancel_booking(actor, booking), Booking.HOLDING
    else:
        raise StepNotAllowed(_("This step does not exist."))
    if not allowed:
        raise StepNotAllowed(_("You cannot take this step on this booking."))
    target = {
        "accept": Booking.Status.ACCEPTED,
        "decline": Booking.Status.DECLINED,
        "cancel": Booking.Status.CANCELLED,
    }[step]
    with transaction.atomic():
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        check_version(current, expected_version)
        if current.status not in sources:
            raise StepNotAllowed(_("This step is not possible in the booking's current state."))
        rows = [current]
        if whole_series and current.series:
            rows += list(
                Booking.objects.select_for_update()
                .filter(series=current.series, status=current.status, starts_at__gt=current.starts_at)
                .exclude(pk=current.pk)
            )
        for row in rows:
            row.status = target
            row.answered_by = by
            row.version += 1
        Booking.objects.bulk_update(rows, ["status", "answered_by", "version"])
    notifications.booking_answered(current, step, by, len(rows))
    return rows


def booking_manager_ids(space) -> frozenset:
    from support.models import SpaceConditions

    ids = SpaceConditions.objects.filter(space=space).values_list("booking_managers", flat=True)
    return frozenset(pk for pk in ids if pk is not None)


# Collaboration roles -------------------------------------------------------------------------------------------


@caching.bumps("offers")
def collaboration_role_set(*, by, collaboration, organisation, role: str, functions, sectors) -> CollaborationRole:
    """Declare what a member takes up in a collaboration (only accepted members; coverage keeps counting offers)."""
    from offers.models import CollaborationMember

    actor = actor_for(by)
    if not rules.can_declare_role(actor, collaboration, organisation.pk):
        raise StepNotAllowed(_("You cannot declare this member's role."))
    if not CollaborationMember.objects.filter(
        collaboration=collaboration, organisation=organisation, status=CollaborationMember.Status.ACCEPTED
    ).exists():
        raise StepNotAllowed(_("Only an accepted member of the collaboration has a role in it."))
    with transaction.atomic():
        row, _created = CollaborationRole.objects.update_or_create(
            collaboration=collaboration, organisation=organisation, defaults={"role": role}
        )
        row.functions.set(functions)
        row.sectors.set(sectors)
    return row
