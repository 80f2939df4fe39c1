"""Reads over signals that other parts of the portal use."""

from collections import defaultdict
from datetime import date, datetime, time

from django.utils import timezone

from neighbourhoods.models import MovementCircle
from signals.models import Signal


def signal_counts_by_neighbourhood(start: date, end: date) -> dict[int, int]:
    """Signals reported between ``start`` and ``end`` (inclusive, local dates), counted per neighbourhood id.

    A signal counts once for each neighbourhood it names and for each neighbourhood of the movement
    circles it names (once per neighbourhood, even when named both ways). City-wide signals that name
    no area count for no neighbourhood. Three queries whatever the number of signals.
    """
    tz = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=tz)
    until = datetime.combine(end, time.max, tzinfo=tz)
    signals = Signal.objects.filter(submitted_at__gte=since, submitted_at__lte=until)
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
    counts: dict[int, int] = defaultdict(int)
    for neighbourhood_ids in areas.values():
        for neighbourhood_id in neighbourhood_ids:
            counts[neighbourhood_id] += 1
    return dict(counts)
