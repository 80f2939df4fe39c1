"""The covenant portfolio for city staff: across all covenants (filtered), what needs attention and what the city
spends. A fixed number of queries, whatever the number of covenants (tests/covenants/test_portfolio.py)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch

from covenants.events import REPORT_DUE_AFTER
from covenants.models import Action, Indicator, Report, ReportingPeriod, ReportValue, TermsVersion

WAITING_STATES = (Report.State.DRAFT, Report.State.REVISION_REQUESTED)
REPORTED_STATES = (Report.State.SUBMITTED, Report.State.ACCEPTED)


@dataclass
class PeriodIssue:
    covenant: object
    period: object
    due_on: date
    state: str  # "late" (not submitted after its due date) or "waiting" (submitted, waiting for review)
    whose: str  # "partner" (the partner's report) or "city" (the city's report on its commitments)
    report_state: str = ""


@dataclass
class OffTarget:
    covenant: object
    indicator: object
    year: int
    target: Decimal | None = None
    actual: Decimal | None = None
    missing_report: bool = False  # a qualitative (or unreported quantitative) indicator whose report is missing


@dataclass
class Row:
    covenant: object
    late: int = 0
    waiting: int = 0
    off_target: int = 0
    overdue_actions: int = 0
    budget: dict = field(default_factory=dict)  # year -> amount of the agreed version


@dataclass
class Portfolio:
    rows: list
    late_or_waiting: list
    off_target: list
    overdue_actions: list
    budget_per_year: list  # [(year, total)]
    years: list


def _missed(indicator, target, actual) -> bool:
    return actual < target if indicator.higher_is_better else actual > target


def build(covenants, *, today: date, year: int | None = None) -> Portfolio:
    """``covenants``: a filtered queryset (with ``with_status()``); ``year``: only that year's figures."""
    covenants = list(covenants)
    ids = [c.pk for c in covenants]
    rows = {c.pk: Row(covenant=c) for c in covenants}
    by_id = {c.pk: c for c in covenants}

    agreed = {
        terms.covenant_id: terms
        for terms in TermsVersion.objects.filter(covenant_id__in=ids, state=TermsVersion.State.AGREED).prefetch_related(
            "budget_lines",
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("targets")),
            "city_commitments",
        )
    }

    # Reports late or waiting for review: the partner's and the city's own.
    issues = []
    reported_years = defaultdict(set)  # covenant id -> years with a submitted or accepted partner report
    due_years = defaultdict(set)  # covenant id -> years whose partner report is due by now
    periods = (
        ReportingPeriod.objects.filter(covenant_id__in=ids)
        .select_related("report", "city_report")
        .order_by("ends_on", "covenant_id")
    )
    for period in periods:
        covenant = by_id[period.covenant_id]
        due_on = period.ends_on + REPORT_DUE_AFTER
        report = getattr(period, "report", None)
        city_report = getattr(period, "city_report", None)
        if report is not None and report.state in REPORTED_STATES:
            reported_years[covenant.pk].add(period.ends_on.year)
        in_year = year is None or period.ends_on.year == year
        if covenant.closed_on or covenant.pk not in agreed or not in_year:
            continue
        if due_on < today:
            due_years[covenant.pk].add(period.ends_on.year)
        for whose, one, needed in (
            ("partner", report, True),
            ("city", city_report, bool(agreed[covenant.pk].city_commitments.all())),
        ):
            if not needed:
                continue
            state = one.state if one is not None else ""
            if due_on < today and (one is None or state in WAITING_STATES):
                issues.append(PeriodIssue(covenant, period, due_on, "late", whose, state))
                rows[covenant.pk].late += 1
            elif state == Report.State.SUBMITTED:
                issues.append(PeriodIssue(covenant, period, due_on, "waiting", whose, state))
                rows[covenant.pk].waiting += 1

    # Indicators off target: actual against target per year (quantitative); a missing report flags them all.
    actuals = {}
    values = ReportValue.objects.filter(
        report__covenant_id__in=ids, report__state__in=REPORTED_STATES, actual__isnull=False
    ).values_list("report__covenant_id", "indicator__key", "report__period__ends_on", "actual")
    for covenant_id, key, ends_on, actual in values:
        actuals[(covenant_id, key, ends_on.year)] = actual
    off = []
    for covenant_id, terms in agreed.items():
        covenant = by_id[covenant_id]
        for line in terms.budget_lines.all():
            if year is None or line.year == year:
                rows[covenant_id].budget[line.year] = line.amount
        for indicator in terms.indicators.all():
            targets = indicator.target_map()
            for one_year in covenant.years:
                if year is not None and one_year != year:
                    continue
                missing = one_year in due_years[covenant_id] and one_year not in reported_years[covenant_id]
                if missing:
                    off.append(OffTarget(covenant, indicator, one_year, targets.get(one_year), None, True))
                    rows[covenant_id].off_target += 1
                    continue
                if not indicator.is_quantitative or one_year not in targets:
                    continue
                actual = actuals.get((covenant_id, indicator.key, one_year))
                if actual is not None and _missed(indicator, targets[one_year], actual):
                    off.append(OffTarget(covenant, indicator, one_year, targets[one_year], actual))
                    rows[covenant_id].off_target += 1

    overdue = list(
        Action.objects.open()
        .filter(covenant_id__in=ids, due_on__lt=today)
        .select_related("meeting")
        .order_by("due_on", "id")
    )
    for action in overdue:
        action.covenant = by_id[action.covenant_id]
        rows[action.covenant_id].overdue_actions += 1

    totals = defaultdict(Decimal)
    for row in rows.values():
        for one_year, amount in row.budget.items():
            totals[one_year] += amount
    years = sorted(totals)
    for row in rows.values():
        row.budget_list = [(one_year, row.budget.get(one_year)) for one_year in years]
    return Portfolio(
        rows=list(rows.values()),
        late_or_waiting=sorted(issues, key=lambda i: (i.state != "late", i.due_on)),
        off_target=sorted(off, key=lambda o: (o.covenant.reference, o.year, o.indicator.position)),
        overdue_actions=overdue,
        budget_per_year=[(one_year, totals[one_year]) for one_year in years],
        years=years,
    )
