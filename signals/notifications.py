"""E-mails about signals, each in the recipient's preferred language."""

from django.conf import settings
from django.urls import reverse

from charter_portal.mail import send_portal_mail
from organisations.selectors import member_organisation_ids, members


def _send(users, template: str, context: dict) -> list[str]:
    """Queue one mail per active user with an address (sent after commit); returns those addresses."""
    sent = []
    for user in users:
        if not user.email or not user.is_active:
            continue
        send_portal_mail(
            to=user.email,
            language=user.preferred_language,
            subject_template=f"signals/email/{template}_subject.txt",
            body_template=f"signals/email/{template}.txt",
            context={**context, "recipient": user},
        )
        sent.append(user.email)
    return sent


def _signal_url(signal) -> str:
    return settings.SITE_URL + reverse("signals:detail", args=[signal.pk])


def signal_step(signal, kind: str, *, actor=None) -> None:
    """The reporter gets a receipt of a new signal by e-mail; every later step is news for the members of the
    reporting organisation (and a confirmation also for the responsible body), through notifications."""
    from signals.models import TimelineEntry

    if kind == TimelineEntry.Kind.SUBMITTED:
        _send([signal.reported_by], "step", {"signal": signal, "kind": kind, "url": _signal_url(signal)})
        return
    notification_kind = STEP_KINDS.get(kind)
    if notification_kind is None:
        return
    ids = [signal.organisation_id]
    if kind == TimelineEntry.Kind.CONFIRMED:
        ids.append(signal.responsible_body_id)
    _notify(
        notification_kind,
        _members_of(*ids),
        actor=actor,
        actor_organisation=_organisation_of(actor, signal.responsible_body_id, signal.organisation_id),
        target=signal,
        params={"signal": signal.title},
    )


def _organisation_of(actor, *organisation_ids):
    """The organisation among these that the person acted for (the first they are a member of)."""
    from organisations.models import Organisation

    ids = [pk for pk in organisation_ids if pk is not None]
    if actor is None or not ids:
        return None
    return Organisation.objects.filter(pk__in=ids).filter(pk__in=member_organisation_ids(actor)).order_by("pk").first()


STEP_KINDS = {
    "acknowledged": "signals.acknowledged",
    "started": "signals.started",
    "answered": "signals.answered",
    "closed": "signals.closed",
    "reopened": "signals.step_reopened",
    "confirmed": "signals.confirmed",
}


def endorsers_answered(signal, *, actor=None) -> None:
    """The organisations that endorsed a signal hear of its answer."""
    ids = list(signal.endorsements.values_list("organisation_id", flat=True))
    _notify(
        "signals.endorsed_answered",
        _members_of(*ids),
        actor=actor,
        actor_organisation=_organisation_of(actor, signal.responsible_body_id),
        target=signal,
        params={"signal": signal.title},
    )


def endorsed(signal, endorsement, *, actor) -> None:
    """An endorsement is news for the reporting organisation and the responsible body."""
    _notify(
        "signals.endorsed",
        _members_of(signal.organisation_id, signal.responsible_body_id),
        actor=actor,
        actor_organisation=endorsement.organisation,
        target=signal,
        params={"signal": signal.title},
    )


def reminder(signal, users, *, deadline: str, stage: str, due_on) -> list[str]:
    return _send(
        users,
        "reminder",
        {"signal": signal, "deadline": deadline, "stage": stage, "due_on": due_on, "url": _signal_url(signal)},
    )


# Events through the portal's notifications (notifications.services.notify); kinds in signals/events.py.


def _notify(kind: str, recipients, *, actor, target, params: dict, actor_organisation=None) -> None:
    from django.apps import apps

    if not apps.is_installed("notifications"):
        return
    from notifications.services import notify

    notify(
        kind,
        recipients,
        actor=actor,
        actor_organisation=actor_organisation,
        target=target,
        params={k: str(v) for k, v in params.items()},
    )


def _members_of(*organisation_ids) -> list:
    ids = [pk for pk in organisation_ids if pk is not None]
    if not ids:
        return []
    return list(members(organisation_id__in=ids))


def body_assigned(signal, *, actor, reopened: bool = False) -> None:
    """The responsible body's staff must act: a routed, acknowledged, changed or reopened signal."""
    kind = "signals.reopened" if reopened else "signals.assigned"
    params = {"signal": signal.title, "body": signal.responsible_body.name if signal.responsible_body else ""}
    _notify(kind, _members_of(signal.responsible_body_id), actor=actor, target=signal, params=params)


def reassigned(signal, *, previous, actor) -> None:
    params = {"signal": signal.title, "body": signal.responsible_body.name}
    recipients = _members_of(signal.responsible_body_id, getattr(previous, "pk", None))
    _notify("signals.reassigned", recipients, actor=actor, target=signal, params=params)


def confirmation_asked(signal, *, actor) -> None:
    _notify(
        "signals.confirmation_asked",
        _members_of(signal.organisation_id),
        actor=actor,
        target=signal,
        params={"signal": signal.title},
    )


def commented(signal, entry, *, actor) -> None:
    """Internal comments reach the responsible body only; others the reporter, the endorsers and the body."""
    if entry.is_internal:
        ids = [signal.responsible_body_id]
    else:
        ids = [
            signal.organisation_id,
            signal.responsible_body_id,
            *signal.endorsements.values_list("organisation_id", flat=True),
        ]
    _notify(
        "signals.commented",
        _members_of(*ids),
        actor=actor,
        actor_organisation=entry.author_organisation,
        target=signal,
        params={"signal": signal.title},
    )


def action_assigned(action, *, actor) -> None:
    signal = action.signal
    params = {"signal": signal.title, "action": action.description[:80], "body": action.responsible_body.name}
    _notify(
        "signals.action_planned", _members_of(action.responsible_body_id), actor=actor, target=signal, params=params
    )
    _notify("signals.action_news", _members_of(signal.organisation_id), actor=actor, target=signal, params=params)


def action_updated(action, signal, *, actor) -> None:
    params = {"signal": signal.title, "action": action.description[:80], "status": action.get_status_display()}
    recipients = _members_of(signal.organisation_id, signal.responsible_body_id)
    _notify("signals.action_updated", recipients, actor=actor, target=signal, params=params)


def merged(duplicate, into, *, actor) -> None:
    _notify(
        "signals.merged",
        _members_of(duplicate.organisation_id),
        actor=actor,
        target=into,
        params={"signal": duplicate.title, "into": into.title},
    )


def round_event(kind: str, round, recipients, *, actor=None) -> None:
    _notify(kind, recipients, actor=actor, target=round, params={"round": round.title})
