"""Reads over signals that other parts of the portal use."""

from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, F, Q
from django.utils import timezone

from neighbourhoods.models import MovementCircle
from signals import stats
from signals.models import Signal, SignalAction, SignalTheme, Status


def signal_weights_by_neighbourhood(
    start: date, end: date, *, theme: str = "", endorsement_weight: Decimal = Decimal(1)
) -> dict[int, Decimal]:
    """What signals weigh per neighbourhood id, for the built-in priority indicator.

    Signals that count: those reported between ``start`` and ``end`` (inclusive, local dates), and those reported
    before ``end`` that are still open; merged duplicates never. Only those with ``theme`` when one is given.
    Each signal weighs 1 plus ``endorsement_weight`` for each endorsement, and counts once for each
    neighbourhood it names and for each neighbourhood of the movement circles it names (once per neighbourhood,
    even when named both ways). City-wide signals that name no area count for no neighbourhood. Four queries
    whatever the number of signals.
    """
    tz = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=tz)
    until = datetime.combine(end, time.max, tzinfo=tz)
    recent = Q(submitted_at__gte=since) | ~Q(status=Status.CLOSED)
    signals = Signal.objects.filter(recent, submitted_at__lte=until, merged_into__isnull=True)
    if theme:
        signals = signals.filter(pk__in=SignalTheme.objects.filter(code=theme).values("signal"))
    weights = {
        row["pk"]: 1 + endorsement_weight * row["n"]
        for row in signals.order_by().values("pk").annotate(n=Count("endorsements"))
    }
    areas = defaultdict(set)
    for signal_id, neighbourhood_id in Signal.neighbourhoods.through.objects.filter(signal__in=signals).values_list(
        "signal_id", "neighbourhood_id"
    ):
        areas[signal_id].add(neighbourhood_id)
    circle_rows = Signal.movement_circles.through.objects.filter(signal__in=signals).values_list(
        "signal_id", "movementcircle_id"
    )
    circle_links = defaultdict(set)
    for circle_id, neighbourhood_id in MovementCircle.neighbourhoods.through.objects.values_list(
        "movementcircle_id", "neighbourhood_id"
    ):
        circle_links[circle_id].add(neighbourhood_id)
    for signal_id, circle_id in circle_rows:
        areas[signal_id] |= circle_links[circle_id]
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for signal_id, neighbourhood_ids in areas.items():
        for neighbourhood_id in neighbourhood_ids:
            totals[neighbourhood_id] += weights.get(signal_id, 0)
    return dict(totals)


def dashboard_rows(start: date | None = None, end: date | None = None) -> list[stats.Row]:
    """One ``stats.Row`` per signal reported between ``start`` and ``end`` (local dates, inclusive, either open),
    public or not: the dashboards show numbers only. Three queries whatever the number of signals."""
    tz = timezone.get_current_timezone()
    signals = Signal.objects.filter(merged_into__isnull=True)
    if start:
        signals = signals.filter(submitted_at__gte=datetime.combine(start, time.min, tzinfo=tz))
    if end:
        signals = signals.filter(submitted_at__lte=datetime.combine(end, time.max, tzinfo=tz))
    theme_rows = defaultdict(list)
    for signal_id, code in SignalTheme.objects.filter(signal__in=signals).values_list("signal_id", "code"):
        theme_rows[signal_id].append(code)
    today = timezone.localdate()
    finished = list(SignalAction.FINISHED)
    actions = {
        row["signal_id"]: row
        for row in SignalAction.objects.filter(signal__in=signals)
        .order_by()
        .values("signal_id")
        .annotate(
            done=Count("pk", filter=Q(status=SignalAction.State.DONE)),
            on_time=Count("pk", filter=Q(status=SignalAction.State.DONE, finished_on__lte=F("due_on"))),
            overdue=Count("pk", filter=Q(due_on__lt=today) & ~Q(status__in=finished)),
        )
    }
    rows = []
    for s in signals.values(
        "pk",
        "status",
        "responsible_body_id",
        "submitted_at",
        "acknowledged_at",
        "answered_at",
        "answered_on_time",
        "due_on",
    ):
        counted = actions.get(s["pk"], {})
        rows.append(
            stats.Row(
                status=s["status"],
                service_id=s["responsible_body_id"],
                themes=theme_rows.get(s["pk"], []),
                submitted_at=s["submitted_at"],
                acknowledged_at=s["acknowledged_at"],
                answered_at=s["answered_at"],
                answered_on_time=s["answered_on_time"],
                due_on=s["due_on"],
                actions_done=counted.get("done", 0),
                actions_done_on_time=counted.get("on_time", 0),
                actions_overdue=counted.get("overdue", 0),
            )
        )
    return rows


def similar_open_signals(
    *, title: str, description: str, themes, neighbourhoods=(), movement_circles=(), city_wide=False, exclude=None
) -> list[Signal]:
    """Open signals that look like the one described: a theme in common, the same area (a neighbourhood or
    movement circle in common, or both city-wide), and words in common (``charter_portal.search.similar``:
    Dutch full-text search on PostgreSQL, accent- and case-insensitive word match on SQLite). Best first, at most
    five; a fixed number of queries."""
    from charter_portal.search import similar

    themes = list(themes or [])
    if not themes:
        return []
    area = Q(city_wide=True) if city_wide else Q(pk__in=[])
    neighbourhood_ids = [getattr(n, "pk", n) for n in neighbourhoods or ()]
    circle_ids = [getattr(c, "pk", c) for c in movement_circles or ()]
    if neighbourhood_ids:
        area |= Q(
            pk__in=Signal.neighbourhoods.through.objects.filter(neighbourhood_id__in=neighbourhood_ids).values("signal")
        )
        # A neighbourhood also meets the signals about the movement circles it lies in.
        circles_around = MovementCircle.neighbourhoods.through.objects.filter(
            neighbourhood_id__in=neighbourhood_ids
        ).values("movementcircle")
        area |= Q(
            pk__in=Signal.movement_circles.through.objects.filter(movementcircle__in=circles_around).values("signal")
        )
    if circle_ids:
        area |= Q(
            pk__in=Signal.movement_circles.through.objects.filter(movementcircle_id__in=circle_ids).values("signal")
        )
    candidates = (
        Signal.objects.open()
        .filter(merged_into__isnull=True)
        .filter(pk__in=SignalTheme.objects.filter(code__in=themes).values("signal"))
        .filter(area)
        .select_related("organisation")
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    return list(similar(candidates, f"{title} {description}", fields={"title": "A", "description": "B"}))
