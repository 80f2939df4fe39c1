from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import NOTE_TEXT


class AreaQuerySet(models.QuerySet):
    def priority(self):
        """Areas whose effective priority is on: the override where set, the data-driven decision otherwise."""
        return self.filter(
            models.Q(priority_override=True) | models.Q(priority_override__isnull=True, computed_priority=True)
        )


PERCENT_UNITS = {"%", "percent", "procent", "percentage"}


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
    priority_motivation = models.TextField(
        _("motivation for the override"), blank=True, validators=[validate_no_personal_data], max_length=NOTE_TEXT
    )
    # Who last set or cleared the override, and when (R1: a decision records who and when).
    priority_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("override set by"),
    )
    priority_override_at = models.DateTimeField(_("override set at"), null=True, blank=True)

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


class Indicator(VersionedModel):
    """An objective measure per neighbourhood and year that feeds the priority score (R1)."""

    class SourceKind(models.TextChoices):
        IMPORTED = "imported", _("imported from a file")
        BUILTIN_SIGNALS = "builtin_signals", _("signals reported in the portal (last 12 months)")
        BUILTIN_YOUTH = "builtin_youth", _("themes young people raised in participation moments (last 12 months)")

    code = models.SlugField(_("code"), max_length=50, unique=True, help_text=_("The column name in import files."))
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    source_kind = models.CharField(
        _("kind of source"), max_length=20, choices=SourceKind.choices, default=SourceKind.IMPORTED
    )
    higher_means_more_need = models.BooleanField(
        _("higher means more need"),
        default=True,
        help_text=_("Untick when a lower value means more need (for example, a participation rate)."),
    )
    weight = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, default=1, validators=[MinValueValidator(0)]
    )
    is_synthetic = models.BooleanField(
        _("synthetic data"), default=False, help_text=_("Made-up values for demonstrations; never for decisions.")
    )
    is_active = models.BooleanField(_("used in the score"), default=True)
    min_value = models.DecimalField(
        _("lowest valid value"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Imports refuse a lower value. Empty: no lower limit (0 for a percentage)."),
    )
    max_value = models.DecimalField(
        _("highest valid value"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Imports refuse a higher value. Empty: no upper limit (100 for a percentage)."),
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_value__isnull=True)
                | models.Q(max_value__isnull=True)
                | models.Q(min_value__lte=models.F("max_value")),
                name="indicator_valid_range_in_order",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_percentage(self) -> bool:
        return self.unit.strip().lower() in PERCENT_UNITS

    def valid_range(self) -> tuple[Decimal | None, Decimal | None]:
        """The lowest and highest value an import may hold: the range set, else 0-100 for a percentage."""
        low, high = self.min_value, self.max_value
        if self.is_percentage:
            low = Decimal(0) if low is None else low
            high = Decimal(100) if high is None else high
        return low, high


class IndicatorImport(models.Model):
    """One import of indicator values: where they came from (the file), who imported them, when, and how many."""

    # Set from the uploaded file by the import, never typed in: not a free-text field.
    file_name = models.CharField(_("file name"), max_length=255, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("values added"), default=0)
    updated = models.PositiveIntegerField(_("values updated"), default=0)
    indicator_codes = models.JSONField(_("indicators"), default=list)
    years = models.JSONField(_("years"), default=list)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("indicator import")
        verbose_name_plural = _("indicator imports")

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, related_name="indicator_values")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source_import = models.ForeignKey(
        IndicatorImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("imported with"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__code", "year", "neighbourhood__number"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "neighbourhood", "year"], name="one_value_per_area_and_year")
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.neighbourhood} {self.year}: {self.value}"


class PriorityDecisionQuerySet(models.QuerySet):
    def in_force_on(self, moment):
        """The decision in force at ``moment`` (a datetime): the latest one recorded before it, or ``None``."""
        return self.filter(decided_at__lt=moment).order_by("-decided_at", "-id").select_related("decided_by").first()


class PriorityDecision(models.Model):
    """A recorded priority decision: who decided, when, on which data, by which method, with every score (R1)."""

    class Method(models.TextChoices):
        THRESHOLD = "threshold", _("score at or above a threshold")
        TOP_N = "top_n", _("the N highest scores")

    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    data_year = models.PositiveSmallIntegerField(_("data year"))
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    threshold = models.DecimalField(
        _("threshold"), max_digits=5, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    top_n = models.PositiveSmallIntegerField(_("number of priority areas"), null=True, blank=True)
    indicators = models.JSONField(_("indicators and weights"), default=list)
    scores = models.JSONField(_("scores"), default=list)
    circle_scores = models.JSONField(_("scores of the movement circles"), default=list)
    note = models.TextField(_("note"), blank=True, validators=[validate_no_personal_data], max_length=NOTE_TEXT)

    objects = PriorityDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-id"]
        get_latest_by = "decided_at"
        verbose_name = _("priority decision")
        verbose_name_plural = _("priority decisions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(method="threshold", threshold__isnull=False)
                | models.Q(method="top_n", top_n__isnull=False),
                name="priority_decision_method_has_parameter",
            )
        ]

    def __str__(self):
        return f"{self.data_year} ({self.get_method_display()})"

    def priority_keys(self) -> set[tuple[str, int]]:
        """The areas this decision made priority from data, as (area type, id)."""
        return {("neighbourhood", s["area_id"]) for s in self.scores if s.get("is_priority")} | {
            ("movement_circle", s["area_id"]) for s in self.circle_scores if s.get("is_priority")
        }


class CoverageSnapshot(models.Model):
    """The coverage of one area as computed on one date, kept to show change over time (R5)."""

    taken_on = models.DateField(_("date"))
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    area_type = models.CharField(_("kind of area"), max_length=20)
    area_id = models.PositiveIntegerField(_("area"))
    area_name = models.CharField(_("name"), max_length=150)
    is_priority = models.BooleanField(_("priority"))
    functions_present = models.JSONField(_("functions present"), default=list)
    integral = models.BooleanField(_("integral"))
    integral_via = models.JSONField(_("integral via"), default=list)
    warm_place = models.BooleanField(_("warm place"))
    leisure_hours_per_week = models.DecimalField(_("leisure hours per week"), max_digits=9, decimal_places=2)
    gaps = models.JSONField(_("gaps"), default=list)
    meets_charter = models.BooleanField(_("meets the charter"))

    class Meta:
        ordering = ["area_type", "area_id", "taken_on"]
        verbose_name = _("coverage snapshot")
        verbose_name_plural = _("coverage snapshots")
        constraints = [
            models.UniqueConstraint(fields=["taken_on", "area_type", "area_id"], name="one_snapshot_per_area_and_day")
        ]
        indexes = [models.Index(fields=["area_type", "area_id", "taken_on"])]

    def __str__(self):
        return f"{self.area_name} {self.taken_on}"


class CoverageThresholdsQuerySet(models.QuerySet):
    def current(self):
        """The thresholds in force: the latest set (None before the city set any)."""
        return self.select_related("set_by").order_by("-set_at", "-id").first()


class CoverageThresholds(models.Model):
    """What the city decided an offer needs to count (``coverage.CountingRules``). Every change is a new row, so
    the list of rows says who set which minimums when; the latest is in force."""

    warm_place_min_hours = models.DecimalField(
        _("minimum hours per week for a warm place"),
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    base_offer_min_weeks = models.PositiveSmallIntegerField(_("minimum weeks for the base offer"), default=0)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)

    objects = CoverageThresholdsQuerySet.as_manager()

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name = _("coverage thresholds")
        verbose_name_plural = _("coverage thresholds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(warm_place_min_hours__gte=0), name="warm_place_hours_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.warm_place_min_hours} h / {self.base_offer_min_weeks} w"
