"""The city's monthly overview: what waits for the city across signals, covenants, organisations, coverage and the
charter, read in a fixed number of queries whatever the number of rows (each block one or two queries; coverage
comes from the shared cache).

The rules of each block:

- **Signals waiting** are open signals that wait for their body (submitted, acknowledged or in progress; merged
  ones are left out), counted per responsible body; a signal is overdue when its current deadline has passed.
  Bodies with overdue signals come first; signals without a body yet count under "no responsible body yet".
- **Follow-up actions** are those of signals (not done or dropped) and those agreed in covenant meetings (not
  done), due within ``ACTIONS_AHEAD`` days or overdue, the soonest first.
- **Covenant reports** are late when the report of a period that ended more than ``REPORT_DUE_AFTER`` ago is
  missing, still a draft or sent back for revision; they wait for review once submitted. Closed covenants are left
  out, and so are covenants whose terms were never agreed (nothing to report on yet).
- **Covenant versions waiting for the city** are submitted versions of terms without the city's approval.
- **Coverage** is today's (``neighbourhoods.selectors.coverage_on``), compared with the snapshot of each area
  taken on the latest date at least a month ago; priority areas first.
- **Leisure hours** city-wide are the sum over the neighbourhoods of each month's last snapshot (an offer serving
  two neighbourhoods counts in both, as on the neighbourhoods' own pages), over the last 12 months.
- **Not signed**: approved, active organisations without an active signature of the current charter version;
  those that signed an older version only are told apart.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone

from charter.models import ChainEntry, CharterVersion
from covenants.events import REPORT_DUE_AFTER
from covenants.models import Action as CovenantAction
from covenants.models import Approval, ReportingPeriod, Side, TermsVersion
from covenants.models import Report as CovenantReport
from neighbourhoods import coverage
from neighbourhoods.labels import AREA_KIND_SLUGS
from neighbourhoods.models import CoverageSnapshot
from neighbourhoods.selectors import coverage_on
from organisations.models import Organisation
from signals.models import Signal, SignalAction, Status

ACTIONS_AHEAD = datetime.timedelta(days=30)
WAITING_STATUSES = (Status.SUBMITTED, Status.ACKNOWLEDGED, Status.IN_PROGRESS)
SIGNAL_ACTION, COVENANT_ACTION = "signal", "covenant"
LATE, TO_REVIEW = "late", "to_review"
NEW, SOLVED, SAME, CHANGED = "new", "solved", "same", "changed"


@dataclass(frozen=True)
class BodyRow:
    body_id: int | None
    name: str
    kind: str
    waiting: int
    overdue: int


@dataclass(frozen=True)
class SignalRow:
    pk: int
    title: str
    body: str
    status: str
    due_on: datetime.date | None
    submitted_on: datetime.date


@dataclass(frozen=True)
class ActionRow:
    source: str  # SIGNAL_ACTION or COVENANT_ACTION
    description: str
    owner: str  # the responsible body, or the side of a covenant
    due_on: datetime.date
    overdue: bool
    about: str  # the signal's title or the covenant's reference
    url: str


@dataclass(frozen=True)
class ReportRow:
    state: str  # LATE or TO_REVIEW
    reference: str
    partner: str
    city_service: str
    period: str
    period_end: datetime.date
    due_on: datetime.date
    report_state: str
    url: str


@dataclass(frozen=True)
class VersionRow:
    reference: str
    title: str
    number: int
    city_service: str
    partner: str
    submitted_at: datetime.datetime | None
    url: str


@dataclass(frozen=True)
class OrganisationRow:
    name: str
    kind: str
    registered_at: datetime.datetime
    url: str


@dataclass(frozen=True)
class AreaRow:
    area_type: str
    number: int | None
    name: str
    is_priority: bool
    gaps: tuple[str, ...]
    gaps_before: tuple[str, ...] | None  # None: no snapshot of the area a month ago
    priority_before: bool | None
    change: str  # NEW, SOLVED, SAME or CHANGED
    url: str

    @property
    def gaps_added(self) -> tuple[str, ...]:
        before = self.gaps_before or ()
        return tuple(code for code in self.gaps if code not in before)

    @property
    def gaps_closed(self) -> tuple[str, ...]:
        return tuple(code for code in (self.gaps_before or ()) if code not in self.gaps)


@dataclass(frozen=True)
class LeisurePoint:
    taken_on: datetime.date
    hours: Decimal


@dataclass(frozen=True)
class UnsignedRow:
    name: str
    kind: str
    signed_older: bool
    url: str


@dataclass
class Overview:
    today: datetime.date
    bodies: list[BodyRow]
    overdue_signals: list[SignalRow]
    actions: list[ActionRow]
    reports: list[ReportRow]
    versions: list[VersionRow]
    organisations: list[OrganisationRow]
    areas: list[AreaRow]  # every area with gaps now, or with gaps a month ago that are solved now
    compared_with: datetime.date | None
    leisure: list[LeisurePoint]
    unsigned: list[UnsignedRow]
    charter_version: str | None
    signatory_count: int
    totals: dict = field(default_factory=dict)


def _url_maker(name: str, arity: int):
    """``reverse`` once for a URL pattern, then fill in each row's arguments: hundreds of rows, one resolver call."""
    marks = [f"90909090{index}" for index in range(arity)]  # digits: valid for int, slug and str converters
    template = reverse(name, args=marks)

    def url(*args) -> str:
        result = template
        for mark, value in zip(marks, args, strict=True):
            result = result.replace(mark, str(value))
        return result

    return url


def _signal_blocks(today) -> tuple[list[BodyRow], list[SignalRow]]:
    """Two queries: the counts per body, and the overdue signals themselves."""
    waiting = Signal.objects.filter(status__in=WAITING_STATUSES, merged_into__isnull=True)
    rows = (
        waiting.order_by()
        .values("responsible_body_id", "responsible_body__name", "responsible_body__kind")
        .annotate(waiting=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    )
    bodies = [
        BodyRow(
            row["responsible_body_id"],
            row["responsible_body__name"] or "",
            row["responsible_body__kind"] or "",
            row["waiting"],
            row["overdue"],
        )
        for row in rows
    ]
    bodies.sort(key=lambda b: (-b.overdue, -b.waiting, b.body_id is None, b.name.lower()))
    overdue = [
        SignalRow(pk, title, body or "", status, due_on, timezone.localtime(submitted_at).date())
        for pk, title, body, status, due_on, submitted_at in waiting.filter(due_on__lt=today)
        .order_by("due_on", "pk")
        .values_list("pk", "title", "responsible_body__name", "status", "due_on", "submitted_at")
    ]
    return bodies, overdue


def _actions(today) -> list[ActionRow]:
    """Two queries: the follow-up actions of signals and those agreed in covenant meetings."""
    horizon = today + ACTIONS_AHEAD
    signal_url, covenant_url = _url_maker("signals:detail", 1), _url_maker("covenants:detail", 1)
    rows = [
        ActionRow(
            SIGNAL_ACTION,
            description,
            body,
            due_on,
            due_on < today,
            title,
            signal_url(signal_id),
        )
        for description, body, due_on, title, signal_id in SignalAction.objects.exclude(
            status__in=SignalAction.FINISHED
        )
        .filter(due_on__lte=horizon)
        .values_list("description", "responsible_body__name", "due_on", "signal__title", "signal_id")
    ]
    sides = dict(Side.choices)
    rows += [
        ActionRow(
            COVENANT_ACTION,
            description,
            str(sides.get(owner_side, owner_side)),
            due_on,
            due_on < today,
            reference,
            covenant_url(covenant_id),
        )
        for description, owner_side, due_on, reference, covenant_id in CovenantAction.objects.filter(
            done_on__isnull=True, due_on__lte=horizon, covenant__closed_on__isnull=True
        ).values_list("description", "owner_side", "due_on", "covenant__reference", "covenant_id")
    ]
    rows.sort(key=lambda row: (row.due_on, row.source, row.about))
    return rows


def _partner_name(organisation_name, collaboration_name) -> str:
    return organisation_name or collaboration_name or ""


def _reports(today) -> list[ReportRow]:
    """One query: periods whose report is late, and reports waiting for the city's review."""
    ended_before = today - REPORT_DUE_AFTER
    unfinished = (CovenantReport.State.DRAFT, CovenantReport.State.REVISION_REQUESTED)
    agreed = TermsVersion.objects.filter(covenant=OuterRef("covenant_id"), agreed_at__isnull=False)
    periods = (
        ReportingPeriod.objects.filter(Exists(agreed), covenant__closed_on__isnull=True)
        .filter(
            Q(report__state=CovenantReport.State.SUBMITTED)
            | Q(ends_on__lt=ended_before, report__isnull=True)
            | Q(ends_on__lt=ended_before, report__state__in=unfinished)
        )
        .order_by("ends_on", "pk")
        .values_list(
            "pk",
            "starts_on",
            "ends_on",
            "covenant_id",
            "covenant__reference",
            "covenant__partner_organisation__name",
            "covenant__partner_collaboration__name",
            "covenant__city_service__name",
            "report__state",
        )
    )
    states = dict(CovenantReport.State.choices)
    report_url = _url_maker("covenants:report", 2)
    rows = []
    for pk, starts_on, ends_on, covenant_id, reference, org, collab, service, state in periods:
        rows.append(
            ReportRow(
                TO_REVIEW if state == CovenantReport.State.SUBMITTED else LATE,
                reference,
                _partner_name(org, collab),
                service,
                f"{starts_on:%d-%m-%Y} – {ends_on:%d-%m-%Y}",
                ends_on,
                ends_on + REPORT_DUE_AFTER,
                str(states[state]) if state else "",
                report_url(covenant_id, pk),
            )
        )
    rows.sort(key=lambda row: (row.state != LATE, row.due_on))
    return rows


def _versions() -> list[VersionRow]:
    """One query: submitted versions of terms that the city has not approved yet."""
    city_approval = Approval.objects.filter(terms=OuterRef("pk"), side=Side.CITY)
    version_url = _url_maker("covenants:version", 2)
    return [
        VersionRow(
            reference,
            title,
            number,
            service,
            _partner_name(org, collab),
            submitted_at,
            version_url(covenant_id, number),
        )
        for covenant_id, reference, title, number, service, org, collab, submitted_at in TermsVersion.objects.filter(
            state=TermsVersion.State.SUBMITTED, covenant__closed_on__isnull=True
        )
        .exclude(Exists(city_approval))
        .order_by("submitted_at", "pk")
        .values_list(
            "covenant_id",
            "covenant__reference",
            "covenant__title",
            "number",
            "covenant__city_service__name",
            "covenant__partner_organisation__name",
            "covenant__partner_collaboration__name",
            "submitted_at",
        )
    ]


def _organisations() -> list[OrganisationRow]:
    """One query: registered organisations waiting for a city admin's approval."""
    organisation_url = _url_maker("organisations:detail", 1)
    return [
        OrganisationRow(name, kind, created_at, organisation_url(slug))
        for name, kind, created_at, slug in Organisation.objects.awaiting_approval()
        .order_by("created_at", "pk")
        .values_list("name", "kind", "created_at", "slug")
    ]


def _month_before(day: datetime.date) -> datetime.date:
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    for last in (31, 30, 29, 28):  # the same day of the month before, or that month's last day
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _areas(today) -> tuple[list[AreaRow], datetime.date | None]:
    """Coverage today (kept in the shared cache) against the snapshots of a month ago: two queries more."""
    report = coverage_on(today)
    compared_with = (
        CoverageSnapshot.objects.filter(taken_on__lte=_month_before(today)).aggregate(day=Max("taken_on")).get("day")
    )
    before = {}
    if compared_with is not None:
        before = {
            (area_type, area_id): (tuple(gaps), is_priority)
            for area_type, area_id, gaps, is_priority in CoverageSnapshot.objects.filter(
                taken_on=compared_with
            ).values_list("area_type", "area_id", "gaps", "is_priority")
        }
    area_url = _url_maker("neighbourhoods:area", 2)
    rows = []
    for result in report.results:
        info = report.areas[result.key]
        then, priority_then = before.get(result.key, (None, None))
        if not result.gaps and not then:
            continue
        if compared_with is None:
            change = SAME  # nothing to compare with: the page says so
        elif not then:
            change = NEW
        elif not result.gaps:
            change = SOLVED
        elif set(then) == set(result.gaps):
            change = SAME
        else:
            change = CHANGED
        rows.append(
            AreaRow(
                result.area_type,
                info.number,
                result.name,
                result.is_priority,
                tuple(result.gaps),
                then,
                priority_then,
                change,
                area_url(AREA_KIND_SLUGS[result.area_type], info.slug),
            )
        )
    rows.sort(
        key=lambda row: (
            not row.gaps,  # areas with gaps before those that closed theirs
            not row.is_priority,
            row.area_type != coverage.NEIGHBOURHOOD,
            row.number if row.number is not None else 0,
            row.name.lower(),
        )
    )
    return rows, compared_with


def _leisure(today) -> list[LeisurePoint]:
    """One query: per snapshot date of the last 12 months, the neighbourhoods' leisure hours summed; the last
    snapshot of each month stands for that month."""
    since = datetime.date(today.year - 1, today.month, 1) if today.month < 12 else datetime.date(today.year, 1, 1)
    sums = (
        CoverageSnapshot.objects.filter(area_type=coverage.NEIGHBOURHOOD, taken_on__gte=since, taken_on__lte=today)
        .order_by("taken_on")
        .values("taken_on")
        .annotate(hours=Sum("leisure_hours_per_week"))
        .values_list("taken_on", "hours")
    )
    per_month: dict[tuple[int, int], LeisurePoint] = {}
    for taken_on, hours in sums:
        per_month[(taken_on.year, taken_on.month)] = LeisurePoint(taken_on, hours or Decimal(0))
    return [per_month[key] for key in sorted(per_month)]


def _unsigned() -> tuple[list[UnsignedRow], str | None, int]:
    """Two queries: the current charter version, and every approved, active organisation with its signatures."""
    version = CharterVersion.objects.published().order_by("-published_on", "-pk").values_list("pk", "label").first()
    if version is None:
        return [], None, 0
    signed = ChainEntry.objects.active().filter(organisation=OuterRef("pk"))
    rows = (
        Organisation.objects.approved()
        .annotate(
            signed_current=Exists(signed.filter(charter_version_id=version[0])),
            signed_any=Exists(signed),
        )
        .order_by("name", "pk")
        .values_list("name", "kind", "slug", "signed_current", "signed_any")
    )
    unsigned, signatories = [], 0
    organisation_url = _url_maker("organisations:detail", 1)
    for name, kind, slug, signed_current, signed_any in rows:
        if signed_current:
            signatories += 1
        else:
            unsigned.append(UnsignedRow(name, kind, signed_any, organisation_url(slug)))
    return unsigned, version[1], signatories


def monthly_overview(today: datetime.date | None = None) -> Overview:
    """Everything the overview page and its workbook show: 12 queries, plus coverage (two cache reads when kept)."""
    today = today or timezone.localdate()
    bodies, overdue_signals = _signal_blocks(today)
    actions = _actions(today)
    areas, compared_with = _areas(today)
    unsigned, version_label, signatory_count = _unsigned()
    overview = Overview(
        today=today,
        bodies=bodies,
        overdue_signals=overdue_signals,
        actions=actions,
        reports=_reports(today),
        versions=_versions(),
        organisations=_organisations(),
        areas=areas,
        compared_with=compared_with,
        leisure=_leisure(today),
        unsigned=unsigned,
        charter_version=version_label,
        signatory_count=signatory_count,
    )
    with_gaps = [row for row in areas if row.gaps]
    before = [row for row in areas if row.gaps_before]  # areas gone since then are not counted
    overview.totals = {
        "signals_waiting": sum(b.waiting for b in bodies),
        "signals_overdue": sum(b.overdue for b in bodies),
        "actions_overdue": sum(1 for a in actions if a.overdue),
        "actions_due": sum(1 for a in actions if not a.overdue),
        "reports_late": sum(1 for r in overview.reports if r.state == LATE),
        "reports_to_review": sum(1 for r in overview.reports if r.state == TO_REVIEW),
        "areas_with_gaps": len(with_gaps),
        "priority_areas_with_gaps": sum(1 for row in with_gaps if row.is_priority),
        "areas_with_gaps_before": len(before) if compared_with is not None else None,
        "priority_areas_with_gaps_before": (
            sum(1 for row in before if row.priority_before) if compared_with is not None else None
        ),
        "never_signed": sum(1 for row in unsigned if not row.signed_older),
        "signed_older": sum(1 for row in unsigned if row.signed_older),
    }
    return overview
