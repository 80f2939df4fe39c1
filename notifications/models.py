"""Notifications: messages to one person about an event that concerns them, and how each person wants mail.

A notification is a message, not a record of the portal: it holds the event's kind and parameters (rendered in the
reader's language when read, notifications.kinds), who did it (their name and organisation's name as they were,
never an e-mail address), and the path it links to. Read notifications older than a year are removed by
``send_digests``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.categories import Category, Frequency
from notifications.rendering import render_title

DEFAULT_FREQUENCY = {Category.ACTION_NEEDED: Frequency.IMMEDIATE}  # every other category: daily


def default_frequency(category: str) -> str:
    return DEFAULT_FREQUENCY.get(category, Frequency.DAILY)


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=80)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    actor_name = models.CharField(_("done by (name)"), max_length=150, blank=True)
    actor_organisation_name = models.CharField(_("done by (organisation)"), max_length=200, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    object_type = models.CharField(_("object type"), max_length=40, blank=True)
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    digest = models.ForeignKey(
        "notifications.Digest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("digest"),
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def title(self) -> str:
        return render_title(self)


class Preference(models.Model):
    """A person's choice of e-mail for one category; without a row the category's default holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    frequency = models.CharField(_("e-mail"), max_length=10, choices=Frequency.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "category"], name="one_preference_per_category")]

    def __str__(self):
        return f"{self.user_id} {self.category}: {self.frequency}"


class Digest(models.Model):
    """One digest e-mail: at most one per person, period and category (so a second run of the command sends nothing)."""

    class Period(models.TextChoices):
        DAILY = "daily", _("daily")
        WEEKLY = "weekly", _("weekly")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    period_start = models.DateField(_("period start"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "period", "period_start", "category"], name="one_digest_per_period_category"
            )
        ]

    def __str__(self):
        return f"{self.period} {self.period_start} {self.category} → {self.recipient_id}"
