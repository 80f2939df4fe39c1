"""Daily and weekly digests: per person and category, the unread notifications no earlier e-mail carried.

``send_digests(period)`` runs from cron (``manage.py send_digests daily`` every morning, ``weekly`` on Mondays). A
``Digest`` row is unique per person, period, period start and category, so a second run in the same period sends
nothing; a person with nothing new gets nothing. Read notifications older than a year are removed by the same run.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from charter_portal.mail import send_portal_mail
from notifications.models import Category, Digest, Notification, Preference, default_frequency
from notifications.services import absolute, unsubscribe_headers, unsubscribe_url

KEEP_READ = timedelta(days=365)


def period_start(period: str, today):
    return today if period == Digest.Period.DAILY else today - timedelta(days=today.weekday())


def _pending(now):
    return Notification.objects.filter(
        read_at__isnull=True, digest__isnull=True, emailed_at__isnull=True, created_at__lte=now
    )


def send_digests(period: str, *, now=None) -> int:
    """Send this period's digests; returns how many e-mails were queued."""
    if period not in Digest.Period.values:
        raise ValueError(period)
    now = now or timezone.now()
    start = period_start(period, timezone.localdate(now))
    groups = set(_pending(now).values_list("recipient_id", "category").distinct())
    chosen = {
        (user_id, category): frequency
        for user_id, category, frequency in Preference.objects.filter(
            user_id__in={user_id for user_id, _category in groups}
        ).values_list("user_id", "category", "frequency")
    }
    due = sorted(key for key in groups if chosen.get(key, default_frequency(key[1])) == period)
    sent = 0
    for user_id, category in due:
        if _send_one(user_id, category, period, start, now):
            sent += 1
    return sent


def _send_one(user_id: int, category: str, period: str, start, now) -> bool:
    try:
        with transaction.atomic():
            digest = Digest.objects.create(recipient_id=user_id, period=period, period_start=start, category=category)
            rows = list(_pending(now).filter(recipient_id=user_id, category=category).select_related("recipient"))
            if not rows:
                transaction.set_rollback(True)
                return False
            Notification.objects.filter(pk__in=[row.pk for row in rows]).update(digest=digest)
            person = rows[0].recipient
            if not person.email or not person.is_active:
                return False
            link = unsubscribe_url(user_id, category)
            send_portal_mail(
                to=person.email,
                language=person.preferred_language,
                subject_template="notifications/email/digest_subject.txt",
                body_template="notifications/email/digest.txt",
                context={
                    "period": period,
                    "category": Category(category),
                    "rows": [(row, absolute(row.url)) for row in rows],
                    "unsubscribe_url": link,
                    "notifications_url": absolute(reverse("notifications:list")),
                },
                kind=f"digest {period} {category}",
                headers=unsubscribe_headers(link),
            )
            return True
    except IntegrityError:  # this person's digest of this period and category went out already
        return False


def prune(now=None) -> int:
    """Remove read notifications older than a year: they are messages, not the portal's records."""
    now = now or timezone.now()
    deleted, _per_model = Notification.objects.filter(read_at__isnull=False, read_at__lt=now - KEEP_READ).delete()
    return deleted
