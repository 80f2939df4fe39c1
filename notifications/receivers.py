"""A notification saved one by one (marked read, written by a test's factory or a script) changes the count in
the page header: bump the notifications domain it is kept under (notifications.selectors.unread_count). Writes in
bulk bump in their service; the admin bumps by itself (charter_portal.admin.CacheBumpingAdmin)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from charter_portal import caching
from notifications.models import Notification


@receiver(post_save, sender=Notification, dispatch_uid="notifications-notification-saved")
def notification_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"emailed_at", "digest"}:
        return  # mailing it or putting it in a digest changes nothing the header counts
    caching.bump("notifications")
