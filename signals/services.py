"""Every write on signals: one function per transition, each atomic, each leaving a dated timeline entry.

A refused step raises and changes nothing: ``PermissionDenied`` (this person may not),
``StepNotAllowed`` (the signal's state does not allow it), ``ValidationError`` (bad input),
``StaleObjectError`` (someone else changed the signal since the person loaded it).
"""

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charter_portal import caching
from charter_portal.concurrency import check_version
from charter_portal.errors import StepNotAllowed
from charter_portal.permissions import actor_for
from charter_portal.personal_data import validate_no_personal_data
from organisations.models import Organisation
from signals import deadlines, notifications, rules
from signals.models import (
    Endorsement,
    Outcome,
    PrioritisationRound,
    RoundCandidate,
    Signal,
    SignalTheme,
    Status,
    Theme,
    TimelineEntry,
    Vote,
)
from signals.workflow import transition


def _check_text(value: str, field: str) -> None:
    try:
        validate_no_personal_data(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


@caching.bumps("signals")
def signal_report(
    *,
    by,
    organisation: Organisation,
    title: str,
    description: str,
    themes: Iterable[str],
    children_affected: str,
    neighbourhoods: Iterable = (),
    movement_circles: Iterable = (),
    city_wide: bool = False,
    since=None,
    actions_taken: str = "",
    is_demo: bool = False,
) -> Signal:
    actor = actor_for(by)
    if not rules.can_report_for(actor, organisation):
        raise PermissionDenied(_("You can only report a signal for your own partner organisation."))
    errors = {}
    themes = list(dict.fromkeys(themes))
    if not themes:
        errors["themes"] = [_("Choose at least one theme.")]
    elif any(code not in Theme.values for code in themes):
        errors["themes"] = [_("Unknown theme.")]
    neighbourhoods, movement_circles = list(neighbourhoods), list(movement_circles)
    if not city_wide and not neighbourhoods and not movement_circles:
        errors["neighbourhoods"] = [_("Choose the neighbourhoods or movement circles concerned, or mark it city-wide.")]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    signal = Signal(
        title=title,
        description=description,
        children_affected=children_affected,
        city_wide=city_wide,
        since=since,
        actions_taken=actions_taken,
        organisation=organisation,
        reported_by=by,
        submitted_at=now,
        acknowledge_due_on=deadlines.acknowledge_due(timezone.localdate(now)),
        is_demo=is_demo,
    )
    signal.due_on = signal.acknowledge_due_on
    signal.full_clean(exclude=["reported_by", "organisation"])
    with transaction.atomic():
        signal.save()
        SignalTheme.objects.bulk_create([SignalTheme(signal=signal, code=code) for code in themes])
        signal.neighbourhoods.set(neighbourhoods)
        signal.movement_circles.set(movement_circles)
        TimelineEntry.objects.create(
            signal=signal,
            kind=TimelineEntry.Kind.SUBMITTED,
            created_at=now,
            author=by,
            author_organisation=organisation,
            status_after=Status.SUBMITTED,
        )
    notifications.signal_step(signal, TimelineEntry.Kind.SUBMITTED)
    return signal


def _begin(name: str, *, signal: Signal, by, expected_version) -> tuple[Signal, object]:
    """Lock the signal, then check who, version and state, in that order. Returns the fresh row."""
    actor = actor_for(by)
    step = transition(name)
    current = (
        Signal.objects.select_for_update(of=("self",))
        .select_related("organisation", "responsible_service")
        .get(pk=signal.pk)
    )
    if not rules.can_make(actor, name, current):
        raise PermissionDenied(_("You may not do this with this signal."))
    check_version(current, expected_version)
    if current.status not in step.sources:
        raise StepNotAllowed(
            _("This signal is %(status)s: “%(step)s” is not possible now.")
            % {"status": current.get_status_display(), "step": step.label}
        )
    return current, actor


def _finish(current: Signal, *, name: str, by, author_organisation, kind, text="", fields=()) -> TimelineEntry:
    current.status = transition(name).target
    current.version += 1
    current.save(update_fields=["status", "version", *fields])
    return TimelineEntry.objects.create(
        signal=current,
        kind=kind,
        created_at=timezone.now(),
        author=by,
        author_organisation=author_organisation,
        text=text,
        status_after=current.status,
    )


def _city_organisation(actor, signal: Signal):
    """The service a city step is made on behalf of: the responsible one when the actor belongs to it."""
    if signal.responsible_service_id and actor.is_city_staff_of(signal.responsible_service_id):
        return signal.responsible_service
    ids = sorted(actor.city_organisation_ids)
    return Organisation.objects.filter(pk=ids[0]).first() if ids else None


@caching.bumps("signals")
def signal_acknowledge(
    *, signal: Signal, by, responsible_service: Organisation, note: str = "", expected_version=None
) -> Signal:
    _check_text(note, "note")
    if responsible_service is None or not responsible_service.is_city_service or not responsible_service.can_act:
        raise ValidationError({"responsible_service": [_("Choose an active city service.")]})
    with transaction.atomic():
        current, actor = _begin("acknowledge", signal=signal, by=by, expected_version=expected_version)
        now = timezone.now()
        today = timezone.localdate(now)
        current.responsible_service = responsible_service
        current.acknowledged_at = now
        current.acknowledged_on_time = today <= current.acknowledge_due_on
        current.answer_due_on = deadlines.answer_due(today)
        current.due_on = current.answer_due_on
        _finish(
            current,
            name="acknowledge",
            by=by,
            author_organisation=_city_organisation(actor, current),
            kind=TimelineEntry.Kind.ACKNOWLEDGED,
            text=note,
            fields=["responsible_service", "acknowledged_at", "acknowledged_on_time", "answer_due_on", "due_on"],
        )
    notifications.signal_step(current, TimelineEntry.Kind.ACKNOWLEDGED)
    notifications.service_assigned(current)
    return current


@caching.bumps("signals")
def signal_start(*, signal: Signal, by, note: str = "", expected_version=None) -> Signal:
    _check_text(note, "note")
    with transaction.atomic():
        current, actor = _begin("start", signal=signal, by=by, expected_version=expected_version)
        current.started_at = current.started_at or timezone.now()
        _finish(
            current,
            name="start",
            by=by,
            author_organisation=_city_organisation(actor, current),
            kind=TimelineEntry.Kind.STARTED,
            text=note,
            fields=["started_at"],
        )
    notifications.signal_step(current, TimelineEntry.Kind.STARTED)
    return current


@caching.bumps("signals")
def signal_answer(*, signal: Signal, by, outcome: str, answer: str, expected_version=None) -> Signal:
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = [_("Choose an outcome.")]
    if not (answer or "").strip():
        errors["answer"] = [_("An answer needs a motivation.")]
    else:
        try:
            validate_no_personal_data(answer)
        except ValidationError as exc:
            errors["answer"] = exc.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current, actor = _begin("answer", signal=signal, by=by, expected_version=expected_version)
        now = timezone.now()
        current.outcome = outcome
        current.answer = answer.strip()
        current.answered_at = now
        current.answered_on_time = current.answer_due_on is None or timezone.localdate(now) <= current.answer_due_on
        current.due_on = None
        _finish(
            current,
            name="answer",
            by=by,
            author_organisation=_city_organisation(actor, current),
            kind=TimelineEntry.Kind.ANSWERED,
            text=f"{current.get_outcome_display()}: {current.answer}",
            fields=["outcome", "answer", "answered_at", "answered_on_time", "due_on"],
        )
    notifications.signal_step(current, TimelineEntry.Kind.ANSWERED)
    notifications.endorsers_answered(current)
    return current


@caching.bumps("signals")
def signal_close(*, signal: Signal, by, note: str = "", expected_version=None) -> Signal:
    _check_text(note, "note")
    with transaction.atomic():
        current, actor = _begin("close", signal=signal, by=by, expected_version=expected_version)
        if rules.can_make(actor, "start", current):
            author_org = _city_organisation(actor, current)
        else:
            author_org = current.organisation
        current.closed_at = timezone.now()
        _finish(
            current,
            name="close",
            by=by,
            author_organisation=author_org,
            kind=TimelineEntry.Kind.CLOSED,
            text=note,
            fields=["closed_at"],
        )
    notifications.signal_step(current, TimelineEntry.Kind.CLOSED)
    return current


@caching.bumps("signals")
def signal_reopen(*, signal: Signal, by, reason: str, expected_version=None) -> Signal:
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why you reopen this signal.")]})
    _check_text(reason, "reason")
    with transaction.atomic():
        current, _actor = _begin("reopen", signal=signal, by=by, expected_version=expected_version)
        if not rules.reopen_window_open(current):
            raise StepNotAllowed(_("A signal can only be reopened within %(days)s days of its answer.") % {"days": 30})
        today = timezone.localdate()
        current.answer_due_on = deadlines.answer_due(today)
        current.due_on = current.answer_due_on
        current.answered_on_time = None
        _finish(
            current,
            name="reopen",
            by=by,
            author_organisation=current.organisation,
            kind=TimelineEntry.Kind.REOPENED,
            text=reason.strip(),
            fields=["answer_due_on", "due_on", "answered_on_time"],
        )
    notifications.signal_step(current, TimelineEntry.Kind.REOPENED)
    notifications.service_assigned(current, reopened=True)
    return current


@caching.bumps("signals")
def signal_endorse(
    *, signal: Signal, by, organisation: Organisation | None = None, observation: str = "", expected_version=None
) -> Endorsement:
    actor = actor_for(by)
    _check_text(observation, "observation")
    allowed = rules.endorsing_organisation_ids(actor, signal)
    if organisation is None:
        if not rules.can_endorse(actor):
            raise PermissionDenied(_("Only members of a partner organisation can endorse a signal."))
        candidates = sorted(allowed)
        if not candidates:
            raise StepNotAllowed(_("Your organisation reported this signal or already endorsed it."))
        organisation = Organisation.objects.get(pk=candidates[0])
    elif not actor.is_member_of(organisation.pk) or organisation.is_city_service:
        raise PermissionDenied(_("You can only endorse on behalf of your own partner organisation."))
    if organisation.pk == signal.organisation_id:
        raise StepNotAllowed(_("The reporting organisation cannot endorse its own signal."))
    if signal.status == Status.CLOSED:
        raise StepNotAllowed(_("A closed signal can no longer be endorsed."))
    try:
        with transaction.atomic():
            check_version(Signal.objects.select_for_update().get(pk=signal.pk), expected_version)
            endorsement = Endorsement.objects.create(
                signal=signal, organisation=organisation, endorsed_by=by, observation=observation.strip()
            )
            TimelineEntry.objects.create(
                signal=signal,
                kind=TimelineEntry.Kind.ENDORSED,
                author=by,
                author_organisation=organisation,
                text=observation.strip(),
            )
    except IntegrityError as exc:
        raise StepNotAllowed(_("Your organisation already endorsed this signal.")) from exc
    return endorsement


@caching.bumps("signals")
def signal_add_note(*, signal: Signal, by, text: str, is_internal: bool = False) -> TimelineEntry:
    actor = actor_for(by)
    if not rules.can_add_note(actor, signal):
        raise PermissionDenied(_("Only city staff can add notes."))
    if not (text or "").strip():
        raise ValidationError({"text": [_("Write a note.")]})
    _check_text(text, "text")
    return TimelineEntry.objects.create(
        signal=signal,
        kind=TimelineEntry.Kind.NOTE,
        author=by,
        author_organisation=_city_organisation(actor, signal),
        text=text.strip(),
        is_internal=is_internal,
    )


# Prioritisation rounds -------------------------------------------------------------------------


@caching.bumps("signals")
def round_open(
    *, by, title: str, signals: Iterable[Signal], votes_per_organisation: int, top_n: int, description: str = ""
) -> PrioritisationRound:
    if not rules.can_manage_rounds(actor_for(by)):
        raise PermissionDenied(_("Only city admins open prioritisation rounds."))
    signals = list(signals)
    errors = {}
    if len(signals) < 2:
        errors["signals"] = [_("Choose at least two candidate signals.")]
    elif any(s.status == Status.CLOSED for s in signals):
        errors["signals"] = [_("Closed signals cannot be candidates.")]
    if votes_per_organisation < 1:
        errors["votes_per_organisation"] = [_("Give each organisation at least one vote.")]
    if top_n < 1 or (signals and top_n > len(signals)):
        errors["top_n"] = [_("The number of priority signals must be between 1 and the number of candidates.")]
    if errors:
        raise ValidationError(errors)
    item = PrioritisationRound(
        title=title,
        description=description,
        votes_per_organisation=votes_per_organisation,
        top_n=top_n,
        opened_by=by,
    )
    item.full_clean(exclude=["opened_by"])
    with transaction.atomic():
        item.save()
        RoundCandidate.objects.bulk_create([RoundCandidate(round=item, signal=s) for s in signals])
    return item


@caching.bumps("signals")
def round_vote(*, round: PrioritisationRound, by, organisation: Organisation, allocation: dict[int, int]) -> None:
    """Replace the organisation's votes in this round by ``allocation`` (signal id -> votes)."""
    actor = actor_for(by)
    if organisation.pk not in rules.signatory_organisation_ids():
        raise PermissionDenied(_("Only signatory organisations vote in prioritisation rounds."))
    if not actor.is_admin_of(organisation.pk):
        raise PermissionDenied(_("Only an admin of the organisation can cast its votes."))
    with transaction.atomic():
        current = PrioritisationRound.objects.select_for_update().get(pk=round.pk)
        if not current.is_open:
            raise StepNotAllowed(_("This round is closed: votes can no longer change."))
        candidate_ids = set(current.entries.values_list("signal_id", flat=True))
        allocation = {int(k): int(v) for k, v in allocation.items() if int(v) != 0}
        if any(v < 0 for v in allocation.values()):
            raise ValidationError({"votes": [_("Votes cannot be negative.")]})
        if not set(allocation) <= candidate_ids:
            raise ValidationError({"votes": [_("You can only vote for the candidate signals of this round.")]})
        total = sum(allocation.values())
        if total > current.votes_per_organisation:
            raise ValidationError(
                {
                    "votes": [
                        _("You gave %(total)s votes; your organisation has %(limit)s.")
                        % {"total": total, "limit": current.votes_per_organisation}
                    ]
                }
            )
        Vote.objects.filter(round=current, organisation=organisation).delete()
        Vote.objects.bulk_create(
            [
                Vote(round=current, organisation=organisation, signal_id=signal_id, votes=votes, cast_by=by)
                for signal_id, votes in allocation.items()
            ]
        )


@caching.bumps("signals")
def round_close(*, round: PrioritisationRound, by, expected_version=None) -> PrioritisationRound:
    """Count the votes, publish the ranking and mark the top signals priority."""
    if not rules.can_manage_rounds(actor_for(by)):
        raise PermissionDenied(_("Only city admins close prioritisation rounds."))
    with transaction.atomic():
        current = PrioritisationRound.objects.select_for_update().get(pk=round.pk)
        check_version(current, expected_version)
        if not current.is_open:
            raise StepNotAllowed(_("This round is already closed."))
        totals = {}
        for signal_id, votes in Vote.objects.filter(round=current).values_list("signal_id", "votes"):
            totals[signal_id] = totals.get(signal_id, 0) + votes
        entries = list(current.entries.select_related("signal"))
        # Ties go to the signal reported first: it has waited longest.
        entries.sort(key=lambda e: (-totals.get(e.signal_id, 0), e.signal.submitted_at, e.signal_id))
        now = timezone.now()
        for rank, entry in enumerate(entries, start=1):
            entry.rank = rank
            entry.total_votes = totals.get(entry.signal_id, 0)
        RoundCandidate.objects.bulk_update(entries, ["rank", "total_votes"])
        top = [e for e in entries[: current.top_n] if e.total_votes > 0]
        for entry in top:
            Signal.objects.filter(pk=entry.signal_id).update(priority_round=current, priority_rank=entry.rank)
            TimelineEntry.objects.create(
                signal_id=entry.signal_id,
                kind=TimelineEntry.Kind.PRIORITY,
                created_at=now,
                author=by,
                text=str(_("Rank %(rank)s in “%(round)s”.") % {"rank": entry.rank, "round": current.title}),
            )
        current.state = PrioritisationRound.State.CLOSED
        current.closed_at = now
        current.closed_by = by
        current.version += 1
        current.save(update_fields=["state", "closed_at", "closed_by", "version"])
    return current


# Reminders ---------------------------------------------------------------------------------------

REMIND_DAYS_BEFORE = 2


def _reminder_recipients(signal: Signal) -> list:
    from accounts.models import User
    from organisations.models import Membership

    if signal.status == Status.SUBMITTED:
        # No service is responsible yet: the city admins must take the signal in.
        users = User.objects.filter(
            memberships__organisation__kind=Organisation.Kind.CITY_SERVICE,
            memberships__organisation__is_active=True,
            memberships__organisation__is_approved=True,
            memberships__role=Membership.Role.ADMIN,
        )
    else:
        users = User.objects.filter(memberships__organisation_id=signal.responsible_service_id)
    return list(users.filter(is_active=True).distinct().order_by("pk"))


@caching.bumps("signals")
def signal_send_reminders(*, today=None) -> list:
    """E-mail a reminder before each deadline and once it is overdue, once per deadline; returns what was sent."""
    from signals.models import ReminderSent

    today = today or timezone.localdate()
    horizon = today + timedelta(days=REMIND_DAYS_BEFORE)
    due = (
        Signal.objects.filter(due_on__isnull=False, due_on__lte=horizon)
        .exclude(status__in=[Status.ANSWERED, Status.CLOSED])
        .select_related("organisation", "responsible_service")
    )
    sent = []
    for signal in due:
        deadline = (
            ReminderSent.Deadline.ACKNOWLEDGE if signal.status == Status.SUBMITTED else ReminderSent.Deadline.ANSWER
        )
        stage = ReminderSent.Stage.OVERDUE if today > signal.due_on else ReminderSent.Stage.BEFORE
        with transaction.atomic():
            record, created = ReminderSent.objects.get_or_create(
                signal=signal, deadline=deadline, due_on=signal.due_on, stage=stage
            )
            if not created:
                continue
            addresses = notifications.reminder(
                signal, _reminder_recipients(signal), deadline=deadline, stage=stage, due_on=signal.due_on
            )
            record.recipients = "\n".join(addresses)
            record.save(update_fields=["recipients"])
        sent.append(record)
    return sent
