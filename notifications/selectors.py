from notifications.models import Notification


def notifications_of(user, *, unread_only: bool = False):
    rows = Notification.objects.filter(recipient=user)
    return rows.unread() if unread_only else rows


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
