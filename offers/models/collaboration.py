from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel
from charter_portal.periods import PeriodQuerySet, is_running
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import TEXT


class CollaborationQuerySet(PeriodQuerySet):
    def for_actor_visible(self, actor):
        """Collaborations a person may see: city staff all, partners those their organisation is part of."""
        if actor.is_city_staff:
            return self
        if not actor.is_authenticated:
            return self.none()
        # A semi-join, not a join with DISTINCT: a page and its count then read each collaboration once, without
        # comparing whole rows (their aggregated links included) to drop the duplicates a join would make.
        memberships = CollaborationMember.objects.filter(organisation_id__in=actor.member_organisation_ids)
        return self.filter(pk__in=memberships.values("collaboration_id"))


class Collaboration(VersionedModel):
    """A collaboration (samenwerkingsverband) of organisations that together deliver the four functions."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_no_personal_data])
    description = models.TextField(
        _("description"), blank=True, validators=[validate_no_personal_data], max_length=TEXT
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        through="offers.CollaborationMember",
        related_name="collaborations",
        verbose_name=_("organisations"),
    )
    coordinator = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="coordinated_collaborations",
        verbose_name=_("coordinating organisation"),
    )
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood", blank=True, related_name="collaborations", verbose_name=_("neighbourhoods")
    )
    movement_circles = models.ManyToManyField(
        "neighbourhoods.MovementCircle",
        blank=True,
        related_name="collaborations",
        verbose_name=_("movement circles"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    registered_by_city = models.BooleanField(
        _("registered by the city"),
        default=False,
        help_text=_("An existing collaboration that a city admin registered with its members directly."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CollaborationQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["version"],
        m2m_fields=[neighbourhoods, movement_circles],
        table_name="organisations_historicalcollaboration",
    )

    class Meta:
        db_table = "organisations_collaboration"  # kept from the time offers lived in organisations
        ordering = ["name", "id"]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="collaboration_end_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})

    def is_running_on(self, day) -> bool:
        return is_running(self.starts_on, self.ends_on, day)


class CollaborationMember(models.Model):
    """An organisation's place in a collaboration: invited, then accepted or declined. Only accepted members count."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="members", verbose_name=_("collaboration")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="collaboration_memberships",
        verbose_name=_("organisation"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    history = HistoricalRecords(table_name="organisations_historicalcollaborationmember")

    class Meta:
        db_table = "organisations_collaborationmember"
        ordering = ["organisation__name"]
        verbose_name = _("collaboration member")
        verbose_name_plural = _("collaboration members")
        constraints = [models.UniqueConstraint(fields=["collaboration", "organisation"], name="one_member_row_per_org")]

    def __str__(self):
        return f"{self.organisation} in {self.collaboration} ({self.status})"
