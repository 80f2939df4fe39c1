import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel


class OfferQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Offer.Status.PUBLISHED, organisation__is_active=True)

    def running_on(self, day):
        """Offers whose period includes ``day``: no start means already running, no end means ongoing."""
        return self.filter(
            models.Q(starts_on__isnull=True) | models.Q(starts_on__lte=day),
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day),
        )


class Offer(VersionedModel):
    """An organisation's offer (aanbod): what it does, for which functions, where."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="offers", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    functions = models.ManyToManyField("organisations.Function", related_name="offers", verbose_name=_("functions"))
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood", blank=True, related_name="offers", verbose_name=_("neighbourhoods")
    )
    movement_circles = models.ManyToManyField(
        "neighbourhoods.MovementCircle", blank=True, related_name="offers", verbose_name=_("movement circles")
    )
    is_warm_place = models.BooleanField(_("warm place"), default=False)
    is_mobile = models.BooleanField(_("mobile or outreach work"), default=False)
    address = models.CharField(_("address"), max_length=255, blank=True)
    age_min = models.PositiveSmallIntegerField(
        _("minimum age"), default=0, validators=[MinValueValidator(0), MaxValueValidator(30)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("maximum age"), default=30, validators=[MinValueValidator(0), MaxValueValidator(30)]
    )
    weekly_hours = models.DecimalField(
        _("hours per week"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(168)],
    )
    schedule = models.TextField(_("schedule"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost_description = models.CharField(_("cost"), max_length=255, blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    bridge_sectors = models.ManyToManyField(
        "organisations.Sector", blank=True, related_name="bridge_offers", verbose_name=_("sectors it links to")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OfferQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["version", "updated_at"], m2m_fields=[functions, neighbourhoods, movement_circles]
    )

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [models.Index(fields=["status", "organisation"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(age_min__lte=models.F("age_max")), name="offer_age_range"),
            models.CheckConstraint(
                condition=models.Q(weekly_hours__gte=0, weekly_hours__lte=168), name="offer_weekly_hours_range"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="offer_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title
