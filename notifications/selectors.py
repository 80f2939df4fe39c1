from charter_portal import caching
from notifications.models import Notification


def notifications_of(user, *, unread_only: bool = False):
    rows = Notification.objects.filter(recipient=user)
    return rows.unread() if unread_only else rows


def unread_count(user) -> int:
    """The count in the page header's bell: kept per person under the notifications domain, which every
    notification written or read bumps (notifications.services, notifications.receivers), and every change in the
    admin; a row deleted by a script shows after the expiry backstop. It is that person's alone: the key holds
    their id."""
    return caching.kept(
        ("notifications",),
        ("unread", user.pk),
        lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
    )
