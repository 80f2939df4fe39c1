"""E-mails about signals, each in the recipient's preferred language."""

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from charter_portal.mail import send_portal_mail


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


def _members(organisation_id) -> list:
    if organisation_id is None:
        return []
    return list(
        User.objects.filter(memberships__organisation_id=organisation_id, is_active=True).distinct().order_by("pk")
    )


def signal_step(signal, kind: str) -> None:
    """The reporter hears about each step of their signal."""
    _send([signal.reported_by], "step", {"signal": signal, "kind": kind, "url": _signal_url(signal)})


def service_assigned(signal, *, reopened: bool = False) -> None:
    _send(
        _members(signal.responsible_service_id),
        "assigned",
        {"signal": signal, "reopened": reopened, "url": _signal_url(signal)},
    )


def endorsers_answered(signal) -> None:
    users = User.objects.filter(pk__in=signal.endorsements.values("endorsed_by")).order_by("pk")
    _send(users, "answered_endorser", {"signal": signal, "url": _signal_url(signal)})


def reminder(signal, users, *, deadline: str, stage: str, due_on) -> list[str]:
    return _send(
        users,
        "reminder",
        {"signal": signal, "deadline": deadline, "stage": stage, "due_on": due_on, "url": _signal_url(signal)},
    )
