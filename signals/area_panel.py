"""Open signals about an area, listed on its coverage page (``neighbourhoods:area``): what partners flagged
there sits beside what is offered there."""

from __future__ import annotations

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from neighbourhoods.coverage import MOVEMENT_CIRCLE
from neighbourhoods.models import MovementCircle
from signals.models import Signal
from signals.rules import can_read_signals

# The panel lists at most this many signals (overdue and oldest first) and says how many there are in all.
SHOWN = 20


def open_signals_about(area_type: str, area):
    """Open, unmerged signals that name the area, one of its neighbourhoods (for a circle), or a movement circle
    that holds it (for a neighbourhood); city-wide signals are not about one area. One query when evaluated."""
    if area_type == MOVEMENT_CIRCLE:
        members = MovementCircle.neighbourhoods.through.objects.filter(movementcircle_id=area.pk).values(
            "neighbourhood_id"
        )
        about = Q(movement_circles=area.pk) | Q(neighbourhoods__in=members)
    else:
        circles = MovementCircle.neighbourhoods.through.objects.filter(neighbourhood_id=area.pk).values(
            "movementcircle_id"
        )
        about = Q(neighbourhoods=area.pk) | Q(movement_circles__in=circles)
    ids = Signal.objects.filter(about).values("pk")
    return (
        Signal.objects.open()
        .filter(pk__in=ids, merged_into__isnull=True)
        .select_related("organisation", "responsible_body", "priority_round")
        .order_by("due_on", "submitted_at", "pk")
    )


def open_signals_panel(request, area_type: str, area, result) -> str:
    from charter_portal.permissions import actor_for

    if not can_read_signals(actor_for(request.user)):
        return ""
    signals = list(open_signals_about(area_type, area)[: SHOWN + 1])
    code = ("c" if area_type == MOVEMENT_CIRCLE else "n") + str(area.pk)
    return render_to_string(
        "signals/_area_panel.html",
        {
            "signals": signals[:SHOWN],
            "more": len(signals) > SHOWN,
            "list_url": reverse("signals:list") + "?" + urlencode({"area": code}),
        },
        request=request,
    )
