"""Participation: what children and young people said in moments their organisations held (R11).

Only aggregates enter the portal: counts per age band, themes with how many raised them, ranked concerns and
wishes, a few short quotes. Never a name, a photo or an account of a minor; free text passes the personal-data
guard and the check against names with ages (``participation.identifying``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel
from charter_portal.personal_data import validate_no_personal_data
from participation.identifying import validate_no_identifying_details
from signals.models import Theme

# Up to five concerns, five wishes and five quotes per moment (issue 22).
MAX_RANKED = 5
MAX_QUOTES = 5

TEXT_VALIDATORS = [validate_no_personal_data, validate_no_identifying_details]


class Method(models.TextChoices):
    GROUP_TALK = "group_talk", _("group talk")
    YOUTH_COUNCIL = "youth_council", _("youth council")
    SURVEY = "survey", _("survey")
    WALK = "walk", _("neighbourhood walk")
    CREATIVE = "creative", _("creative session")
    OTHER = "other", _("other")


class AgeBand(models.TextChoices):
    UNDER_6 = "under_6", _("under 6")
    FROM_6 = "6_11", _("6 to 11")
    FROM_12 = "12_15", _("12 to 15")
    FROM_16 = "16_18", _("16 to 18")
    FROM_19 = "19_25", _("19 to 25")


# The moment's field that holds the count of each age band.
AGE_BAND_FIELDS = {
    AgeBand.UNDER_6: "participants_under_6",
    AgeBand.FROM_6: "participants_6_11",
    AgeBand.FROM_12: "participants_12_15",
    AgeBand.FROM_16: "participants_16_18",
    AgeBand.FROM_19: "participants_19_25",
}


# Where, when and how a moment was held: the fields the form, the API and the service share.
SCOPE_FIELDS = ("organisation", "title", "held_on", "method", "city_wide", "neighbourhoods", "movement_circle")


class TimeBand(models.TextChoices):
    MORNINGS = "mornings", _("mornings")
    AFTERNOONS = "afternoons", _("afternoons")
    EVENINGS = "evenings", _("evenings")
    WEEKENDS = "weekends", _("weekends")
    HOLIDAYS = "school_holidays", _("school holidays")


def _count(label):
    return models.PositiveIntegerField(label, default=0, validators=[MaxValueValidator(100_000)])


class MomentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def for_lists(self):
        return self.select_related("organisation", "movement_circle").prefetch_related("neighbourhoods", "themes")

    def in_period(self, start, end):
        return self.filter(held_on__gte=start, held_on__lte=end)


class ParticipationMoment(VersionedModel):
    """One moment where an organisation gathered what children and young people think."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="participation_moments",
        verbose_name=_("organisation"),
    )
    title = models.CharField(
        _("short title"),
        max_length=120,
        validators=TEXT_VALIDATORS,
        help_text=_("For example: youth council of March. Never a child's name."),
    )
    held_on = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    city_wide = models.BooleanField(_("city-wide"), default=False)
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood", blank=True, related_name="+", verbose_name=_("neighbourhoods")
    )
    movement_circle = models.ForeignKey(
        "neighbourhoods.MovementCircle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("movement circle"),
    )
    participants_under_6 = _count(_("participants under 6"))
    participants_6_11 = _count(_("participants aged 6 to 11"))
    participants_12_15 = _count(_("participants aged 12 to 15"))
    participants_16_18 = _count(_("participants aged 16 to 18"))
    participants_19_25 = _count(_("participants aged 19 to 25"))
    confirmed_not_identifying = models.BooleanField(
        _("nothing identifies a child"),
        default=False,
        help_text=_("The organisation confirms that nothing in this moment identifies a child or young person."),
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = MomentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("participation moment")
        verbose_name_plural = _("participation moments")
        constraints = [
            models.CheckConstraint(condition=Q(confirmed_not_identifying=True), name="moment_confirmed"),
            models.CheckConstraint(
                condition=Q(city_wide=False) | Q(movement_circle__isnull=True), name="moment_city_wide_or_area"
            ),
        ]
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("participation:moment", kwargs={"pk": self.pk})

    @property
    def participants(self) -> int:
        return sum(getattr(self, name) for name in AGE_BAND_FIELDS.values())

    def band_counts(self) -> dict[str, int]:
        return {band: getattr(self, name) for band, name in AGE_BAND_FIELDS.items()}

    def set_band_counts(self, counts) -> None:
        """Set the participants per age band from five counts, youngest band first."""
        for name, count in zip(AGE_BAND_FIELDS.values(), counts, strict=True):
            setattr(self, name, count)


def participants_expression(prefix: str = ""):
    """The participants of a moment as a database expression (the sum of its age bands); ``prefix`` reaches the
    moment through a relation (``"moment__"``)."""
    names = [prefix + name for name in AGE_BAND_FIELDS.values()]
    expression = F(names[0])
    for name in names[1:]:
        expression = expression + F(name)
    return expression


class MomentTheme(models.Model):
    """A theme young people raised in a moment, and how many of them raised it."""

    moment = models.ForeignKey(ParticipationMoment, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    raised_by = models.PositiveIntegerField(_("raised by"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["-raised_by", "code"]
        verbose_name = _("theme raised")
        verbose_name_plural = _("themes raised")
        constraints = [
            models.UniqueConstraint(fields=["moment", "code"], name="moment_theme_once"),
            models.CheckConstraint(condition=Q(raised_by__gte=1), name="moment_theme_raised"),
        ]

    def __str__(self):
        return self.get_code_display()


class MomentPoint(models.Model):
    """A ranked concern or wish; a wish may name a function, a time band and a neighbourhood."""

    class Kind(models.TextChoices):
        CONCERN = "concern", _("concern")
        WISH = "wish", _("wish")

    moment = models.ForeignKey(ParticipationMoment, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1), MaxValueValidator(MAX_RANKED)])
    text = models.CharField(_("text"), max_length=200, validators=TEXT_VALIDATORS)
    function = models.ForeignKey(
        "organisations.Function",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("function"),
    )
    time_band = models.CharField(_("when"), max_length=20, choices=TimeBand.choices, blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )

    class Meta:
        ordering = ["kind", "rank"]
        verbose_name = _("concern or wish")
        verbose_name_plural = _("concerns and wishes")
        constraints = [
            models.UniqueConstraint(fields=["moment", "kind", "rank"], name="moment_point_rank_once"),
            models.CheckConstraint(condition=Q(rank__gte=1, rank__lte=MAX_RANKED), name="moment_point_rank_range"),
        ]

    def __str__(self):
        return self.text


class MomentQuote(models.Model):
    moment = models.ForeignKey(ParticipationMoment, on_delete=models.CASCADE, related_name="quotes")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text = models.CharField(_("quote"), max_length=280, validators=TEXT_VALIDATORS)
    is_public = models.BooleanField(_("public"), default=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self):
        return self.text


class SignalCitation(models.Model):
    """A signal that cites a participation moment: "raised by young people"."""

    signal = models.ForeignKey("signals.Signal", on_delete=models.CASCADE, related_name="+", verbose_name=_("signal"))
    moment = models.ForeignKey(
        ParticipationMoment, on_delete=models.CASCADE, related_name="citations", verbose_name=_("moment")
    )
    cited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("cited by")
    )
    cited_at = models.DateTimeField(_("cited at"), default=timezone.now)

    class Meta:
        ordering = ["cited_at", "pk"]
        verbose_name = _("moment cited by a signal")
        verbose_name_plural = _("moments cited by signals")
        constraints = [models.UniqueConstraint(fields=["signal", "moment"], name="citation_once")]

    def __str__(self):
        return f"{self.signal_id} ← {self.moment_id}"


class OfferFeedback(models.Model):
    """One anonymous answer of a young person about an offer: nothing about who gave it is stored."""

    class Rating(models.IntegerChoices):
        VERY_BAD = 1, _("very bad")
        BAD = 2, _("bad")
        OKAY = 3, _("okay")
        GOOD = 4, _("good")
        VERY_GOOD = 5, _("very good")

    offer = models.ForeignKey("offers.Offer", on_delete=models.CASCADE, related_name="+", verbose_name=_("offer"))
    given_on = models.DateField(_("date"), default=timezone.localdate)
    rating = models.PositiveSmallIntegerField(_("how was it"), choices=Rating.choices)
    comes_back = models.BooleanField(_("comes back"), null=True, blank=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("feedback on an offer")
        verbose_name_plural = _("feedback on offers")
        constraints = [models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_range")]
        indexes = [models.Index(fields=["offer", "given_on"])]

    def __str__(self):
        return f"{self.offer_id}: {self.rating}"


class RoundYouthRanking(models.Model):
    """The young people's ranking of one candidate of a prioritisation round, attached by a city admin before voting
    opens and frozen from then on: the participants of the moments that the candidate signal cites."""

    round = models.ForeignKey(
        "signals.PrioritisationRound", on_delete=models.CASCADE, related_name="+", verbose_name=_("round")
    )
    signal = models.ForeignKey("signals.Signal", on_delete=models.CASCADE, related_name="+", verbose_name=_("signal"))
    participants = models.PositiveIntegerField(_("young people"))
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("attached by")
    )
    attached_at = models.DateTimeField(_("attached at"), default=timezone.now)

    class Meta:
        ordering = ["round", "rank", "pk"]
        verbose_name = _("young people's ranking of a candidate")
        verbose_name_plural = _("young people's rankings of candidates")
        constraints = [models.UniqueConstraint(fields=["round", "signal"], name="youth_ranking_once_per_candidate")]

    def __str__(self):
        return f"{self.round_id} · {self.signal_id}: {self.rank}"
