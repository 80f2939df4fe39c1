"""Covenants between a city service and a partner, with immutable, numbered versions of the terms.

Status of a covenant (``Covenant.status``), derived and never stored except for closing:

- ``closed``: a city person closed it (``closed_on`` is set);
- ``proposed``: a partner started it and the city service has not yet accepted to negotiate; ``declined``: the
  city service declined it (with a reason);
- otherwise, when some version of the terms is agreed (both sides approved that exact version):
  ``agreed`` before the period starts, ``running`` during the period, ``in_evaluation`` after it ends;
- otherwise ``in_negotiation`` when some version was submitted for approval, else ``draft``.

The same rule exists twice, as a database expression (``CovenantQuerySet.with_status``, used by lists
and filters) and in Python (``derive_status``); tests keep them in step.
"""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import NOTE_TEXT, SHORT_TEXT, TEXT


class Side(models.TextChoices):
    CITY = "city", _("city side")
    PARTNER = "partner", _("partner side")


class Status(models.TextChoices):
    PROPOSED = "proposed", _("proposed, waiting for the city")
    DRAFT = "draft", _("draft")
    IN_NEGOTIATION = "in_negotiation", _("in negotiation")
    AGREED = "agreed", _("agreed")
    RUNNING = "running", _("running")
    IN_EVALUATION = "in_evaluation", _("in evaluation")
    CLOSED = "closed", _("closed")
    DECLINED = "declined", _("declined by the city")


class ImmutableVersionError(ValidationError):
    """A version of the terms that was submitted for approval never changes."""

    def __init__(self):
        super().__init__(_("This version was submitted for approval and can no longer change."), code="immutable")


class Opening(models.TextChoices):
    """Whether the city service negotiates a covenant: at once when the city starts it; a partner's proposal waits
    for the city service to accept or decline it."""

    OPEN = "open", _("in negotiation")
    WAITING = "waiting", _("waiting for the city service")
    DECLINED = "declined", _("declined")


def derive_status(
    *, closed_on, has_agreed: bool, has_submitted: bool, starts_on, ends_on, today: date, opening: str = Opening.OPEN
) -> str:
    if closed_on:
        return Status.CLOSED
    if opening == Opening.DECLINED:
        return Status.DECLINED
    if opening == Opening.WAITING:
        return Status.PROPOSED
    if has_agreed:
        if today < starts_on:
            return Status.AGREED
        if today <= ends_on:
            return Status.RUNNING
        return Status.IN_EVALUATION
    if has_submitted:
        return Status.IN_NEGOTIATION
    return Status.DRAFT


class CovenantQuerySet(models.QuerySet):
    def with_status(self, today: date | None = None):
        today = today or timezone.localdate()
        agreed = TermsVersion.objects.filter(covenant=OuterRef("pk"), agreed_at__isnull=False)
        submitted = TermsVersion.objects.filter(covenant=OuterRef("pk"), submitted_at__isnull=False)
        return self.annotate(
            has_agreed=Exists(agreed),
            has_submitted=Exists(submitted),
            derived_status=Case(
                When(closed_on__isnull=False, then=Value(Status.CLOSED.value)),
                When(opening=Opening.DECLINED, then=Value(Status.DECLINED.value)),
                When(opening=Opening.WAITING, then=Value(Status.PROPOSED.value)),
                When(Exists(agreed), starts_on__gt=today, then=Value(Status.AGREED.value)),
                When(Exists(agreed), ends_on__gte=today, then=Value(Status.RUNNING.value)),
                When(Exists(agreed), then=Value(Status.IN_EVALUATION.value)),
                When(Exists(submitted), then=Value(Status.IN_NEGOTIATION.value)),
                default=Value(Status.DRAFT.value),
                output_field=models.CharField(),
            ),
        )

    def for_list(self):
        return self.with_status().select_related(
            "city_service", "partner_organisation", "partner_collaboration__coordinator"
        )

    def in_year(self, year: int):
        return self.filter(starts_on__lte=date(year, 12, 31), ends_on__gte=date(year, 1, 1))


class Covenant(VersionedModel):
    reference = models.CharField(
        _("reference"),
        max_length=40,
        unique=True,
        help_text=_("For example CONV-2026-004. Unique."),
        validators=[validate_no_personal_data],
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_no_personal_data])
    city_service = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="covenants_as_city",
        limit_choices_to={"kind": "city_service"},
        verbose_name=_("city service"),
    )
    partner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="covenants_as_partner",
        verbose_name=_("partner organisation"),
    )
    partner_collaboration = models.ForeignKey(
        "offers.Collaboration",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="covenants",
        verbose_name=_("partner collaboration"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    started_by_side = models.CharField(_("started by"), max_length=10, choices=Side.choices, default=Side.CITY)
    opening = models.CharField(_("negotiation"), max_length=10, choices=Opening.choices, default=Opening.OPEN)
    opening_decided_at = models.DateTimeField(_("accepted or declined at"), null=True, blank=True)
    opening_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decline_reason = models.TextField(
        _("reason for declining"), blank=True, validators=[validate_no_personal_data], max_length=SHORT_TEXT
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CovenantQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-starts_on", "reference"]
        verbose_name = _("covenant")
        verbose_name_plural = _("covenants")
        constraints = [
            models.CheckConstraint(
                condition=(Q(partner_organisation__isnull=False) & Q(partner_collaboration__isnull=True))
                | (Q(partner_organisation__isnull=True) & Q(partner_collaboration__isnull=False)),
                name="covenant_one_partner",
            ),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="covenant_end_after_start"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def partner(self):
        return self.partner_organisation or self.partner_collaboration

    @property
    def partner_name(self) -> str:
        return str(self.partner)

    @property
    def partner_organisation_ids(self) -> set:
        """Organisations that speak for the partner side: the organisation, or the collaboration's coordinator."""
        if self.partner_organisation_id:
            return {self.partner_organisation_id}
        return {self.partner_collaboration.coordinator_id}

    @property
    def years(self) -> list[int]:
        return list(range(self.starts_on.year, self.ends_on.year + 1))

    @property
    def status(self) -> str:
        if hasattr(self, "derived_status"):
            return self.derived_status
        versions = self.versions.all()
        return derive_status(
            closed_on=self.closed_on,
            has_agreed=any(v.agreed_at for v in versions),
            has_submitted=any(v.submitted_at for v in versions),
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            today=timezone.localdate(),
            opening=self.opening,
        )

    def get_status_display(self) -> str:
        return Status(self.status).label

    def clean(self):
        if bool(self.partner_organisation_id) == bool(self.partner_collaboration_id):
            raise ValidationError(_("Choose the partner: either an organisation or a collaboration, not both."))
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period cannot end before it starts.")})


class TermsVersion(VersionedModel):
    """One numbered version of a covenant's terms. Editable only as a draft; after submission it never changes."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("waiting for approval")
        AGREED = "agreed", _("agreed")
        SUPERSEDED = "superseded", _("superseded")

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    objectives = models.TextField(_("objectives"), validators=[validate_no_personal_data], max_length=TEXT)
    change_note = models.CharField(
        _("what changes"),
        max_length=300,
        blank=True,
        validators=[validate_no_personal_data],
        help_text=_("One sentence on why this version is proposed."),
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    # The side that proposes this version: the side of whoever drafted it, and at submission the side that submits.
    proposed_by_side = models.CharField(_("proposed by"), max_length=10, choices=Side.choices)
    proposed_by_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed on behalf of"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    # After submission only these may still change (by the approval workflow in services.py).
    WORKFLOW_FIELDS = {"state", "agreed_at", "version"}

    class Meta:
        ordering = ["covenant", "number"]
        verbose_name = _("version of the terms")
        verbose_name_plural = _("versions of the terms")
        constraints = [
            models.UniqueConstraint(fields=["covenant", "number"], name="covenant_version_number_unique"),
            models.UniqueConstraint(fields=["covenant"], condition=Q(state="draft"), name="covenant_one_draft_version"),
        ]

    def __str__(self):
        return _("version %(number)s") % {"number": self.number}

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored_state = type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored_state and stored_state != self.State.DRAFT:
                update_fields = kwargs.get("update_fields")
                if update_fields is None or not set(update_fields) <= self.WORKFLOW_FIELDS:
                    raise ImmutableVersionError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not self.is_draft:
            raise ImmutableVersionError()
        return super().delete(*args, **kwargs)


class _VersionPart(models.Model):
    """Something that belongs to a version of the terms and freezes with it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._check_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_draft()
        return super().delete(*args, **kwargs)

    def _terms(self) -> TermsVersion:
        raise NotImplementedError

    def _check_draft(self):
        terms = self._terms()
        state = TermsVersion.objects.filter(pk=terms.pk).values_list("state", flat=True).first()
        if state != TermsVersion.State.DRAFT:
            raise ImmutableVersionError()


class BudgetLine(_VersionPart):
    terms = models.ForeignKey(TermsVersion, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveIntegerField(_("year"))
    amount = models.DecimalField(_("amount (euro)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [models.UniqueConstraint(fields=["terms", "year"], name="budget_one_line_per_year")]

    def __str__(self):
        return f"{self.year}: {self.amount}"

    def _terms(self):
        return self.terms


class Indicator(_VersionPart):
    class Kind(models.TextChoices):
        QUANTITATIVE = "quantitative", _("quantitative")
        QUALITATIVE = "qualitative", _("qualitative")

    terms = models.ForeignKey(TermsVersion, on_delete=models.CASCADE, related_name="indicators")
    # The same indicator across versions keeps its key: diffs and reports follow it through amendments.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200, validators=[validate_no_personal_data])
    unit = models.CharField(_("unit"), max_length=60, blank=True, validators=[validate_no_personal_data])
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    guiding_question = models.TextField(
        _("guiding question"), blank=True, validators=[validate_no_personal_data], max_length=SHORT_TEXT
    )
    good_answer = models.TextField(
        _("what a good answer shows"), blank=True, validators=[validate_no_personal_data], max_length=SHORT_TEXT
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [models.UniqueConstraint(fields=["terms", "key"], name="indicator_key_once_per_version")]

    def __str__(self):
        return self.name

    def _terms(self):
        return self.terms

    @property
    def is_quantitative(self) -> bool:
        return self.kind == self.Kind.QUANTITATIVE

    def target_map(self) -> dict[int, object]:
        return {t.year: t.value for t in self.targets.all()}


class IndicatorTarget(_VersionPart):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="target_one_per_year")]

    def __str__(self):
        return f"{self.year}: {self.value}"

    def _terms(self):
        return self.indicator.terms


class CityCommitment(_VersionPart):
    """What the city itself commits to in a covenant (shared responsibility both ways): the city reports on it
    per reporting period and the partner reviews that report, as the partner does for its indicators."""

    class Kind(models.TextChoices):
        FUNDING = "funding", _("funding paid on time")
        SPACE = "space", _("a space made available")
        CONTACT = "contact", _("a contact person")
        OTHER = "other", _("another commitment")

    terms = models.ForeignKey(TermsVersion, on_delete=models.CASCADE, related_name="city_commitments")
    # The same commitment across versions keeps its key, as indicators do.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.CharField(
        _("what the city commits to"),
        max_length=300,
        validators=[validate_no_personal_data],
        help_text=_("For example: the subsidy is paid in the first quarter; the sports hall two afternoons a week."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("commitment of the city")
        verbose_name_plural = _("commitments of the city")
        constraints = [models.UniqueConstraint(fields=["terms", "key"], name="commitment_key_once_per_version")]

    def __str__(self):
        return self.description

    def _terms(self):
        return self.terms


class Approval(models.Model):
    """One side's approval of one exact version. Never changes; never deleted."""

    terms = models.ForeignKey(TermsVersion, on_delete=models.PROTECT, related_name="approvals")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("on behalf of")
    )
    approved_at = models.DateTimeField(_("approved at"), default=timezone.now)

    class Meta:
        ordering = ["approved_at"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [models.UniqueConstraint(fields=["terms", "side"], name="approval_once_per_side")]

    def __str__(self):
        return f"{self.terms_id} {self.side}"


class ReportingPeriod(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="periods")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["covenant", "starts_on"], name="period_unique_start"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="period_end_after_start"),
        ]

    def __str__(self):
        whole_year = (self.starts_on.month, self.starts_on.day, self.ends_on.month, self.ends_on.day) == (1, 1, 12, 31)
        if whole_year and self.starts_on.year == self.ends_on.year:
            return str(self.starts_on.year)
        return f"{self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y}"


class Report(VersionedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("waiting for review")
        REVISION_REQUESTED = "revision_requested", _("revision asked")
        ACCEPTED = "accepted", _("accepted")

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="reports")
    period = models.OneToOneField(ReportingPeriod, on_delete=models.PROTECT, related_name="report")
    terms = models.ForeignKey(TermsVersion, on_delete=models.PROTECT, related_name="reports")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(
        _("review comment"), blank=True, validators=[validate_no_personal_data], max_length=NOTE_TEXT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["period__starts_on"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return _("Report %(period)s") % {"period": self.period}

    @property
    def is_editable_by_partner(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.REVISION_REQUESTED)


class CityReport(VersionedModel):
    """The city's report of a period on its own commitments; the partner reviews it."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="city_reports")
    period = models.OneToOneField(ReportingPeriod, on_delete=models.PROTECT, related_name="city_report")
    terms = models.ForeignKey(TermsVersion, on_delete=models.PROTECT, related_name="city_reports")
    state = models.CharField(_("state"), max_length=20, choices=Report.State.choices, default=Report.State.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["period__starts_on"]
        verbose_name = _("report of the city")
        verbose_name_plural = _("reports of the city")

    def __str__(self):
        return _("Report of the city %(period)s") % {"period": self.period}

    @property
    def is_editable_by_city(self) -> bool:
        return self.state in (Report.State.DRAFT, Report.State.REVISION_REQUESTED)


class CommitmentValue(models.Model):
    class Fulfilment(models.TextChoices):
        KEPT = "kept", _("kept")
        PARTLY = "partly", _("partly kept")
        NOT_KEPT = "not_kept", _("not kept")

    report = models.ForeignKey(CityReport, on_delete=models.CASCADE, related_name="values")
    commitment = models.ForeignKey(CityCommitment, on_delete=models.PROTECT, related_name="report_values")
    fulfilment = models.CharField(_("kept?"), max_length=10, choices=Fulfilment.choices, blank=True)
    narrative = models.TextField(_("explanation"), blank=True, validators=[validate_no_personal_data], max_length=TEXT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["commitment__position", "commitment_id"]
        constraints = [models.UniqueConstraint(fields=["report", "commitment"], name="commitment_value_once")]

    def __str__(self):
        return f"{self.commitment_id}: {self.fulfilment}"


class ReportNote(models.Model):
    """One entry of a report's review thread: a review (accepted, revision asked) or the partner's answer when it
    submits again. Entries are only added, so an earlier review stays readable after the report is accepted."""

    class Kind(models.TextChoices):
        REVISION_REQUESTED = "revision_requested", _("asked for a revision")
        ACCEPTED = "accepted", _("accepted the report")
        ANSWER = "answer", _("answered")

    # The partner's report (reviewed by the city) or the city's report (reviewed by the partner).
    report = models.ForeignKey(Report, on_delete=models.CASCADE, null=True, blank=True, related_name="notes")
    city_report = models.ForeignKey("CityReport", on_delete=models.CASCADE, null=True, blank=True, related_name="notes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("comment"), blank=True, validators=[validate_no_personal_data], max_length=NOTE_TEXT)
    written_at = models.DateTimeField(_("written at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["written_at", "id"]
        verbose_name = _("review note")
        verbose_name_plural = _("review notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False, city_report__isnull=True)
                | Q(report__isnull=True, city_report__isnull=False),
                name="report_note_of_one_report",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.written_at:%Y-%m-%d}"


class ReportValue(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="report_values")
    actual = models.DecimalField(_("actual value"), max_digits=12, decimal_places=2, null=True, blank=True)
    narrative = models.TextField(_("narrative"), blank=True, validators=[validate_no_personal_data], max_length=TEXT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__position", "indicator_id"]
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="report_value_once")]

    def __str__(self):
        return f"{self.indicator_id}: {self.actual}"


class Comment(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    body = models.TextField(_("comment"), validators=[validate_no_personal_data], max_length=NOTE_TEXT)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.side} {self.created_at:%Y-%m-%d}"


class Meeting(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    participants = models.ManyToManyField(
        "organisations.Organisation", related_name="+", verbose_name=_("participating organisations")
    )
    notes = models.TextField(_("notes"), blank=True, validators=[validate_no_personal_data], max_length=TEXT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("follow-up meeting")
        verbose_name_plural = _("follow-up meetings")

    def __str__(self):
        return f"{self.held_on}"


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)


class Action(VersionedModel):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("agreed action"), max_length=300, validators=[validate_no_personal_data])
    owner_side = models.CharField(_("owner"), max_length=10, choices=Side.choices)
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")

    def __str__(self):
        return self.description

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class Document(models.Model):
    """A file that belongs with a covenant: the signed agreement, an annual report, a budget, meeting minutes.

    Attached to the covenant itself, or to one of its versions, reports or meetings. Never overwritten: a new upload
    of the same document is a new row with the same ``lineage`` and the next ``number``. The bytes are kept in the
    database (``content``), so every app server reads them, or in the storage that COVENANT_DOCUMENT_STORAGE names
    (``stored_as``). Served only through covenants.views.document_download, in the covenant's rights."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="documents")
    terms = models.ForeignKey(TermsVersion, on_delete=models.CASCADE, null=True, blank=True, related_name="documents")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, null=True, blank=True, related_name="documents")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="documents")
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    number = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200, validators=[validate_no_personal_data])
    # Set by covenants.services.document_upload from the content, never typed by a person.
    file_name = models.CharField(_("file name"), max_length=200, editable=False)
    content_type = models.CharField(max_length=120, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    content = models.BinaryField(null=True, blank=True)
    stored_as = models.CharField(max_length=300, blank=True, editable=False)
    no_child_data_confirmed = models.BooleanField(_("holds no personal data of children"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["title", "lineage", "-number"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["lineage", "number"], name="document_number_once"),
            models.CheckConstraint(condition=Q(no_child_data_confirmed=True), name="document_no_child_data"),
        ]

    def __str__(self):
        return f"{self.title} ({self.number})"
