"""Sending notifications, reading them, and a person's choice of e-mail.

``notify()`` is the one way an app tells people about an event: it stores one notification per person (never for the
one who did it, never twice for one person), and e-mails it at once to those who chose "immediately" for the event's
category, in their own language, after the transaction commits (charter_portal.mail). Digests are sent by
``send_digests`` (notifications.digests).
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy

from charter_portal import caching
from charter_portal.mail import send_portal_mail
from notifications.kinds import get_kind
from notifications.models import Category, Frequency, Notification, Preference, default_frequency
from notifications.rendering import render_title
from notifications.tokens import unsubscribe_token


def _people(recipients: Iterable, actor) -> list:
    seen, people = set(), []
    actor_id = getattr(actor, "pk", None)
    for user in recipients:
        if user is None or user.pk in seen or user.pk == actor_id or not user.is_active:
            continue
        seen.add(user.pk)
        people.append(user)
    return people


def notify(
    kind: str,
    recipients: Iterable,
    *,
    actor=None,
    actor_organisation=None,
    target=None,
    params: dict | None = None,
    url: str | None = None,
) -> list[Notification]:
    """Tell ``recipients`` (users) that ``kind`` happened; returns the stored notifications.

    ``target`` is what it is about (its ``get_absolute_url()`` is the link unless ``url`` is given);
    ``params`` fill the kind's title (JSON-able values: names, numbers, dates as text).
    """
    registered = get_kind(kind)
    if registered is None:
        raise ValueError(f"notification kind {kind!r} is not registered")
    people = _people(recipients, actor)
    if not people:
        return []
    if url is None and target is not None and hasattr(target, "get_absolute_url"):
        url = target.get_absolute_url()
    actor_name = (getattr(actor, "full_name", "") or "").strip() if actor is not None else ""
    organisation_name = str(getattr(actor_organisation, "name", "") or "")
    rows = Notification.objects.bulk_create(
        Notification(
            recipient=person,
            kind=kind,
            category=registered.category,
            params=params or {},
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=actor_name,
            actor_organisation_name=organisation_name,
            url=url or "",
            object_type=target._meta.model_name if target is not None else "",
            object_id=getattr(target, "pk", None),
        )
        for person in people
    )
    caching.bump("notifications")  # bulk_create sends no post_save: the header's count changes
    for row, person in zip(rows, people, strict=True):
        row.recipient = person
    _mail_now(rows, registered.category)
    return rows


def frequencies(user_ids: Iterable[int], category: str) -> dict[int, str]:
    """Each person's e-mail choice for ``category`` (the default where they made none), in one query."""
    user_ids = list(user_ids)
    chosen = dict(
        Preference.objects.filter(user_id__in=user_ids, category=category).values_list("user_id", "frequency")
    )
    return {user_id: chosen.get(user_id, default_frequency(category)) for user_id in user_ids}


def absolute(path: str) -> str:
    return settings.SITE_URL + path if path.startswith("/") else path


def unsubscribe_url(user_id: int, category: str) -> str:
    return absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id, category)]))


def unsubscribe_headers(link: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe: mail programs POST ``List-Unsubscribe=One-Click`` to the link."""
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


_lazy_title = lazy(render_title, str)


def _mail_now(rows: list[Notification], category: str) -> None:
    chosen = frequencies((row.recipient_id for row in rows), category)
    mailed = []
    for row in rows:
        person = row.recipient
        if chosen[person.pk] != Frequency.IMMEDIATE or not person.email:
            continue
        link = unsubscribe_url(person.pk, category)
        send_portal_mail(
            to=person.email,
            language=person.preferred_language,
            subject=_lazy_title(row),
            body_template="notifications/email/notification.txt",
            context={"notification": row, "url": absolute(row.url), "unsubscribe_url": link},
            kind=f"notification {row.kind}",
            headers=unsubscribe_headers(link),
        )
        mailed.append(row.pk)
    if mailed:
        Notification.objects.filter(pk__in=mailed).update(emailed_at=timezone.now())


def mark_read(user, notification_id: int) -> Notification:
    """Mark one of the person's own notifications read (someone else's is a 404)."""
    notification = get_object_or_404(Notification, pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    if marked:
        caching.bump("notifications")  # an update sends no post_save
    return marked


def preferences_for(user) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("category", "frequency"))
    return {category: chosen.get(category, default_frequency(category)) for category in Category.values}


@transaction.atomic
def set_preferences(user, choices: dict[str, str]) -> dict[str, str]:
    """Store the person's choices (category -> frequency); unknown categories or frequencies raise ValueError."""
    for category, frequency in choices.items():
        if category not in Category.values or frequency not in Frequency.values:
            raise ValueError(f"{category!r}: {frequency!r}")
    for category, frequency in choices.items():
        Preference.objects.update_or_create(user=user, category=category, defaults={"frequency": frequency})
    return preferences_for(user)


def unsubscribe(user_id: int, category: str) -> bool:
    """Stop e-mail of one category for one person (from a signed link); False when the person no longer exists."""
    from accounts.models import User

    user = User.objects.filter(pk=user_id).first()
    if user is None or category not in Category.values:
        return False
    set_preferences(user, {category: Frequency.OFF})
    return True
