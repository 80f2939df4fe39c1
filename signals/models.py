"""Signals: structural problems reported by partners, answered by city services within deadlines (R6)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import GENERATED_TEXT, NOTE_TEXT, SHORT_TEXT, TEXT
from neighbourhoods.models import Neighbourhood
from signals import timeline_texts, youth_voice


class Theme(models.TextChoices):
    WELFARE = "welfare", _("welfare")
    EDUCATION = "education", _("education")
    WORK = "work", _("work")
    HOUSING = "housing", _("housing")
    HEALTH = "health", _("health")
    POLICE_JUSTICE = "police_justice", _("police and justice")
    PUBLIC_SPACE = "public_space", _("public space and mobility")
    SPORT = "sport", _("sport")
    CULTURE = "culture", _("culture")
    LEISURE = "leisure", _("leisure")
    POVERTY = "poverty", _("poverty")
    DISCRIMINATION = "discrimination", _("discrimination")
    OTHER = "other", _("other")


class ChildrenAffected(models.TextChoices):
    """A range, never names (R10)."""

    R1_5 = "1-5", _("1 to 5")
    R6_20 = "6-20", _("6 to 20")
    R21_50 = "21-50", _("21 to 50")
    R51_100 = "51-100", _("51 to 100")
    R100_PLUS = "100+", _("more than 100")


# The reporting organisation may reopen an answered signal for this many days (docs/rules.md#reopening).
REOPEN_DAYS = 30


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")


class Outcome(models.TextChoices):
    ACTION_PLANNED = "action_planned", _("action planned")
    ACTION_TAKEN = "action_taken", _("action taken")
    REFERRED = "referred", _("referred to another body")
    NOT_FEASIBLE = "not_feasible", _("not feasible")


class Confirmation(models.TextChoices):
    """The reporting organisation's word on an answered signal."""

    RESOLVED = "resolved", _("resolved")
    NOT_RESOLVED = "not_resolved", _("not resolved")
    NOT_CONFIRMED = "not_confirmed", _("not confirmed")


# An answer that waits for the reporter's confirmation closes as "not confirmed" after this many days.
CONFIRM_DAYS = 30


class SignalQuerySet(models.QuerySet):
    def for_lists(self):
        """Everything a list shows, in a fixed number of queries whatever the number of rows."""
        endorsements = (
            Endorsement.objects.filter(signal=OuterRef("pk"))
            .order_by()
            .values("signal")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self.select_related("organisation", "responsible_body", "priority_round")
            .prefetch_related(
                "themes",
                # Lists never show the (large) GeoJSON outline of a neighbourhood.
                models.Prefetch("neighbourhoods", queryset=Neighbourhood.objects.defer("geometry")),
                "movement_circles",
            )
            .annotate(
                endorsement_total=Coalesce(Subquery(endorsements), 0),
                raised_by_young_people=youth_voice.expression(),
            )
        )

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_on__lt=today)

    def priority(self):
        return self.filter(priority_round__isnull=False)

    def open(self):
        return self.exclude(status=Status.CLOSED)

    def public(self):
        """Signals the reporting organisation made public (issue 19, item 6); merged ones are never shown."""
        return self.filter(is_public=True, merged_into__isnull=True)


class Signal(VersionedModel):
    title = models.CharField(_("title"), max_length=200, validators=[validate_no_personal_data])
    description = models.TextField(
        _("description"),
        validators=[validate_no_personal_data],
        help_text=_("What is the structural problem? Describe situations, never persons."),
        max_length=TEXT,
    )
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood", blank=True, related_name="signals", verbose_name=_("neighbourhoods")
    )
    movement_circles = models.ManyToManyField(
        "neighbourhoods.MovementCircle", blank=True, related_name="signals", verbose_name=_("movement circles")
    )
    city_wide = models.BooleanField(_("city-wide"), default=False)
    children_affected = models.CharField(
        _("children or young people affected"),
        max_length=10,
        choices=ChildrenAffected.choices,
        help_text=_("A range, never names."),
    )
    since = models.DateField(_("since when"), null=True, blank=True)
    actions_taken = models.TextField(
        _("what the organisation already did"), blank=True, validators=[validate_no_personal_data], max_length=TEXT
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="reported_signals",
        verbose_name=_("reporting organisation"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reported by")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    responsible_body = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_signals",
        verbose_name=_("responsible body"),
        help_text=_("A city service or another public body (OCMW, police zone, school, ...)."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public signals can be read without logging in; otherwise only partners and the city see it."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    acknowledge_due_on = models.DateField(_("acknowledge by"))
    answer_due_on = models.DateField(_("answer by"), null=True, blank=True)
    due_on = models.DateField(
        _("current deadline"), null=True, blank=True, help_text=_("Empty once the signal is answered or closed.")
    )
    acknowledged_on_time = models.BooleanField(_("acknowledged on time"), null=True, blank=True)
    answered_on_time = models.BooleanField(_("answered on time"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    answer = models.TextField(_("answer"), blank=True, validators=[validate_no_personal_data], max_length=TEXT)
    confirmation_requested_at = models.DateTimeField(_("confirmation asked at"), null=True, blank=True)
    confirmation = models.CharField(_("confirmation"), max_length=20, choices=Confirmation.choices, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_signals",
        verbose_name=_("merged into"),
    )
    priority_round = models.ForeignKey(
        "signals.PrioritisationRound",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="priority_signals",
        verbose_name=_("priority from round"),
    )
    priority_rank = models.PositiveSmallIntegerField(_("rank in the round"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = SignalQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [
            models.Index(fields=["status", "due_on"]),
            # The order of every list (the pages, the API): a page is read from the index, not sorted.
            models.Index(fields=["-submitted_at", "-id"], name="signal_list_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("signals:detail", args=[self.pk])

    @property
    def is_priority(self) -> bool:
        return self.priority_round_id is not None

    @property
    def is_overdue(self) -> bool:
        return self.due_on is not None and timezone.localdate() > self.due_on

    @property
    def endorsement_count(self) -> int:
        if hasattr(self, "endorsement_total"):
            return self.endorsement_total
        return self.endorsements.count()

    @property
    def theme_codes(self) -> list[str]:
        return [theme.code for theme in self.themes.all()]

    @property
    def theme_labels(self) -> list[str]:
        return [theme.get_code_display() for theme in self.themes.all()]

    @property
    def reopen_deadline(self):
        """The last day the reporting organisation may reopen an answered signal: counted from the request to
        confirm the answer (once every planned action is done or dropped), else from the answer."""
        start = self.confirmation_requested_at or self.answered_at
        if start is None:
            return None
        return timezone.localdate(start) + timedelta(days=REOPEN_DAYS)

    @property
    def awaits_confirmation(self) -> bool:
        return self.status == Status.ANSWERED and self.confirmation_requested_at is not None and not self.confirmation


class SignalTheme(models.Model):
    """One theme code of a signal; a row per code keeps filtering by theme plain SQL on every database."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="themes", verbose_name=_("signal"))
    code = models.CharField(_("theme"), max_length=20, choices=Theme.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("theme of a signal")
        verbose_name_plural = _("themes of signals")
        constraints = [models.UniqueConstraint(fields=["signal", "code"], name="signal_theme_once")]

    def __str__(self):
        return self.get_code_display()


class TimelineEntry(models.Model):
    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("reported")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        STARTED = "started", _("work started")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")
        REOPENED = "reopened", _("reopened")
        ENDORSED = "endorsed", _("endorsed")
        NOTE = "note", _("note")
        PRIORITY = "priority", _("marked priority")
        ACTION = "action", _("follow-up action")
        CONFIRMATION_ASKED = "confirmation_asked", _("confirmation asked")
        CONFIRMED = "confirmed", _("confirmed by the reporter")
        REASSIGNED = "reassigned", _("reassigned")
        COMMENT = "comment", _("comment")
        MERGED = "merged", _("merged")

    # What the public timeline shows: the steps, answers and actions, never comments or notes (item 6).
    PUBLIC_KINDS = frozenset(
        {
            Kind.SUBMITTED,
            Kind.ACKNOWLEDGED,
            Kind.STARTED,
            Kind.ANSWERED,
            Kind.CLOSED,
            Kind.REOPENED,
            Kind.PRIORITY,
            Kind.ACTION,
            Kind.CONFIRMATION_ASKED,
            Kind.CONFIRMED,
            Kind.REASSIGNED,
            Kind.MERGED,
        }
    )

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="timeline", verbose_name=_("signal"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    text = models.TextField(
        _("text"),
        blank=True,
        validators=[validate_no_personal_data],
        help_text=_("What a person wrote: a comment, a note, a reason or an answer."),
        max_length=TEXT,
    )
    # What the portal writes itself, kept as a code and its values and shown in the reader's language
    # (signals.timeline_texts); empty for comments and notes.
    message = models.CharField(_("portal text"), max_length=30, blank=True)
    params = models.JSONField(_("values of the portal text"), default=dict, blank=True)
    status_after = models.CharField(_("status after"), max_length=20, choices=Status.choices, blank=True)
    is_internal = models.BooleanField(
        _("internal"),
        default=False,
        help_text=_("Internal notes and comments are visible to city staff and the responsible body only."),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_internal=False) | Q(kind__in=["note", "comment"]), name="only_notes_are_internal"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def display_text(self) -> str:
        """The entry's text in the reader's language: the portal's own sentence, followed by what a person wrote."""
        labels = {
            "action_status": dict(SignalAction.State.choices),
            "outcome": dict(Outcome.choices),
            "confirmation": dict(Confirmation.choices),
        }
        return timeline_texts.render(self.message, self.params, self.text, labels)

    @property
    def author_name(self) -> str:
        """The author's name, never their e-mail address; empty for a person without a name."""
        return (self.author.full_name or "").strip() if self.author_id and self.author else ""

    @property
    def person(self) -> str:
        """Who wrote it as every timeline shows it: name and organisation, or "a member of <organisation>"."""
        organisation = self.author_organisation.name if self.author_organisation_id else ""
        if self.author_name:
            return f"{self.author_name} ({organisation})" if organisation else self.author_name
        if organisation:
            return str(_("a member of %(organisation)s") % {"organisation": organisation})
        return ""


class Endorsement(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="endorsements", verbose_name=_("signal"))
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("endorsed by")
    )
    observation = models.TextField(
        _("own observation"), blank=True, validators=[validate_no_personal_data], max_length=NOTE_TEXT
    )
    created_at = models.DateTimeField(_("endorsed at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(fields=["signal", "organisation"], name="one_endorsement_per_organisation")
        ]

    def __str__(self):
        return f"{self.organisation} → {self.signal}"


class SignalAction(VersionedModel):
    """A follow-up action of a signal: what, which body, by when, how far (issue 19, item 1)."""

    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    FINISHED = frozenset({State.DONE, State.DROPPED})

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="actions", verbose_name=_("signal"))
    description = models.TextField(_("what"), validators=[validate_no_personal_data], max_length=TEXT)
    responsible_body = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible body")
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.PLANNED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    drop_reason = models.TextField(
        _("why dropped"), blank=True, validators=[validate_no_personal_data], max_length=SHORT_TEXT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_at_most_100"),
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(drop_reason=""), name="dropped_action_has_reason"
            ),
        ]

    def __str__(self):
        return self.description[:60]

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def is_overdue(self) -> bool:
        return not self.is_finished and timezone.localdate() > self.due_on

    @property
    def done_on_time(self) -> bool | None:
        if self.status != self.State.DONE or self.finished_on is None:
            return None
        return self.finished_on <= self.due_on


class RoutingRule(models.Model):
    """Theme → the body a new signal goes to at submission; city admins edit these (issue 19, item 2)."""

    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, unique=True)
    body = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible body")
    )

    class Meta:
        ordering = ["theme"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self):
        return f"{self.get_theme_display()} → {self.body}"


class ReminderSent(models.Model):
    """What ``send_signal_reminders`` sent, so that each deadline is reminded once before and once overdue."""

    class Deadline(models.TextChoices):
        ACKNOWLEDGE = "acknowledge", _("acknowledge")
        ANSWER = "answer", _("answer")

    class Stage(models.TextChoices):
        BEFORE = "before", _("before the deadline")
        OVERDUE = "overdue", _("overdue")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("signal"))
    deadline = models.CharField(_("deadline"), max_length=20, choices=Deadline.choices)
    due_on = models.DateField(_("due on"))
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.TextField(
        _("recipients"), blank=True, help_text=_("One e-mail address a line."), max_length=GENERATED_TEXT
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "deadline", "due_on", "stage"], name="one_reminder_per_deadline_and_stage"
            )
        ]

    def __str__(self):
        return f"{self.signal} {self.deadline} {self.due_on} {self.stage}"


class PrioritisationRound(VersionedModel):
    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    class TieRule(models.TextChoices):
        ENDORSEMENTS_THEN_EARLIER = (
            "endorsements_then_earlier",
            _("more endorsements first, then the signal reported earlier"),
        )
        ALL_TIED_PRIORITY = "all_tied_priority", _("every signal tied at the last place becomes priority")
        YOUTH_RANKING_FIRST = (
            "youth_ranking_first",
            _(
                "the signal ranked higher by young people first, then more endorsements, then the signal reported "
                "earlier"
            ),
        )

    class Eligibility(models.TextChoices):
        SIGNATORY_PARTNERS = (
            "signatory_partners",
            _(
                "Approved partner organisations with a charter signature that is not withdrawn (any version) vote; "
                "city services and other public bodies do not vote."
            ),
        )

    title = models.CharField(_("title"), max_length=200, validators=[validate_no_personal_data])
    description = models.TextField(
        _("description"), blank=True, validators=[validate_no_personal_data], max_length=TEXT
    )
    votes_per_organisation = models.PositiveSmallIntegerField(_("votes per organisation"), default=10)
    top_n = models.PositiveSmallIntegerField(
        _("number of priority signals"), default=3, help_text=_("The top signals that become priority.")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    candidates = models.ManyToManyField(
        Signal, through="RoundCandidate", related_name="rounds", verbose_name=_("candidate signals")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opens_at = models.DateTimeField(_("voting opens"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("voting closes"), null=True, blank=True, help_text=_("Votes after this moment are refused.")
    )
    tie_rule = models.CharField(
        _("tie rule"),
        max_length=30,
        choices=TieRule.choices,
        default=TieRule.ENDORSEMENTS_THEN_EARLIER,
        help_text=_("Fixed when voting opens."),
    )
    eligibility = models.CharField(
        _("who may vote"), max_length=30, choices=Eligibility.choices, default=Eligibility.SIGNATORY_PARTNERS
    )
    opening_announced_at = models.DateTimeField(_("opening announced at"), null=True, blank=True)
    closing_reminded_at = models.DateTimeField(_("closing reminder sent at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("prioritisation round")
        verbose_name_plural = _("prioritisation rounds")
        constraints = [
            models.CheckConstraint(condition=Q(votes_per_organisation__gte=1), name="round_has_votes"),
            models.CheckConstraint(condition=Q(top_n__gte=1), name="round_has_top"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("signals:round", args=[self.pk])

    @property
    def is_open(self) -> bool:
        """Whether votes are accepted now: not closed, opened, and before the closing moment."""
        now = timezone.now()
        return (
            self.state == self.State.OPEN and self.opens_at <= now and (self.closes_at is None or now < self.closes_at)
        )

    @property
    def has_started(self) -> bool:
        return self.opens_at <= timezone.now()

    @property
    def voting_ended(self) -> bool:
        """Closed, or past its closing moment with the result still to be published."""
        return self.state == self.State.CLOSED or (self.closes_at is not None and timezone.now() >= self.closes_at)


class RoundCandidate(models.Model):
    round = models.ForeignKey(
        PrioritisationRound, on_delete=models.CASCADE, related_name="entries", verbose_name=_("round")
    )
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="+", verbose_name=_("signal"))
    total_votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)

    class Meta:
        ordering = ["rank", "pk"]
        verbose_name = _("candidate signal")
        verbose_name_plural = _("candidate signals")
        constraints = [models.UniqueConstraint(fields=["round", "signal"], name="candidate_once_per_round")]

    def __str__(self):
        return f"{self.round} · {self.signal}"


class Vote(models.Model):
    round = models.ForeignKey(
        PrioritisationRound, on_delete=models.CASCADE, related_name="votes", verbose_name=_("round")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="+", verbose_name=_("signal"))
    votes = models.PositiveSmallIntegerField(_("votes"))
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("cast by")
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation", "signal"], name="one_vote_row_per_signal"),
            models.CheckConstraint(condition=Q(votes__gte=1), name="vote_positive"),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.signal}: {self.votes}"


class SignalSettings(models.Model):
    """City-wide settings of the signals app: one row (``SignalSettings.load()``)."""

    indicator_endorsement_weight = models.DecimalField(
        _("weight of an endorsement"),
        max_digits=4,
        decimal_places=2,
        default=1,
        help_text=_("In the signals indicator of area priority a signal counts 1, plus this for each endorsement."),
    )
    indicator_theme = models.CharField(
        _("theme counted"),
        max_length=20,
        choices=Theme.choices,
        blank=True,
        help_text=_("Count only signals with this theme in area priority; empty: every theme."),
    )

    class Meta:
        verbose_name = _("signal settings")
        verbose_name_plural = _("signal settings")

    def __str__(self):
        return str(_("signal settings"))

    @classmethod
    def load(cls) -> "SignalSettings":
        return cls.objects.get_or_create(pk=1)[0]
