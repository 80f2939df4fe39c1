from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel


class AreaQuerySet(models.QuerySet):
    def priority(self):
        """Areas whose effective priority is on: the override where set, the data-driven decision otherwise."""
        return self.filter(
            models.Q(priority_override=True) | models.Q(priority_override__isnull=True, computed_priority=True)
        )


class Area(VersionedModel):
    """What neighbourhoods and movement circles share: a name and a priority that follows from data (R1)."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    computed_priority = models.BooleanField(
        _("priority from data"),
        default=False,
        help_text=_("Set by the latest priority decision based on the indicators."),
    )
    priority_override = models.BooleanField(
        _("priority override"),
        null=True,
        blank=True,
        help_text=_("Leave empty to follow the data. An override needs a written motivation."),
    )
    priority_motivation = models.TextField(_("motivation for the override"), blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def is_priority(self) -> bool:
        if self.priority_override is not None:
            return self.priority_override
        return self.computed_priority

    @property
    def priority_is_overridden(self) -> bool:
        return self.priority_override is not None


class Neighbourhood(Area):
    """One of Ghent's 25 city neighbourhoods (wijken)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    geometry = models.JSONField(
        _("geometry"), null=True, blank=True, help_text=_("GeoJSON geometry in WGS84 (longitude, latitude).")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(priority_override__isnull=True) | ~models.Q(priority_motivation=""),
                name="neighbourhood_override_needs_motivation",
            )
        ]


class MovementCircle(Area):
    """The area young people actually move around in (beweegcirkel); usually spans several neighbourhoods."""

    neighbourhoods = models.ManyToManyField(
        Neighbourhood, related_name="movement_circles", verbose_name=_("neighbourhoods")
    )

    history = HistoricalRecords(m2m_fields=[neighbourhoods])

    class Meta:
        ordering = ["name"]
        verbose_name = _("movement circle")
        verbose_name_plural = _("movement circles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(priority_override__isnull=True) | ~models.Q(priority_motivation=""),
                name="movementcircle_override_needs_motivation",
            )
        ]
