from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import SHORT_TEXT


class SharedSpaceQuerySet(models.QuerySet):
    def listed(self):
        """Spaces on offer to other partners: not withdrawn, of an active organisation."""
        return self.filter(is_active=True, organisation__is_active=True)


class SharedSpace(VersionedModel):
    """A space an organisation can share with other partners (principle 3, sharing infrastructure)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="shared_spaces",
        verbose_name=_("organisation"),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        validators=[validate_no_personal_data],
        help_text=_("For example: the big hall of our youth house."),
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="shared_spaces",
        verbose_name=_("neighbourhood"),
    )
    # The address and the contact are the organisation's own public details: the guard does not check them.
    address = models.CharField(_("address"), max_length=255, validators=[validate_no_personal_data])
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many people fit in the space."),
    )
    facilities = models.TextField(
        _("facilities"),
        blank=True,
        validators=[validate_no_personal_data],
        help_text=_("For example: kitchen, projector, football pitch, wheelchair accessible toilet."),
        max_length=SHORT_TEXT,
    )
    availability = models.TextField(
        _("when it is available"),
        validators=[validate_no_personal_data],
        help_text=_("For example: weekdays after 17:00, not during school holidays."),
        max_length=SHORT_TEXT,
    )
    contact = models.CharField(
        _("contact for bookings"),
        max_length=255,
        help_text=_("Your organisation's public e-mail address or phone number for bookings."),
    )
    is_active = models.BooleanField(
        _("listed"), default=True, help_text=_("Untick to withdraw the space from the directory.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SharedSpaceQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"], table_name="organisations_historicalsharedspace")

    class Meta:
        db_table = "organisations_sharedspace"  # kept from the time offers lived in organisations
        ordering = ["name", "id"]
        verbose_name = _("shared space")
        verbose_name_plural = _("shared spaces")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1), name="space_capacity_positive"
            )
        ]

    def __str__(self):
        return self.name
