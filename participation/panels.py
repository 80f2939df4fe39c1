"""What young people of an area asked for, beside what is offered there: a panel of the area's coverage page."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from neighbourhoods.coverage import MOVEMENT_CIRCLE, NEIGHBOURHOOD
from participation.models import MomentPoint, ParticipationMoment, TimeBand


def area_neighbourhood_ids(area_type: str, area) -> set[int]:
    if area_type == MOVEMENT_CIRCLE:
        return set(area.neighbourhoods.values_list("pk", flat=True))
    return {area.pk}


def wishes_for_area(area_type: str, area, *, since: datetime.date) -> list[dict]:
    """Wishes of the last 12 months that concern the area: from its moments, or naming one of its neighbourhoods.

    Grouped by function and time band, with how many moments asked for each (moments, not people)."""
    from neighbourhoods.models import MovementCircle

    ids = area_neighbourhood_ids(area_type, area)
    circles = MovementCircle.objects.filter(neighbourhoods__in=ids).values("pk")
    moments = (
        ParticipationMoment.objects.active()
        .filter(held_on__gte=since)
        .filter(Q(neighbourhoods__in=ids) | Q(movement_circle__in=circles))
        .values("pk")
    )
    points = (
        MomentPoint.objects.filter(kind=MomentPoint.Kind.WISH, moment__is_archived=False, moment__held_on__gte=since)
        .filter(Q(moment__in=moments) | Q(neighbourhood_id__in=ids))
        .values_list("moment_id", "function__code", "time_band")
        .distinct()
    )
    counts = Counter((function or "", band or "") for _moment, function, band in points)
    return [
        {"function": function, "time_band": band, "moments": n}
        for (function, band), n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def youth_wishes_panel(request, area_type: str, area, result) -> str:
    from organisations.models import Function

    since = timezone.localdate() - datetime.timedelta(days=365)
    wishes = wishes_for_area(area_type, area, since=since)
    labels = {f.code: f.name for f in Function.objects.all()}
    bands = dict(TimeBand.choices)
    present = set(result.functions_present)
    rows = [
        {
            **wish,
            "function_label": labels.get(wish["function"], ""),
            "band_label": bands.get(wish["time_band"], ""),
            "offered": wish["function"] in present if wish["function"] else None,
        }
        for wish in wishes
    ]
    voice_slug = area.slug if area_type == NEIGHBOURHOOD else None
    return render_to_string("participation/_area_panel.html", {"rows": rows, "voice_slug": voice_slug}, request=request)
