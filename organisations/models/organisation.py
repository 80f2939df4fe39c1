from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import SHORT_TEXT, TEXT


def _no_signatures(queryset):
    return queryset.annotate(is_signatory=models.Value(False))


_signatory_flag = _no_signatures


def provide_signatory_flag(annotate) -> None:
    """Register ``annotate(queryset)``, which adds ``is_signatory`` to an Organisation queryset (charter/apps.py)."""
    global _signatory_flag
    _signatory_flag = annotate


class OrganisationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(is_approved=True, is_active=True)

    def city_services(self):
        return self.filter(kind=Organisation.Kind.CITY_SERVICE)

    def awaiting_approval(self):
        """Registered organisations that a city admin has neither approved nor rejected yet."""
        return self.filter(is_approved=False, rejected_at__isnull=True)

    def with_signatory_flag(self):
        """Annotate ``is_signatory``: whether the organisation has an active signature of the charter.

        The charter app knows what a signature is and fills this in at start-up (``provide_signatory_flag``)."""
        return _signatory_flag(self)


class Organisation(VersionedModel):
    class Kind(models.TextChoices):
        CIVIL_SOCIETY = "civil_society", _("civil-society organisation")
        SELF_ORGANISATION = "self_organisation", _("self-organisation")
        CITY_SERVICE = "city_service", _("city service")
        PUBLIC_BODY = "public_body", _("other public body")

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[validate_no_personal_data])
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sectors = models.ManyToManyField(
        "organisations.Sector", blank=True, related_name="organisations", verbose_name=_("sectors")
    )
    description = models.TextField(
        _("description"), blank=True, validators=[validate_no_personal_data], max_length=TEXT
    )
    email = models.EmailField(_("public contact e-mail"), blank=True)
    phone = models.CharField(_("public phone number"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_approved = models.BooleanField(_("approved"), default=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rejected by"),
    )
    rejection_reason = models.TextField(
        _("reason for rejection"), blank=True, validators=[validate_no_personal_data], max_length=SHORT_TEXT
    )
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Fictional organisation created for demonstrations.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    @property
    def is_city_service(self) -> bool:
        return self.kind == self.Kind.CITY_SERVICE

    @property
    def can_act(self) -> bool:
        """Only approved, active organisations may act in the portal."""
        return self.is_approved and self.is_active


class ActiveMembershipManager(models.Manager):
    """Memberships that have not ended: the only ones that count anywhere (lists, roles, notifications)."""

    def get_queryset(self):
        return super().get_queryset().filter(ended_at__isnull=True)


class Membership(models.Model):
    """A person's membership of an organisation. Removing a member ends it (``ended_at``, ``ended_by``): the row
    stays for the organisation's history, and ``objects`` no longer returns it. ``all_objects`` returns every
    membership, ended or not. A join through ``memberships__`` bypasses the manager: people are found through
    ``organisations.selectors.members``, which reads current memberships only."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("admin")
        MEMBER = "member", _("member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    is_charter_coordinator = models.BooleanField(
        _("charter coordinator"),
        default=False,
        help_text=_("Granted by a city admin to staff of a city service; counts only in a city service."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )

    all_objects = models.Manager()
    objects = ActiveMembershipManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        # ``objects`` (current memberships) is what lists, reverse relations and the admin use.
        default_manager_name = "objects"
        # One current membership per person and organisation; ended ones stay beside it, so a person removed
        # earlier can be invited again.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_membership_per_org",
            )
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN

    @property
    def has_ended(self) -> bool:
        return self.ended_at is not None
