import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel
from charter_portal.periods import PeriodQuerySet
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import GENERATED_TEXT, SHORT_TEXT, TEXT
from organisations.models.reference import Function

NO_PD = [validate_no_personal_data]

# Languages an offer can be joined in, as ISO 639-1 codes: the languages most spoken in Ghent's neighbourhoods.
SPOKEN_LANGUAGES = [
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("bg", _("Bulgarian")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("fa", _("Persian")),
    ("ps", _("Pashto")),
    ("so", _("Somali")),
    ("ti", _("Tigrinya")),
    ("sgn", _("Flemish Sign Language")),
]
LANGUAGE_NAMES = dict(SPOKEN_LANGUAGES)

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ./()-]{5,30}$", _("Give a phone number with digits, for example 09 123 45 67 or +32 9 123 45 67.")
)


def publicly_visible_q(prefix: str = "") -> models.Q:
    """Offers anyone may see, in the directory, the API and the HSDS export: published by an active organisation."""
    return models.Q(**{f"{prefix}status": "published", f"{prefix}organisation__is_active": True})


class OfferQuerySet(PeriodQuerySet):
    def publicly_visible(self):
        return self.filter(publicly_visible_q())


class Offer(VersionedModel):
    """An organisation's offer (aanbod): what it does, for which functions, where."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    class HowToJoin(models.TextChoices):
        DROP_IN = "drop_in", _("Just drop in")
        REGISTER = "register", _("Register first")
        REFERRAL = "referral", _("Through a referral")

    uuid = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="offers", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=200, validators=NO_PD)
    description = models.TextField(_("description"), blank=True, validators=NO_PD, max_length=TEXT)
    functions = models.ManyToManyField("organisations.Function", related_name="offers", verbose_name=_("functions"))
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood", blank=True, related_name="offers", verbose_name=_("neighbourhoods")
    )
    movement_circles = models.ManyToManyField(
        "neighbourhoods.MovementCircle", blank=True, related_name="offers", verbose_name=_("movement circles")
    )
    is_warm_place = models.BooleanField(_("warm place"), default=False)
    is_mobile = models.BooleanField(_("mobile or outreach work"), default=False)
    # The address of the place is the organisation's own public information, so the guard does not check it.
    address = models.CharField(_("address"), max_length=255, blank=True, validators=NO_PD)
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
    schedule = models.TextField(_("schedule"), blank=True, validators=NO_PD, max_length=SHORT_TEXT)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True, validators=NO_PD)
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost_description = models.CharField(_("cost"), max_length=255, blank=True, validators=NO_PD)
    accessibility = models.TextField(_("accessibility"), blank=True, validators=NO_PD, max_length=SHORT_TEXT)
    has_reduced_rate = models.BooleanField(
        _("reduced rate"), default=False, help_text=_("A reduced rate exists, for example with the Ghent UiTPAS.")
    )
    language_codes = models.CharField(
        _("languages spoken (codes)"), max_length=100, blank=True, help_text=_("ISO 639 codes, separated by commas.")
    )
    how_to_join = models.CharField(_("how to join"), max_length=10, choices=HowToJoin.choices, blank=True)
    # Contact details of the offer (or its organisation's desk): published on purpose, so the personal-data guard
    # does not check them; free text fields keep it.
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[phone_validator])
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_website = models.URLField(_("website"), blank=True)
    contact_hours = models.CharField(_("opening hours of the desk"), max_length=255, blank=True, validators=NO_PD)
    dates = models.JSONField(
        _("dates"), default=list, blank=True, help_text=_("Days of a one-off or holiday offer (ISO dates).")
    )
    closed_dates = models.JSONField(
        _("dates it does not run"), default=list, blank=True, help_text=_("Exceptions to the weekly times (ISO dates).")
    )
    # Folded text of the offer and its links (charter_portal.search.fold), indexed for the directory's search.
    search_text = models.TextField(editable=False, blank=True, default="", max_length=GENERATED_TEXT)
    bridge_sectors = models.ManyToManyField(
        "organisations.Sector", blank=True, related_name="bridge_offers", verbose_name=_("sectors it links to")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("first published at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Set the first time the offer is published; an offer that was ever public is archived, not deleted."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OfferQuerySet.as_manager()
    history = HistoricalRecords(
        table_name="organisations_historicaloffer",
        excluded_fields=["version", "updated_at", "search_text"],
        m2m_fields=[functions, neighbourhoods, movement_circles],
    )

    class Meta:
        db_table = "organisations_offer"  # kept from the time offers lived in organisations
        ordering = ["title", "id"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [
            models.Index(fields=["status", "organisation"]),
            # The order of every list (the directory, the API): a page is read from the index, not sorted.
            models.Index(fields=["title", "id"], name="offer_list_order"),
        ]
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

    def clean(self):
        """The rules on single fields; the rules on functions and areas live in the form and serializer (M2M)."""
        errors = {}
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("The maximum age cannot be lower than the minimum age.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _(
                "The end date cannot be before the start date. A one-day offer ends on its start date."
            )
        if self.is_warm_place and not (self.address or "").strip():
            errors["address"] = _("A warm place is a fixed place: give its address.")
        if not self.is_free and not (self.cost_description or "").strip():
            errors["cost_description"] = _("Say what it costs, or tick that it is free.")
        if errors:
            raise ValidationError(errors)

    @property
    def language_code_list(self) -> list[str]:
        return [code for code in self.language_codes.split(",") if code]

    @property
    def language_names(self) -> list[str]:
        return [str(LANGUAGE_NAMES.get(code, code)) for code in self.language_code_list]

    def get_absolute_url(self):
        return reverse("offers:detail", kwargs={"uuid": self.uuid})

    @property
    def was_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_publicly_visible(self) -> bool:
        """The same rule as ``publicly_visible_q``, for an offer in memory (with its organisation)."""
        return self.is_published and self.organisation.is_active

    @property
    def is_archived(self) -> bool:
        return self.status == self.Status.ARCHIVED


class OfferTime(models.Model):
    """A weekly time the offer runs: a weekday with a start and an end (ISO weekdays, 1 is Monday)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="times", verbose_name=_("offer"))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))

    class Meta:
        db_table = "offers_offertime"
        ordering = ["weekday", "starts_at"]
        verbose_name = _("weekly time")
        verbose_name_plural = _("weekly times")
        indexes = [models.Index(fields=["weekday", "offer"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="offer_time_ends_after"),
            models.CheckConstraint(condition=models.Q(weekday__gte=1, weekday__lte=7), name="offer_time_weekday"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


def validate_offer_links(*, functions, neighbourhoods, movement_circles, bridge_sectors=()) -> dict:
    """Errors on the many-to-many part of an offer, by field name (shared by form and serializer)."""
    errors = {}
    if not list(functions):
        errors["functions"] = _("Choose at least one function.")
    if not list(neighbourhoods) and not list(movement_circles):
        errors["neighbourhoods"] = _("Choose at least one neighbourhood or movement circle.")
    codes = {getattr(f, "code", f) for f in functions}
    if list(bridge_sectors) and Function.BRIDGE not in codes:
        errors["bridge_sectors"] = _("Sectors it links to only apply to the bridge function.")
    return errors
