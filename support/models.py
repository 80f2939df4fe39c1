"""Support for small organisations (charter principles 2, 3, 4 and 6): support requests and the support catalogue,
mentorships, the availability and booking of shared spaces, and the roles of the members of a collaboration."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import GENERATED_TEXT, SHORT_TEXT, TEXT


class SupportKind(models.TextChoices):
    SPACE = "space", _("a space")
    ADMINISTRATION = "administration", _("administration and bookkeeping")
    FUNDING = "funding", _("a funding or subsidy application")
    TRAINING = "training", _("training")
    VOLUNTEERS = "volunteers", _("volunteers")
    MATERIALS = "materials", _("materials")
    MENTOR = "mentor", _("a mentor organisation")
    TRANSLATION = "translation", _("translation")
    OTHER = "other", _("other")


class SmallOrganisation(models.Model):
    """An organisation that marks itself as volunteer-run: like a self-organisation, it may ask for support."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="support_profile",
        verbose_name=_("organisation"),
    )
    is_volunteer_run = models.BooleanField(_("run by volunteers"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("volunteer-run organisation")
        verbose_name_plural = _("volunteer-run organisations")

    def __str__(self):
        return str(self.organisation)


class SupportOfferQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(is_active=True, organisation__is_active=True, organisation__is_approved=True)


class SupportOffer(VersionedModel):
    """A line of the support catalogue: what a city service or partner organisation gives, to whom, how to ask."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="support_offers"
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    description = models.TextField(_("what we offer"), validators=[validate_no_personal_data], max_length=TEXT)
    for_whom = models.CharField(_("for whom"), max_length=255, validators=[validate_no_personal_data])
    how_to_ask = models.CharField(
        _("how to ask"),
        max_length=255,
        validators=[validate_no_personal_data],
        help_text=_("For example: ask through the portal, or e-mail our public address."),
    )
    is_active = models.BooleanField(_("listed"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SupportOfferQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "organisation__name", "id"]
        verbose_name = _("support offer")
        verbose_name_plural = _("support offers")

    def __str__(self):
        return f"{self.organisation}: {self.get_kind_display()}"


class SupportRequest(VersionedModel):
    """A small organisation's request for support; ``support.workflow`` holds its states and steps."""

    class Status(models.TextChoices):
        ASKED = "asked", _("asked")
        TAKEN_UP = "taken_up", _("taken up")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        NOT_POSSIBLE = "not_possible", _("not possible")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="support_requests",
        verbose_name=_("asking organisation"),
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    needs = models.TextField(_("what you need"), validators=[validate_no_personal_data], max_length=TEXT)
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ASKED)
    supporter = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supported_requests",
        verbose_name=_("supporting organisation"),
    )
    reason = models.TextField(_("reason"), blank=True, validators=[validate_no_personal_data], max_length=SHORT_TEXT)
    helped = models.BooleanField(_("it helped"), null=True, blank=True)
    answer_due_on = models.DateField(_("first answer due on"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    taken_up_at = models.DateTimeField(_("taken up at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-id"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="asked")
                | models.Q(supporter__isnull=False)
                | models.Q(status="not_possible"),
                name="support_request_taken_up_has_supporter",
            )
        ]
        indexes = [models.Index(fields=["status", "answer_due_on"])]

    def __str__(self):
        return f"{self.organisation}: {self.get_kind_display()}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("support:request", args=[self.pk])


class SupportReminder(models.Model):
    """A reminder sent about a request's first-answer deadline, once per stage (before and overdue)."""

    class Stage(models.TextChoices):
        BEFORE = "before", _("before the deadline")
        OVERDUE = "overdue", _("overdue")

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True, max_length=GENERATED_TEXT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "stage", "due_on"], name="one_support_reminder_per_stage")
        ]

    def __str__(self):
        return f"{self.request_id} {self.stage} {self.due_on}"


class Mentorship(VersionedModel):
    """A small organisation paired with a mentor organisation for a period; it holds once both accepted."""

    mentee = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="mentorships_as_mentee",
        verbose_name=_("organisation mentored"),
    )
    mentor = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="mentorships_as_mentor",
        verbose_name=_("mentor organisation"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    goal = models.TextField(
        _("what the mentorship is about"), blank=True, validators=[validate_no_personal_data], max_length=TEXT
    )
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="mentorship_period"),
            models.CheckConstraint(condition=~models.Q(mentee=models.F("mentor")), name="mentorship_two_parties"),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}"

    @property
    def is_agreed(self) -> bool:
        return bool(self.mentee_accepted_at and self.mentor_accepted_at and not self.declined_at)

    @property
    def status_label(self):
        if self.declined_at:
            return _("declined")
        return _("agreed") if self.is_agreed else _("awaiting acceptance")


# Shared spaces ------------------------------------------------------------------------------------------------


class SpaceConditions(VersionedModel):
    """The conditions of a shared space (``offers.SharedSpace``): cost, key, capacity note, accessibility."""

    space = models.OneToOneField(
        "offers.SharedSpace", on_delete=models.CASCADE, related_name="conditions", verbose_name=_("space")
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost = models.CharField(
        _("cost"),
        max_length=200,
        blank=True,
        help_text=_("For example: 20 euro per evening."),
        validators=[validate_no_personal_data],
    )
    key_arrangement = models.CharField(
        _("key arrangement"), max_length=255, blank=True, validators=[validate_no_personal_data]
    )
    accessibility = models.CharField(
        _("accessibility"), max_length=255, blank=True, validators=[validate_no_personal_data]
    )
    is_public = models.BooleanField(
        _("shown publicly"), default=False, help_text=_("Show the space on the public list (booking needs a login).")
    )
    booking_managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("members who answer booking requests"),
        help_text=_("Besides the organisation's admins."),
    )

    class Meta:
        verbose_name = _("space conditions")
        verbose_name_plural = _("space conditions")

    def __str__(self):
        return str(self.space)


class AvailabilitySlot(models.Model):
    """A weekly slot in which a space can be booked."""

    space = models.ForeignKey("offers.SharedSpace", on_delete=models.CASCADE, related_name="availability_slots")
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"),
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))

    class Meta:
        ordering = ["weekday", "starts_at"]
        verbose_name = _("availability slot")
        verbose_name_plural = _("availability slots")
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_order")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class AvailabilityException(models.Model):
    """Days on which a space is closed (a holiday, works), whatever its weekly slots say."""

    space = models.ForeignKey("offers.SharedSpace", on_delete=models.CASCADE, related_name="availability_exceptions")
    starts_on = models.DateField(_("closed from"))
    ends_on = models.DateField(_("closed until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True, validators=[validate_no_personal_data])

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("closing period")
        verbose_name_plural = _("closing periods")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="exception_order")
        ]

    def __str__(self):
        return f"{self.starts_on}–{self.ends_on}"

    def covers(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class BookingQuerySet(models.QuerySet):
    def holding(self):
        """Bookings that hold their slot: requested (awaiting the owner) or accepted."""
        return self.filter(status__in=Booking.HOLDING)


class Booking(VersionedModel):
    """A space booked whole by another organisation for one period; a weekly series shares ``series``."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled")

    HOLDING = (Status.REQUESTED, Status.ACCEPTED)

    space = models.ForeignKey(
        "offers.SharedSpace", on_delete=models.PROTECT, related_name="bookings", verbose_name=_("space")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="space_bookings",
        verbose_name=_("booking organisation"),
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    purpose = models.CharField(_("what for"), max_length=200, validators=[validate_no_personal_data])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    series = models.UUIDField(_("weekly series"), null=True, blank=True, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="booking_order")
        ]
        indexes = [models.Index(fields=["space", "starts_at"])]

    def __str__(self):
        return f"{self.space} {self.starts_at:%Y-%m-%d %H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})


# Collaboration roles ------------------------------------------------------------------------------------------


class CollaborationRole(models.Model):
    """Who does what in a collaboration: the functions a member takes up, its role and the sectors it bridges to.
    The lead is the collaboration's coordinator; coverage still counts offers, these roles stand beside them."""

    class Role(models.TextChoices):
        PARTNER = "partner", _("partner")
        REFERRAL = "referral", _("referral partner")

    collaboration = models.ForeignKey(
        "offers.Collaboration", on_delete=models.CASCADE, related_name="roles", verbose_name=_("collaboration")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="collaboration_roles",
        verbose_name=_("member organisation"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.PARTNER)
    functions = models.ManyToManyField(
        "organisations.Function", blank=True, related_name="+", verbose_name=_("functions taken up")
    )
    sectors = models.ManyToManyField(
        "organisations.Sector", blank=True, related_name="+", verbose_name=_("sectors bridged to")
    )

    class Meta:
        ordering = ["collaboration", "organisation__name"]
        verbose_name = _("role in a collaboration")
        verbose_name_plural = _("roles in collaborations")
        constraints = [models.UniqueConstraint(fields=["collaboration", "organisation"], name="one_role_per_member")]

    def __str__(self):
        return f"{self.organisation} in {self.collaboration}: {self.get_role_display()}"
