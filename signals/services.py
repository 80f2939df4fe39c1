"""Every write on signals: one function per transition, each atomic, each leaving a dated timeline entry.

A refused step raises and changes nothing: ``PermissionDenied`` (this person may not),
``StepNotAllowed`` (the signal's state does not allow it), ``ValidationError`` (bad input),
``StaleObjectError`` (someone else changed the signal since the person loaded it).
"""

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charter_portal import caching
from charter_portal.concurrency import check_version
from charter_portal.errors import StepNotAllowed
from charter_portal.permissions import actor_for
from charter_portal.personal_data import validate_no_personal_data
from organisations.models import Organisation
from organisations.selectors import city_admins, members, organisation_ids_with_members
from signals import deadlines, notifications, ranking, round_columns, rules, timeline_texts
from signals.models import (
    CONFIRM_DAYS,
    Confirmation,
    Endorsement,
    Outcome,
    PrioritisationRound,
    RoundCandidate,
    RoutingRule,
    Signal,
    SignalAction,
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


def _required_text(value: str, field: str, message) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: [message]})
    _check_text(value, field)
    return value


RESPONSIBLE_KINDS = (Organisation.Kind.CITY_SERVICE, Organisation.Kind.PUBLIC_BODY)


def responsible_bodies():
    """Bodies that can be made responsible for a signal or an action: approved, active city services and other
    public bodies with at least one member in the portal."""
    return (
        Organisation.objects.approved()
        .filter(kind__in=RESPONSIBLE_KINDS, pk__in=organisation_ids_with_members())
        .order_by("name")
    )


def responsible_bodies_ever():
    """Every city service or public body that is or was responsible for a signal (for the dashboards' labels)."""
    return Organisation.objects.filter(
        Q(kind=Organisation.Kind.CITY_SERVICE) | Q(pk__in=Signal.objects.values("responsible_body"))
    ).order_by("name")


def _check_body(body, field: str = "responsible_body") -> None:
    if body is None or body.kind not in RESPONSIBLE_KINDS or not body.can_act or not body.memberships.exists():
        raise ValidationError({field: [_("Choose an active city service or public body with members in the portal.")]})


def _timeline(
    signal, *, kind, by, organisation, text="", is_internal=False, status_after="", message="", params=None
) -> TimelineEntry:
    """A timeline entry; what the portal writes itself goes in ``message`` and ``params`` (``timeline_texts``)."""
    return TimelineEntry.objects.create(
        signal=signal,
        kind=kind,
        created_at=timezone.now(),
        author=by,
        author_organisation=organisation,
        text=text,
        message=message,
        params=params or {},
        is_internal=is_internal,
        status_after=status_after,
    )


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
    is_public: bool = False,
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
    submitted_on = timezone.localdate(now)
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
        acknowledge_due_on=deadlines.acknowledge_due(submitted_on),
        answer_due_on=deadlines.answer_due(submitted_on),
        responsible_body=routed_body(themes),
        is_public=is_public,
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
    if signal.responsible_body_id:
        notifications.body_assigned(signal, actor=by)
    return signal


def routed_body(themes) -> Organisation | None:
    """The body of the first theme that has a routing rule (themes in the reporter's order), if it can act."""
    rules_by_theme = {r.theme: r.body for r in RoutingRule.objects.filter(theme__in=themes).select_related("body")}
    for code in themes:
        body = rules_by_theme.get(code)
        if body is not None and body.can_act:
            return body
    return None


def _begin(name: str, *, signal: Signal, by, expected_version) -> tuple[Signal, object]:
    """Lock the signal, then check who, version and state, in that order. Returns the fresh row."""
    actor = actor_for(by)
    step = transition(name)
    current = (
        Signal.objects.select_for_update(of=("self",))
        .select_related("organisation", "responsible_body")
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


def _finish(
    current: Signal, *, name: str, by, author_organisation, kind, text="", fields=(), message="", params=None
) -> TimelineEntry:
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
        message=message,
        params=params or {},
        status_after=current.status,
    )


def _city_organisation(actor, signal: Signal):
    """The body a city step is made on behalf of: the responsible one when the actor belongs to it."""
    if signal.responsible_body_id and actor.is_member_of(signal.responsible_body_id):
        return signal.responsible_body
    ids = sorted(actor.city_organisation_ids)
    return Organisation.objects.filter(pk=ids[0]).first() if ids else None


@caching.bumps("signals")
def signal_acknowledge(
    *, signal: Signal, by, responsible_body: Organisation, note: str = "", expected_version=None
) -> Signal:
    _check_text(note, "note")
    _check_body(responsible_body)
    with transaction.atomic():
        current, actor = _begin("acknowledge", signal=signal, by=by, expected_version=expected_version)
        proposed = current.responsible_body_id
        now = timezone.now()
        today = timezone.localdate(now)
        current.responsible_body = responsible_body
        current.acknowledged_at = now
        current.acknowledged_on_time = today <= current.acknowledge_due_on
        # The answer is due counted from submission: a late acknowledgement does not move it. Signals reported
        # before that rule recorded no answer deadline at submission; theirs counts from submission too.
        if current.answer_due_on is None:
            current.answer_due_on = deadlines.answer_due(timezone.localdate(current.submitted_at))
        current.due_on = current.answer_due_on
        _finish(
            current,
            name="acknowledge",
            by=by,
            author_organisation=_city_organisation(actor, current),
            kind=TimelineEntry.Kind.ACKNOWLEDGED,
            text=note,
            fields=["responsible_body", "acknowledged_at", "acknowledged_on_time", "answer_due_on", "due_on"],
        )
    notifications.signal_step(current, TimelineEntry.Kind.ACKNOWLEDGED, actor=by)
    if proposed != responsible_body.pk:
        notifications.body_assigned(current, actor=by)
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
    notifications.signal_step(current, TimelineEntry.Kind.STARTED, actor=by)
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
        current.confirmation = ""
        current.confirmation_requested_at = None
        _finish(
            current,
            name="answer",
            by=by,
            author_organisation=_city_organisation(actor, current),
            kind=TimelineEntry.Kind.ANSWERED,
            text=current.answer,
            message=timeline_texts.ANSWERED,
            params={"outcome": current.outcome},
            fields=[
                "outcome",
                "answer",
                "answered_at",
                "answered_on_time",
                "due_on",
                "confirmation",
                "confirmation_requested_at",
            ],
        )
        _ask_confirmation_when_actions_finished(current, by=by)
    notifications.signal_step(current, TimelineEntry.Kind.ANSWERED, actor=by)
    notifications.endorsers_answered(current, actor=by)
    return current


def _open_actions(signal: Signal):
    return SignalAction.objects.filter(signal=signal).exclude(status__in=SignalAction.FINISHED)


def _ask_confirmation_when_actions_finished(signal: Signal, *, by) -> bool:
    """Ask the reporter to confirm an answered signal once no planned action is still open (inside a transaction
    that holds the signal's row lock)."""
    if signal.status != Status.ANSWERED or signal.confirmation_requested_at or _open_actions(signal).exists():
        return False
    signal.confirmation_requested_at = timezone.now()
    signal.version += 1
    signal.save(update_fields=["confirmation_requested_at", "version"])
    _timeline(
        signal,
        kind=TimelineEntry.Kind.CONFIRMATION_ASKED,
        by=by,
        organisation=None,
        status_after=signal.status,
        message=timeline_texts.CONFIRMATION_ASKED,
        params={"organisation": signal.organisation.name, "date": signal.reopen_deadline.isoformat()},
    )
    transaction.on_commit(lambda: notifications.confirmation_asked(signal, actor=by))
    return True


@caching.bumps("signals")
def signal_close(*, signal: Signal, by, note: str = "", expected_version=None) -> Signal:
    _check_text(note, "note")
    with transaction.atomic():
        current, actor = _begin("close", signal=signal, by=by, expected_version=expected_version)
        if _open_actions(current).exists():
            raise StepNotAllowed(_("This signal has follow-up actions that are not done or dropped yet."))
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
    notifications.signal_step(current, TimelineEntry.Kind.CLOSED, actor=by)
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
        current.confirmation_requested_at = None
        _finish(
            current,
            name="reopen",
            by=by,
            author_organisation=current.organisation,
            kind=TimelineEntry.Kind.REOPENED,
            text=reason.strip(),
            fields=["answer_due_on", "due_on", "answered_on_time", "confirmation_requested_at"],
        )
    notifications.signal_step(current, TimelineEntry.Kind.REOPENED, actor=by)
    notifications.body_assigned(current, actor=by, reopened=True)
    return current


@caching.bumps("signals")
def signal_confirm(*, signal: Signal, by, resolved: bool, reason: str = "", expected_version=None) -> Signal:
    """The reporting organisation's answer to "resolved?": resolved closes the signal, not resolved reopens it."""
    actor = actor_for(by)
    if not rules.can_confirm(actor, signal):
        raise PermissionDenied(_("Only the reporting organisation confirms whether the problem is resolved."))
    if not resolved:
        reason = _required_text(reason, "reason", _("Say why the problem is not resolved."))
    else:
        _check_text(reason or "", "reason")
    with transaction.atomic():
        current = Signal.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=signal.pk)
        check_version(current, expected_version)
        if not current.awaits_confirmation:
            raise StepNotAllowed(_("This signal does not wait for your confirmation."))
        now = timezone.now()
        current.confirmation = Confirmation.RESOLVED if resolved else Confirmation.NOT_RESOLVED
        if resolved:
            current.status, current.closed_at = Status.CLOSED, now
        else:
            current.status = Status.IN_PROGRESS
            current.answer_due_on = deadlines.answer_due(timezone.localdate(now))
            current.due_on = current.answer_due_on
            current.answered_on_time = None
            current.confirmation_requested_at = None
        current.version += 1
        current.save()
        _timeline(
            current,
            kind=TimelineEntry.Kind.CONFIRMED if resolved else TimelineEntry.Kind.REOPENED,
            by=by,
            organisation=current.organisation,
            text=(reason or "").strip(),
            message=timeline_texts.CONFIRMED,
            params={"confirmation": current.confirmation},
            status_after=current.status,
        )
    kind = TimelineEntry.Kind.CONFIRMED if resolved else TimelineEntry.Kind.REOPENED
    notifications.signal_step(current, kind, actor=by)
    if not resolved:
        notifications.body_assigned(current, actor=by, reopened=True)
    return current


@caching.bumps("signals")
def signal_close_unconfirmed(*, today=None) -> list[Signal]:
    """Close as "not confirmed" every answered signal whose reporter did not answer within CONFIRM_DAYS."""
    today = today or timezone.localdate()
    waiting = Signal.objects.filter(
        status=Status.ANSWERED, confirmation="", confirmation_requested_at__isnull=False
    ).select_related("organisation")
    closed = []
    for signal in waiting:
        if timezone.localdate(signal.confirmation_requested_at) + timedelta(days=CONFIRM_DAYS) >= today:
            continue
        with transaction.atomic():
            current = Signal.objects.select_for_update(of=("self",)).get(pk=signal.pk)
            if not current.awaits_confirmation:
                continue
            current.status, current.closed_at = Status.CLOSED, timezone.now()
            current.confirmation = Confirmation.NOT_CONFIRMED
            current.version += 1
            current.save(update_fields=["status", "closed_at", "confirmation", "version"])
            _timeline(
                current,
                kind=TimelineEntry.Kind.CLOSED,
                by=None,
                organisation=None,
                status_after=Status.CLOSED,
                message=timeline_texts.CLOSED_UNCONFIRMED,
                params={"days": CONFIRM_DAYS},
            )
        closed.append(current)
    return closed


@caching.bumps("signals")
def signal_reassign(
    *, signal: Signal, by, responsible_body: Organisation, reason: str, expected_version=None
) -> Signal:
    """Hand the signal to another body, with a reason; both bodies hear of it. Deadlines stay as they are."""
    actor = actor_for(by)
    signal = Signal.objects.get(pk=signal.pk)
    if not rules.can_reassign(actor, signal):
        raise PermissionDenied(_("Only city staff and the responsible body can reassign a signal."))
    reason = _required_text(reason, "reason", _("Say why another body is responsible."))
    _check_body(responsible_body)
    with transaction.atomic():
        current = Signal.objects.select_for_update(of=("self",)).select_related("responsible_body").get(pk=signal.pk)
        check_version(current, expected_version)
        if current.status == Status.CLOSED:
            raise StepNotAllowed(_("A closed signal cannot be reassigned."))
        previous = current.responsible_body
        if previous is not None and previous.pk == responsible_body.pk:
            raise ValidationError({"responsible_body": [_("This body is already responsible.")]})
        author_org = _city_organisation(actor, current)
        current.responsible_body = responsible_body
        current.version += 1
        current.save(update_fields=["responsible_body", "version"])
        _timeline(
            current,
            kind=TimelineEntry.Kind.REASSIGNED,
            by=by,
            organisation=author_org,
            status_after=current.status,
            text=reason,
            message=timeline_texts.REASSIGNED,
            params={"old": previous.name if previous else "", "new": responsible_body.name},
        )
    notifications.reassigned(current, previous=previous, actor=by)
    return current


@caching.bumps("signals")
def signal_set_public(*, signal: Signal, by, is_public: bool, expected_version=None) -> Signal:
    actor = actor_for(by)
    if not rules.can_set_public(actor, signal):
        raise PermissionDenied(_("Only the reporting organisation decides whether its signal is public."))
    with transaction.atomic():
        current = Signal.objects.select_for_update(of=("self",)).get(pk=signal.pk)
        check_version(current, expected_version)
        if current.is_public != bool(is_public):
            current.is_public = bool(is_public)
            current.version += 1
            current.save(update_fields=["is_public", "version"])
    return current


def _comment_organisation(actor, signal: Signal):
    endorsers = frozenset(signal.endorsements.values_list("organisation_id", flat=True))
    ids = rules.commenting_organisation_ids(actor, signal, endorsers)
    if ids:
        return Organisation.objects.get(pk=ids[0])
    if actor.is_city_staff:
        return _city_organisation(actor, signal)
    raise PermissionDenied(
        _("Only the reporting organisation, endorsers, the responsible body and city staff comment.")
    )


@caching.bumps("signals")
def signal_comment(*, signal: Signal, by, text: str, is_internal: bool = False) -> TimelineEntry:
    """A comment on the signal's conversation, without reopening it: public to partners unless city staff mark
    it internal."""
    actor = actor_for(by)
    signal = Signal.objects.get(pk=signal.pk)
    organisation = _comment_organisation(actor, signal)
    if is_internal and not rules.can_mark_comment_internal(actor):
        raise PermissionDenied(_("Only city staff mark a comment internal."))
    text = _required_text(text, "text", _("Write a comment."))
    if signal.status == Status.CLOSED:
        raise StepNotAllowed(_("A closed signal takes no more comments."))
    entry = _timeline(
        signal, kind=TimelineEntry.Kind.COMMENT, by=by, organisation=organisation, text=text, is_internal=is_internal
    )
    notifications.commented(signal, entry, actor=by)
    return entry


@caching.bumps("signals")
def routing_save(*, by, choices: dict) -> None:
    """Replace the routing rules: ``choices`` maps a theme code to a body or None (no routing for that theme)."""
    if not rules.can_manage_routing(actor_for(by)):
        raise PermissionDenied(_("Only city admins edit the routing rules."))
    errors = {}
    for code, body in choices.items():
        if code not in Theme.values:
            errors[code] = [_("Unknown theme.")]
        elif body is not None:
            try:
                _check_body(body, code)
            except ValidationError as exc:
                errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        RoutingRule.objects.filter(theme__in=[c for c, b in choices.items() if b is None]).delete()
        for code, body in choices.items():
            if body is not None:
                RoutingRule.objects.update_or_create(theme=code, defaults={"body": body})


@caching.bumps("signals", "neighbourhoods")
def indicator_settings_save(*, by, indicator_endorsement_weight, indicator_theme: str = ""):
    """City admins set how signals weigh in the built-in indicator of area priority."""
    from signals.models import SignalSettings

    if not rules.can_manage_routing(actor_for(by)):
        raise PermissionDenied(_("Only city admins change how signals weigh in area priority."))
    if indicator_theme and indicator_theme not in Theme.values:
        raise ValidationError({"indicator_theme": [_("Unknown theme.")]})
    SignalSettings.objects.update_or_create(
        pk=1,
        defaults={"indicator_endorsement_weight": indicator_endorsement_weight, "indicator_theme": indicator_theme},
    )


@caching.bumps("signals")
def signal_merge(*, duplicate: Signal, into: Signal, by, reason: str = "") -> Signal:
    """City staff merge a duplicate into another signal: its endorsements, timeline, round candidacies and votes
    follow; its reporter becomes an endorser (with the duplicate's text as observation) and is notified. The
    duplicate closes and points to the signal it was merged into."""
    actor = actor_for(by)
    if not rules.can_merge(actor):
        raise PermissionDenied(_("Only city staff merge signals."))
    _check_text(reason or "", "reason")
    if duplicate.pk == into.pk:
        raise ValidationError({"into": [_("A signal cannot be merged into itself.")]})
    with transaction.atomic():
        first, second = sorted([duplicate.pk, into.pk])
        locked = {
            s.pk: s
            for s in Signal.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .filter(pk__in=[first, second])
        }
        dup, keep = locked[duplicate.pk], locked[into.pk]
        if Status.CLOSED in (dup.status, keep.status) or dup.merged_into_id or keep.merged_into_id:
            raise StepNotAllowed(_("Only open signals can be merged."))
        now = timezone.now()
        # Endorsements follow, except the kept signal's own reporter and organisations that endorse it already.
        taken = set(Endorsement.objects.filter(signal=keep).values_list("organisation_id", flat=True))
        taken.add(keep.organisation_id)
        for endorsement in Endorsement.objects.filter(signal=dup):
            if endorsement.organisation_id in taken:
                endorsement.delete()
            else:
                taken.add(endorsement.organisation_id)
                Endorsement.objects.filter(pk=endorsement.pk).update(signal=keep)
        if dup.organisation_id not in taken:
            Endorsement.objects.create(
                signal=keep,
                organisation=dup.organisation,
                endorsed_by=dup.reported_by,
                observation=f"{dup.title}\n{dup.description}"[:2000],
                created_at=dup.submitted_at,
            )
        TimelineEntry.objects.filter(signal=dup).update(signal=keep)
        # Round candidacies and votes follow; where both were candidates, the votes add up on the kept one.
        kept_rounds = set(RoundCandidate.objects.filter(signal=keep).values_list("round_id", flat=True))
        for candidacy in RoundCandidate.objects.filter(signal=dup):
            if candidacy.round_id in kept_rounds:
                candidacy.delete()
            else:
                RoundCandidate.objects.filter(pk=candidacy.pk).update(signal=keep)
        for vote in Vote.objects.filter(signal=dup):
            existing = Vote.objects.filter(round_id=vote.round_id, organisation_id=vote.organisation_id, signal=keep)
            if existing.exists():
                existing.update(votes=F("votes") + vote.votes)
                vote.delete()
            else:
                Vote.objects.filter(pk=vote.pk).update(signal=keep)
        dup.merged_into = keep
        dup.status = Status.CLOSED
        dup.closed_at = now
        dup.due_on = None
        dup.version += 1
        dup.save(update_fields=["merged_into", "status", "closed_at", "due_on", "version"])
        keep.version += 1
        keep.save(update_fields=["version"])
        author_org = _city_organisation(actor, keep)
        _timeline(
            keep,
            kind=TimelineEntry.Kind.MERGED,
            by=by,
            organisation=author_org,
            text=(reason or "").strip(),
            message=timeline_texts.MERGED_HERE,
            params={"duplicate": dup.title, "organisation": dup.organisation.name},
            status_after=keep.status,
        )
        _timeline(
            dup,
            kind=TimelineEntry.Kind.MERGED,
            by=by,
            organisation=author_org,
            message=timeline_texts.MERGED_INTO,
            params={"signal": keep.title},
            status_after=Status.CLOSED,
        )
    notifications.merged(dup, keep, actor=by)
    return keep


# Follow-up actions ---------------------------------------------------------------------------------


@caching.bumps("signals")
def action_add(*, signal: Signal, by, description: str, responsible_body: Organisation, due_on) -> SignalAction:
    """Plan a follow-up action on a signal in progress or answered with "action planned"."""
    actor = actor_for(by)
    signal = Signal.objects.get(pk=signal.pk)  # who is responsible now, not when the caller read it
    if not rules.can_manage_actions(actor, signal):
        raise PermissionDenied(_("Only the responsible body plans follow-up actions."))
    errors = {}
    description = (description or "").strip()
    if not description:
        errors["description"] = [_("Say what will be done.")]
    else:
        try:
            validate_no_personal_data(description)
        except ValidationError as exc:
            errors["description"] = exc.messages
    try:
        _check_body(responsible_body)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if due_on is None:
        errors["due_on"] = [_("Give a due date.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Signal.objects.select_for_update(of=("self",)).get(pk=signal.pk)
        plannable = current.status == Status.IN_PROGRESS or (
            current.status == Status.ANSWERED and current.outcome == Outcome.ACTION_PLANNED
        )
        if not plannable:
            raise StepNotAllowed(
                _("Follow-up actions are planned while a signal is in progress or answered with “action planned”.")
            )
        action = SignalAction.objects.create(
            signal=current, description=description, responsible_body=responsible_body, due_on=due_on, created_by=by
        )
        if current.confirmation_requested_at and not current.confirmation:
            # A new action after the request: the reporter is asked again once it is finished.
            current.confirmation_requested_at = None
            current.version += 1
            current.save(update_fields=["confirmation_requested_at", "version"])
        _timeline(
            current,
            kind=TimelineEntry.Kind.ACTION,
            by=by,
            organisation=_city_organisation(actor, current),
            message=timeline_texts.ACTION_PLANNED,
            params=timeline_texts.action_params(action),
            status_after=current.status,
        )
    notifications.action_assigned(action, actor=by)
    return action


@caching.bumps("signals")
def action_update(
    *,
    action: SignalAction,
    by,
    status: str | None = None,
    progress: int | None = None,
    note: str = "",
    expected_version=None,
) -> SignalAction:
    """Report progress on an action; done means 100 %; dropped needs a reason (``note``). A timeline entry each."""
    actor = actor_for(by)
    if not rules.can_update_action(actor, action):
        raise PermissionDenied(_("Only the body that carries this action and the responsible body update it."))
    errors = {}
    if status is not None and status not in SignalAction.State.values:
        errors["status"] = [_("Unknown status.")]
    if progress is not None and not 0 <= int(progress) <= 100:
        errors["progress"] = [_("Progress is a percentage from 0 to 100.")]
    note = (note or "").strip()
    if note:
        try:
            validate_no_personal_data(note)
        except ValidationError as exc:
            errors["note"] = exc.messages
    if status == SignalAction.State.DROPPED and not note:
        errors["note"] = [_("Say why the action is dropped.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        signal = Signal.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=action.signal_id)
        current = (
            SignalAction.objects.select_for_update(of=("self",)).select_related("responsible_body").get(pk=action.pk)
        )
        check_version(current, expected_version)
        if current.is_finished:
            raise StepNotAllowed(_("This action is already done or dropped."))
        if signal.status == Status.CLOSED:
            raise StepNotAllowed(_("The signal is closed."))
        if status is not None:
            current.status = status
        if progress is not None:
            current.progress = int(progress)
        if current.status == SignalAction.State.DONE:
            current.progress = 100
        if current.status == SignalAction.State.DROPPED:
            current.drop_reason = note
        if current.is_finished:
            current.finished_on = timezone.localdate()
        elif current.progress > 0 and current.status == SignalAction.State.PLANNED:
            current.status = SignalAction.State.IN_PROGRESS
        current.version += 1
        current.save()
        _timeline(
            signal,
            kind=TimelineEntry.Kind.ACTION,
            by=by,
            organisation=current.responsible_body if actor.is_member_of(current.responsible_body_id) else None,
            text=note,
            message=timeline_texts.ACTION_UPDATED,
            params=timeline_texts.action_params(current),
            status_after=signal.status,
        )
        if current.is_finished:
            _ask_confirmation_when_actions_finished(signal, by=by)
    notifications.action_updated(current, signal, actor=by)
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
            notifications.endorsed(signal, endorsement, actor=by)
    except IntegrityError as exc:
        raise StepNotAllowed(_("Your organisation already endorsed this signal.")) from exc
    return endorsement


@caching.bumps("signals")
def signal_add_note(*, signal: Signal, by, text: str, is_internal: bool = False) -> TimelineEntry:
    actor = actor_for(by)
    signal = Signal.objects.get(pk=signal.pk)
    if not rules.can_add_note(actor, signal):
        raise PermissionDenied(_("Only city staff and the responsible body add notes."))
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
    *,
    by,
    title: str,
    signals: Iterable[Signal],
    votes_per_organisation: int,
    top_n: int,
    description: str = "",
    opens_at=None,
    closes_at=None,
    tie_rule: str = PrioritisationRound.TieRule.ENDORSEMENTS_THEN_EARLIER,
) -> PrioritisationRound:
    """Open a round: its candidates, votes, opening and closing moments and tie rule are fixed from here on
    (no service changes them later: the tie rule is frozen before anyone votes)."""
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
    now = timezone.now()
    opens_at = opens_at or now
    if closes_at is not None and closes_at <= max(opens_at, now):
        errors["closes_at"] = [_("Voting must close after it opens, and in the future.")]
    if tie_rule not in PrioritisationRound.TieRule.values:
        errors["tie_rule"] = [_("Choose a tie rule from the list.")]
    elif tie_rule == PrioritisationRound.TieRule.YOUTH_RANKING_FIRST and not round_columns.youth_ranks_available():
        errors["tie_rule"] = [_("The portal keeps no young people's ranking: choose another tie rule.")]
    if errors:
        raise ValidationError(errors)
    item = PrioritisationRound(
        title=title,
        description=description,
        votes_per_organisation=votes_per_organisation,
        top_n=top_n,
        opened_by=by,
        opens_at=opens_at,
        closes_at=closes_at,
        tie_rule=tie_rule,
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
    why_not = rules.why_organisation_may_not_vote(organisation)
    if why_not:
        raise PermissionDenied(why_not)
    if not actor.is_admin_of(organisation.pk):
        raise PermissionDenied(_("Only an admin of the organisation can cast its votes."))
    with transaction.atomic():
        current = PrioritisationRound.objects.select_for_update().get(pk=round.pk)
        if not current.has_started:
            raise StepNotAllowed(_("Voting in this round has not opened yet."))
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
    """Close voting now (a city admin), count the votes, publish the ranking and mark the priority signals."""
    if not rules.can_manage_rounds(actor_for(by)):
        raise PermissionDenied(_("Only city admins close prioritisation rounds."))
    with transaction.atomic():
        current = PrioritisationRound.objects.select_for_update().get(pk=round.pk)
        check_version(current, expected_version)
        if current.state == PrioritisationRound.State.CLOSED:
            raise StepNotAllowed(_("This round is already closed."))
        _publish_result(current, by=by)
    _announce_result(current, by=by)
    return current


def _publish_result(current: PrioritisationRound, *, by) -> None:
    from django.db.models import Count

    totals = {}
    for signal_id, votes in Vote.objects.filter(round=current).values_list("signal_id", "votes"):
        totals[signal_id] = totals.get(signal_id, 0) + votes
    entries = {
        e.signal_id: e
        for e in current.entries.select_related("signal").annotate(endorsements=Count("signal__endorsements"))
    }
    youth = {}
    if current.tie_rule == PrioritisationRound.TieRule.YOUTH_RANKING_FIRST:
        youth = round_columns.youth_ranks(current, list(entries))
    ranked = ranking.rank(
        [
            ranking.Candidate(
                e.signal_id, totals.get(e.signal_id, 0), e.endorsements, e.signal.submitted_at, youth.get(e.signal_id)
            )
            for e in entries.values()
        ],
        top_n=current.top_n,
        tie_rule=current.tie_rule,
    )
    now = timezone.now()
    for row in ranked:
        entries[row.signal_id].rank = row.rank
        entries[row.signal_id].total_votes = row.votes
    RoundCandidate.objects.bulk_update(list(entries.values()), ["rank", "total_votes"])
    for row in ranked:
        if not row.is_priority:
            continue
        Signal.objects.filter(pk=row.signal_id).update(priority_round=current, priority_rank=row.rank)
        TimelineEntry.objects.create(
            signal_id=row.signal_id,
            kind=TimelineEntry.Kind.PRIORITY,
            created_at=now,
            author=by,
            message=timeline_texts.PRIORITY,
            params={"rank": row.rank, "round": current.title},
        )
    current.state = PrioritisationRound.State.CLOSED
    current.closed_at = now
    current.closed_by = by
    current.version += 1
    current.save(update_fields=["state", "closed_at", "closed_by", "version"])


def _round_audience() -> list:
    """Who hears about rounds: the admins of the organisations that may vote, and the city admins."""

    voters = rules.signatory_organisation_ids()
    return list(
        members(
            Q(organisation_id__in=voters)
            | Q(
                organisation__kind=Organisation.Kind.CITY_SERVICE,
                organisation__is_active=True,
                organisation__is_approved=True,
            ),
            admins_only=True,
        )
    )


def _announce_result(current: PrioritisationRound, *, by) -> None:
    notifications.round_event("signals.round_result", current, _round_audience(), actor=by)


CLOSING_REMINDER = timedelta(days=2)


@caching.bumps("signals")
def rounds_run_schedule(*, now=None) -> dict[str, list[PrioritisationRound]]:
    """What the scheduled command does (``run_signal_rounds``): announce rounds that opened, remind two days
    before closing, publish the result of rounds past their closing moment. Each once."""
    now = now or timezone.now()
    done = {"opened": [], "reminded": [], "published": []}
    open_rounds = PrioritisationRound.objects.filter(state=PrioritisationRound.State.OPEN)
    for item in open_rounds.filter(opens_at__lte=now, opening_announced_at__isnull=True):
        PrioritisationRound.objects.filter(pk=item.pk).update(opening_announced_at=now)
        notifications.round_event("signals.round_opened", item, _round_audience())
        done["opened"].append(item)
    for item in open_rounds.filter(
        closes_at__gt=now, closes_at__lte=now + CLOSING_REMINDER, closing_reminded_at__isnull=True
    ):
        PrioritisationRound.objects.filter(pk=item.pk).update(closing_reminded_at=now)
        notifications.round_event("signals.round_closing", item, _round_audience())
        done["reminded"].append(item)
    for item in open_rounds.filter(closes_at__lte=now):
        with transaction.atomic():
            current = PrioritisationRound.objects.select_for_update().get(pk=item.pk)
            if current.state == PrioritisationRound.State.CLOSED:
                continue
            _publish_result(current, by=None)
        _announce_result(current, by=None)
        done["published"].append(current)
    return done


# Reminders ---------------------------------------------------------------------------------------

REMIND_DAYS_BEFORE = 2


def _reminder_recipients(signal: Signal) -> list:
    if signal.status == Status.SUBMITTED:
        # No service is responsible yet: the city admins must take the signal in.
        return list(city_admins())
    return list(members(organisation_id=signal.responsible_body_id))


@caching.bumps("signals")
def signal_send_reminders(*, today=None) -> list:
    """E-mail a reminder before each deadline and once it is overdue, once per deadline; returns what was sent."""
    from signals.models import ReminderSent

    today = today or timezone.localdate()
    horizon = today + timedelta(days=REMIND_DAYS_BEFORE)
    due = (
        Signal.objects.filter(due_on__isnull=False, due_on__lte=horizon)
        .exclude(status__in=[Status.ANSWERED, Status.CLOSED])
        .select_related("organisation", "responsible_body")
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
