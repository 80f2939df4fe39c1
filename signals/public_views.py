"""Public accountability (issue 19, item 6): signals their reporters made public, and the response figures,
readable without logging in. The organisation's name is shown, never a person's; the public timeline holds the
steps, answers and actions, never comments or internal notes; the number of children affected is not shown."""

from datetime import date

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from charter_portal import exports
from charter_portal.errors import BadInput
from signals import selectors, services, stats
from signals.models import Signal, SignalAction, Theme, TimelineEntry


@require_safe
def public_list(request):
    signals = Signal.objects.public().for_lists().order_by("-submitted_at", "-pk")
    theme = request.GET.get("theme") or ""
    if theme:
        if theme not in Theme.values:
            raise BadInput(_("Unknown theme."), field="theme")
        signals = signals.filter(themes__code=theme)
    page = Paginator(signals, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "signals/public_list.html",
        {"page": page, "themes": Theme.choices, "theme": theme, "query": f"theme={theme}" if theme else ""},
    )


@require_safe
def public_detail(request, pk):
    signal = get_object_or_404(Signal.objects.public().for_lists(), pk=pk)
    entries = (
        signal.timeline.filter(kind__in=TimelineEntry.PUBLIC_KINDS, is_internal=False)
        .select_related("author_organisation")
        .only(
            "kind", "created_at", "text", "message", "params", "status_after", "author_organisation__name", "signal_id"
        )
    )
    actions = SignalAction.objects.filter(signal=signal).select_related("responsible_body")
    return render(
        request,
        "signals/public_detail.html",
        {"signal": signal, "entries": list(entries), "follow_ups": list(actions), "today": timezone.localdate()},
    )


def _period(query) -> tuple[date | None, date | None]:
    """The reader's period: ``from`` and ``to`` as ISO dates, either may be empty; a bad date is a 400."""
    values = []
    for name in ("from", "to"):
        raw = (query.get(name) or "").strip()
        if not raw:
            values.append(None)
            continue
        try:
            values.append(date.fromisoformat(raw))
        except ValueError as exc:
            raise BadInput(_("Give the date as YYYY-MM-DD."), field=name) from exc
    start, end = values
    if start and end and start > end:
        raise BadInput(_("The start of the period comes after its end."), field="from")
    return start, end


def public_figures(start, end) -> dict:
    today = timezone.localdate()
    rows = selectors.dashboard_rows(start, end)
    labels = {o.pk: o.name for o in services.responsible_bodies_ever()}
    labels[None] = _("Not yet assigned")
    return {
        "overall": stats.figures(_("All signals"), rows, today),
        "per_body": stats.by_group(rows, lambda r: [r.service_id], labels, today),
        "per_theme": stats.by_group(rows, lambda r: r.themes, dict(Theme.choices), today),
    }


@require_safe
def public_dashboard(request):
    start, end = _period(request.GET)
    query = request.GET.urlencode()
    return render(
        request,
        "signals/public_dashboard.html",
        {**public_figures(start, end), "start": start, "end": end, "query": query},
    )


def _share(value):
    return None if value is None else round(value * 100)


@require_safe
def public_dashboard_export(request, fmt):
    if fmt not in (exports.CSV, exports.XLSX):
        raise Http404
    start, end = _period(request.GET)
    dialect = exports.dialect_from(request.GET)
    figures = public_figures(start, end)
    columns = [
        exports.Column(_("Group")),
        exports.Column(_("Name")),
        exports.Column(_("Signals"), exports.NUMBER),
        exports.Column(_("Median days to acknowledge"), exports.NUMBER),
        exports.Column(_("Median days to answer"), exports.NUMBER),
        exports.Column(_("Answered on time (%)"), exports.NUMBER),
        exports.Column(_("Actions done on time (%)"), exports.NUMBER),
    ]
    rows = []
    for group, items in (
        (_("All"), [figures["overall"]]),
        (_("Responsible body"), figures["per_body"]),
        (_("Theme"), figures["per_theme"]),
    ):
        for f in items:
            rows.append(
                [
                    group,
                    str(f.label),
                    f.count,
                    f.median_days_to_acknowledge,
                    f.median_days_to_answer,
                    _share(f.answered_on_time_share),
                    _share(f.actions_done_on_time_share),
                ]
            )
    return exports.export_response("signal-response", columns, rows, format=fmt, dialect=dialect)
