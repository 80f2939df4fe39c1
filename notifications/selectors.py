from charter_portal import caching
from notifications.models import Notification


def notifications_of(user, *, unread_only: bool = False):
    rows = Notification.objects.filter(recipient=user)
    return rows.unread() if unread_only else rows


def unread_count(user) -> int:
    """The count in the page header's bell: kept per person under the notifications domain, which every
    notification written, read or removed bumps (notifications.services, notifications.receivers, the admin), so
    the count is never older than the person's last request. It is that person's alone: the key holds their id."""
    return caching.kept(
        ("notifications",),
        ("unread", user.pk),
        lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
    )
