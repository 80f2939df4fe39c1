import datetime
import secrets

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from charter_portal import caching, exports
from charter_portal.concurrency import STALE_MESSAGE, StaleObjectError, save_versioned
from charter_portal.permissions import actor_for
from charter_portal.permissions.core import deny
from neighbourhoods import coverage_sources, priority
from neighbourhoods.area_panels import area_panels
from neighbourhoods.builtin_indicators import COUNTS_PEOPLE
from neighbourhoods.coverage import FUNCTION_ORDER, MOVEMENT_CIRCLE, NEIGHBOURHOOD
from neighbourhoods.decisions import decision_in_force, decision_preview, override_preview
from neighbourhoods.forms import (
    CoverageFilterForm,
    CoverageThresholdsForm,
    IndicatorForm,
    IndicatorImportForm,
    MovementCircleForm,
    OutlineConfirmForm,
    OutlineUploadForm,
    PriorityDecisionConfirmForm,
    PriorityDecisionForm,
    PriorityOverrideConfirmForm,
    PriorityOverrideForm,
    SnapshotForm,
)
from neighbourhoods.geometry import svg_map
from neighbourhoods.importing import UnreadableFile, indicator_values_import, range_text, read_rows
from neighbourhoods.labels import (
    AREA_KIND_SLUGS,
    AREA_TYPE_LABELS,
    AREA_TYPES_BY_SLUG,
    FUNCTION_LABELS,
    STATUS_COLOURS,
    STATUS_LABELS,
    gap_label,
    status_of,
)
from neighbourhoods.models import (
    CoverageSnapshot,
    CoverageThresholds,
    Indicator,
    IndicatorImport,
    IndicatorValue,
    MovementCircle,
    Neighbourhood,
    PriorityDecision,
)
from neighbourhoods.outlines import Area, BadOutlines, read_outlines
from neighbourhoods.rules import (
    can_manage_priority,
    can_take_snapshot,
    coverage_viewer_required,
    priority_manager_required,
)
from neighbourhoods.selectors import coverage_on
from neighbourhoods.services import (
    PriorityError,
    StalePreview,
    area_priority_override,
    coverage_snapshot_take,
    coverage_thresholds_set,
    movement_circle_save,
    neighbourhood_outlines_replace,
    priority_decide,
)

AREA_MODELS = {NEIGHBOURHOOD: Neighbourhood, MOVEMENT_CIRCLE: MovementCircle}

REVIEW_PAGE_SIZE = 100  # rows of the coverage matrix per page


def _area_url(name, area_type, slug, **query):
    url = reverse(name, args=[AREA_KIND_SLUGS[area_type], slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _get_area(kind: str, slug: str):
    """The neighbourhood or movement circle behind a URL; every logged-in partner may see areas."""
    area_type = AREA_TYPES_BY_SLUG.get(kind)
    if area_type is None:
        raise Http404
    areas = AREA_MODELS[area_type].objects.select_related("priority_override_by")
    return area_type, get_object_or_404(areas, slug=slug)


def _rows(report, results):
    rows = []
    for result in results:
        info = report.areas[result.key]
        rows.append(
            {
                "result": result,
                "info": info,
                "type_label": AREA_TYPE_LABELS[result.area_type],
                "status": status_of(result),
                "status_label": STATUS_LABELS[status_of(result)],
                "fill": STATUS_COLOURS[status_of(result)],
                "cells": [(code, FUNCTION_LABELS[code], code in result.functions_present) for code in FUNCTION_ORDER],
                "gap_labels": [gap_label(code) for code in result.gaps],
                "url": _area_url("neighbourhoods:area", result.area_type, info.slug, date=report.day.isoformat()),
                "failing_members": _failing_members(report, result),
            }
        )
    return rows


def _failing_members(report, result) -> list[dict]:
    """A movement circle's neighbourhoods that do not meet the charter, with links (empty for a neighbourhood)."""
    return [
        {
            "name": member.name,
            "number": report.areas[member.key].number,
            "url": _area_url(
                "neighbourhoods:area", NEIGHBOURHOOD, report.areas[member.key].slug, date=report.day.isoformat()
            ),
            "gap_labels": [gap_label(code) for code in member.gaps],
        }
        for member in report.failing_members(result.key)
    ]


def _review_map(report):
    """The rows of the neighbourhoods with a geometry and their outlines projected into SVG paths.

    The same for every request on one kept report (the labels in the rows are lazy, so any language can
    read them), so it is computed once per report: the projection was a fifth of the page's time.
    """
    if "review_map" not in report.derived:
        neighbourhood_rows = _rows(
            report, [r for r in report.results if r.area_type == NEIGHBOURHOOD and report.areas[r.key].geometry]
        )
        report.derived["review_map"] = (
            neighbourhood_rows,
            *svg_map(
                [
                    (row["result"].key, row["info"].name, row["info"].geometry, row["status"], row["url"])
                    for row in neighbourhood_rows
                ]
            ),
        )
    return report.derived["review_map"]


@coverage_viewer_required
def review(request):
    def context():
        form = CoverageFilterForm(request.GET or None)
        day = form.day()
        if not form.is_bound:
            form = CoverageFilterForm(initial={"date": day})
        elif not request.GET.get("date"):
            # Filtered without a date: the page shows today, and so does the date field.
            data = request.GET.copy()
            data["date"] = day.isoformat()
            form = CoverageFilterForm(data)
        report = coverage_on(day, with_geometry=True)
        results = form.apply(report.results) if form.is_bound else report.results
        # A region has thousands of areas: the matrix shows one page of the filtered areas at a time, the map
        # only the neighbourhoods that have a geometry, the legend counts every neighbourhood.
        page = Paginator(results, REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
        rows = _rows(report, page.object_list)
        map_rows, shapes, width, height = _review_map(report)
        map_shapes = [
            {
                "shape": s,
                "fill": STATUS_COLOURS[s.status],
                "status_label": STATUS_LABELS[s.status],
                "number": report.areas[s.key].number,
            }
            for s in shapes
        ]
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for result in report.results:
            if result.area_type == NEIGHBOURHOOD:
                counts[status_of(result)] += 1
        query = request.GET.copy()
        query.pop("page", None)
        actor = actor_for(request.user)
        return {
            "form": form,
            "day": day,
            "rows": rows,
            "functions": [(code, FUNCTION_LABELS[code]) for code in FUNCTION_ORDER],
            "map_shapes": map_shapes,
            "map_width": width,
            "map_height": height,
            "legend": [(STATUS_COLOURS[s], label, counts[s]) for s, label in STATUS_LABELS.items()],
            "map_rows": map_rows,
            "page": page,
            "query": query.urlencode(),
            "can_snapshot": can_take_snapshot(actor),
            "can_manage": can_manage_priority(actor),
            "snapshot_form": SnapshotForm(initial={"date": day}),
            "thresholds": report.thresholds,
            "rules": report.rules,
            "decision": decision_in_force(day),
        }

    # The matrix, map and legend of the day asked for, per audience (the snapshot and priority buttons depend on
    # the role): kept until the coverage's data changes (charter_portal/caching.py).
    content = caching.render_part(request, "neighbourhoods/_review.html", context, domains=caching.COVERAGE_DOMAINS)
    return render(request, "neighbourhoods/review.html", {"content": content})


def public_summary(request):
    """Coverage for everyone (the council, the press, citizens: charter vision 9): per neighbourhood its priority,
    whether it meets the charter, the functions present and missing and a warm place, with the map; no
    organisation or offer detail. Today's coverage, kept until its data changes."""

    def context():
        report = coverage_on(timezone.localdate(), with_geometry=True)
        results = [r for r in report.results if r.area_type == NEIGHBOURHOOD]
        rows = []
        for result in results:
            info = report.areas[result.key]
            rows.append(
                {
                    "anchor": f"wijk-{info.slug}",
                    "number": info.number,
                    "name": info.name,
                    "is_priority": result.is_priority,
                    "status": status_of(result),
                    "status_label": STATUS_LABELS[status_of(result)],
                    "present": [FUNCTION_LABELS[code] for code in result.functions_present],
                    "missing": [FUNCTION_LABELS[code] for code in result.missing_functions],
                    "warm_place": result.warm_place,
                    "geometry": info.geometry,
                }
            )
        shapes, width, height = svg_map(
            [(row["anchor"], row["name"], row["geometry"], row["status"], f"#{row['anchor']}") for row in rows]
        )
        by_anchor = {row["anchor"]: row for row in rows}
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for row in rows:
            counts[row["status"]] += 1
        return {
            "day": report.day,
            "decision": decision_in_force(report.day),
            "rows": rows,
            "map_shapes": [
                {
                    "shape": shape,
                    "fill": STATUS_COLOURS[shape.status],
                    "status_label": STATUS_LABELS[shape.status],
                    "number": by_anchor[shape.key]["number"],
                }
                for shape in shapes
            ],
            "map_width": width,
            "map_height": height,
            "legend": [(STATUS_COLOURS[s], label, counts[s]) for s, label in STATUS_LABELS.items()],
        }

    content = caching.render_part(
        request, "neighbourhoods/_public.html", context, domains=caching.COVERAGE_DOMAINS, public=True
    )
    return render(request, "neighbourhoods/public.html", {"content": content})


def _export_table(report, results):
    columns = [
        exports.Column(_("Kind of area")),
        exports.Column(_("Number"), exports.NUMBER),
        exports.Column(_("Name")),
        exports.Column(_("Priority")),
        *[exports.Column(FUNCTION_LABELS[c]) for c in FUNCTION_ORDER],
        exports.Column(_("Integral")),
        exports.Column(_("Integral via")),
        exports.Column(_("Warm place")),
        exports.Column(_("Leisure hours per week"), exports.NUMBER),
        exports.Column(_("Gaps")),
        exports.Column(_("Meets the charter")),
    ]
    yes, no = _("yes"), _("no")
    rows = [
        [
            AREA_TYPE_LABELS[result.area_type],
            report.areas[result.key].number,
            result.name,
            yes if result.is_priority else no,
            *[yes if code in result.functions_present else no for code in FUNCTION_ORDER],
            yes if result.integral else no,
            "; ".join(v.name for v in result.integral_via),
            yes if result.warm_place else no,
            result.leisure_hours_per_week,
            "; ".join(str(gap_label(code)) for code in result.gaps),
            yes if result.meets_charter else no,
        ]
        for result in results
    ]
    return columns, rows


@coverage_viewer_required
def export(request, fmt):
    if fmt not in (exports.CSV, exports.XLSX):
        raise Http404
    dialect = exports.dialect_from(request.GET)
    form = CoverageFilterForm(request.GET or None)
    day = form.day()
    report = coverage_on(day)
    columns, rows = _export_table(report, form.apply(report.results) if form.is_bound else report.results)
    filters = [(label, value) for label, value in exports.filters_of(form) if label != str(form.fields["date"].label)]
    about = exports.About(
        timezone.localtime(),
        filters=[(_("Coverage on"), day.isoformat()), *filters],
        notes=[_("Number: the neighbourhood's number in the city's list of 25 wijken; empty for a movement circle.")],
    )
    return exports.export_response(
        f"coverage-{day.isoformat()}", columns, rows, format=fmt, dialect=dialect, about=about, title=_("Coverage")
    )


def _offer_reasons(area_type, area, offers, report) -> dict[int, list[dict]]:
    """Why each offer counts for the area: linked to it, or through a movement circle or neighbourhood (with links).

    The engine counts for a neighbourhood every offer linked to it or to a movement circle that spans it, and for a
    circle every offer linked to it or serving one of its neighbourhoods (docs/rules.md#coverage)."""
    circle_members = {key[1]: info.neighbourhood_ids for key, info in report.areas.items() if key[0] == MOVEMENT_CIRCLE}
    own_members = circle_members.get(area.pk, frozenset()) if area_type == MOVEMENT_CIRCLE else frozenset()
    reasons = {}
    for offer in offers:
        linked_neighbourhoods = offer.neighbourhoods.all()
        linked_circles = offer.movement_circles.all()
        items = []
        if area_type == NEIGHBOURHOOD:
            if any(n.pk == area.pk for n in linked_neighbourhoods):
                items.append({"text": _("linked to this neighbourhood"), "url": ""})
            for circle in linked_circles:
                if area.pk in circle_members.get(circle.pk, ()):
                    items.append(
                        {
                            "text": _("through movement circle %(name)s") % {"name": circle.name},
                            "url": _area_url("neighbourhoods:area", MOVEMENT_CIRCLE, circle.slug),
                        }
                    )
        else:
            if any(c.pk == area.pk for c in linked_circles):
                items.append({"text": _("linked to this movement circle"), "url": ""})
            for neighbourhood in linked_neighbourhoods:
                if neighbourhood.pk in own_members:
                    items.append(
                        {
                            "text": _("through neighbourhood %(name)s") % {"name": neighbourhood.name},
                            "url": _area_url("neighbourhoods:area", NEIGHBOURHOOD, neighbourhood.slug),
                        }
                    )
            for circle in linked_circles:
                if circle.pk != area.pk and own_members & circle_members.get(circle.pk, frozenset()):
                    items.append(
                        {
                            "text": _("through movement circle %(name)s, which shares neighbourhoods with this one")
                            % {"name": circle.name},
                            "url": _area_url("neighbourhoods:area", MOVEMENT_CIRCLE, circle.slug),
                        }
                    )
        reasons[offer.pk] = items
    return reasons


@coverage_viewer_required
def area_detail(request, kind, slug):
    area_type, area = _get_area(kind, slug)
    form = CoverageFilterForm(request.GET or None)
    day = form.day()
    if not form.is_bound:
        form = CoverageFilterForm(initial={"date": day})
    report = coverage_on(day)
    result = report.row((area_type, area.pk))
    offers = coverage_sources.offers_by_ids(result.offer_ids)
    prefetch_related_objects(
        offers,
        Prefetch("neighbourhoods", queryset=Neighbourhood.objects.only("pk", "name", "slug")),
        Prefetch("movement_circles", queryset=MovementCircle.objects.only("pk", "name", "slug")),
    )
    reasons = _offer_reasons(area_type, area, offers, report)
    collaborations = coverage_sources.collaborations_by_ids(result.collaboration_ids)
    roles = coverage_sources.collaboration_roles(result.collaboration_ids)
    via_ids = {(v.type, v.id) for v in result.integral_via}
    rules = report.rules
    offer_rows = [
        {
            "offer": offer,
            "url": offer.get_absolute_url(),
            "functions": [FUNCTION_LABELS[f.code] for f in offer.functions.all() if f.code in FUNCTION_LABELS],
            "is_warm_place": offer.is_warm_place and rules.counts_as_warm_place(offer),
            "reasons": reasons.get(offer.pk, []),
        }
        for offer in offers
    ]
    cells = []
    for code in FUNCTION_ORDER:
        cells.append(
            {
                "code": code,
                "label": FUNCTION_LABELS[code],
                "present": code in result.functions_present,
                "offers": [row for row in offer_rows if any(f.code == code for f in row["offer"].functions.all())],
            }
        )
    return render(
        request,
        "neighbourhoods/area_detail.html",
        {
            "area": area,
            "area_type": area_type,
            "type_label": AREA_TYPE_LABELS[area_type],
            "result": result,
            "status_label": STATUS_LABELS[status_of(result)],
            "status": status_of(result),
            "gap_labels": [gap_label(code) for code in result.gaps],
            "failing_members": _failing_members(report, result),
            "cells": cells,
            "offer_rows": offer_rows,
            "warm_places": [row for row in offer_rows if row["is_warm_place"]],
            "rules": rules,
            "thresholds": report.thresholds,
            "collaborations": [
                {
                    "collaboration": c,
                    "is_via": ("collaboration", c.pk) in via_ids,
                    "accepted": c.accepted_organisations,
                    "roles": roles.get(c.pk, []),
                }
                for c in collaborations
            ],
            "day": day,
            # Before today the status counts the past; the lists and the override below are as registered now.
            "is_past": day < timezone.localdate(),
            "form": form,
            "history_url": _area_url("neighbourhoods:history", area_type, area.slug),
            "can_manage": can_manage_priority(actor_for(request.user)),
            "override_url": _area_url("neighbourhoods:override", area_type, area.slug),
            "circle_edit_url": reverse("neighbourhoods:circle_edit", args=[area.slug])
            if area_type == MOVEMENT_CIRCLE
            else "",
            "panels": area_panels(request, area_type, area, result),
            "decision": decision_in_force(day),
        },
    )


@priority_manager_required
def thresholds(request):
    """What an offer needs to count as a warm place or as the base offer; every change is kept with who and when."""
    current = CoverageThresholds.objects.current()
    if request.method == "POST":
        form = CoverageThresholdsForm(request.POST)
        if form.is_valid():
            coverage_thresholds_set(
                warm_place_min_hours=form.cleaned_data["warm_place_min_hours"],
                base_offer_min_weeks=form.cleaned_data["base_offer_min_weeks"],
                by=request.user,
            )
            messages.success(request, _("The thresholds were saved. The coverage review now counts with them."))
            return redirect("neighbourhoods:review")
    else:
        form = CoverageThresholdsForm(
            initial={
                "warm_place_min_hours": current.warm_place_min_hours if current else 0,
                "base_offer_min_weeks": current.base_offer_min_weeks if current else 0,
            }
        )
    return render(
        request,
        "neighbourhoods/thresholds.html",
        {
            "form": form,
            "current": current,
            "changes": list(CoverageThresholds.objects.select_related("set_by")[:50]),
        },
    )


def _leisure_chart(points, width=560, height=200, pad=36):
    """A small line chart of leisure hours per week over time: SVG coordinates computed here, not in the template."""
    if not points:
        return None
    top = max(float(v) for _, v in points) or 1
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    span = (last - first) or 1
    coords = []
    for day, value in points:
        x = pad + (day.toordinal() - first) / span * (width - 2 * pad) if len(points) > 1 else width / 2
        y = height - pad - float(value) / top * (height - 2 * pad)
        coords.append({"x": round(x, 1), "y": round(y, 1), "day": day, "value": value})
    return {
        "width": width,
        "height": height,
        "points": coords,
        "polyline": " ".join(f"{c['x']},{c['y']}" for c in coords),
        "max": round(top, 1),
        "baseline": height - pad,
        "top": pad,
        "left": pad,
        "right": width - pad,
    }


@coverage_viewer_required
def area_history(request, kind, slug):
    area_type, area = _get_area(kind, slug)
    snapshots = list(CoverageSnapshot.objects.filter(area_type=area_type, area_id=area.pk).order_by("taken_on"))
    rows, previous = [], None
    for snap in snapshots:
        functions = set(snap.functions_present)
        # An earlier snapshot with no functions is an empty set, not "no earlier snapshot": compare with it too.
        first = previous is None
        rows.append(
            {
                "snapshot": snap,
                "present": [FUNCTION_LABELS[c] for c in FUNCTION_ORDER if c in functions],
                "gap_labels": [gap_label(code) for code in snap.gaps],
                "first": first,
                "gained": [] if first else [FUNCTION_LABELS[c] for c in FUNCTION_ORDER if c in functions - previous],
                "lost": [] if first else [FUNCTION_LABELS[c] for c in FUNCTION_ORDER if c in previous - functions],
            }
        )
        previous = functions
    return render(
        request,
        "neighbourhoods/area_history.html",
        {
            "area": area,
            "area_type": area_type,
            "type_label": AREA_TYPE_LABELS[area_type],
            "rows": list(reversed(rows)),
            "chart": _leisure_chart([(s.taken_on, s.leisure_hours_per_week) for s in snapshots]),
            "detail_url": _area_url("neighbourhoods:area", area_type, area.slug),
        },
    )


@require_POST
@coverage_viewer_required
def snapshot_take(request):
    if not can_take_snapshot(actor_for(request.user)):
        deny(request, "only city admins take coverage snapshots")
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid date for the snapshot."))
        return redirect("neighbourhoods:review")
    day = form.cleaned_data["date"] or timezone.localdate()
    count = coverage_snapshot_take(day=day, by=request.user)
    messages.success(
        request, _("Coverage snapshot of %(day)s saved for %(count)s areas.") % {"day": day, "count": count}
    )
    return redirect("neighbourhoods:review")


def _latest_year():
    return IndicatorValue.objects.order_by("-year").values_list("year", flat=True).first()


@coverage_viewer_required
def priority_page(request):
    actor = actor_for(request.user)
    decisions = list(PriorityDecision.objects.select_related("decided_by")[:20])
    latest = decisions[0] if decisions else None
    form = None
    if can_manage_priority(actor):
        if request.method == "POST":
            form = PriorityDecisionForm(request.POST)
            if form.is_valid():
                parameters = {
                    "year": form.cleaned_data["year"],
                    "method": form.cleaned_data["method"],
                    "threshold": form.cleaned_data["threshold"],
                    "top_n": form.cleaned_data["top_n"],
                    "note": form.cleaned_data["note"],
                }
                token = request.POST.get("confirm")
                if token is None:
                    # The first step only shows what the decision would change; nothing is written.
                    preview = decision_preview(**parameters)
                    if preview.outcome.usable:
                        return _decision_preview_page(request, form, preview)
                    form.add_error(
                        "year", _("There are no usable indicator values for %(year)s.") % {"year": parameters["year"]}
                    )
                else:
                    try:
                        priority_decide(by=request.user, expected_token=token, **parameters)
                    except StalePreview as exc:
                        messages.error(request, str(exc))
                        return _decision_preview_page(request, form, exc.preview, status=409)
                    except PriorityError as exc:
                        form.add_error("year", str(exc))
                    else:
                        messages.success(request, _("The priority decision was recorded."))
                        return redirect("neighbourhoods:priority")
        else:
            form = PriorityDecisionForm(
                initial={
                    "year": latest.data_year if latest else _latest_year() or timezone.localdate().year,
                    "method": latest.method if latest else priority.THRESHOLD,
                    "threshold": latest.threshold if latest else 60,
                    "top_n": latest.top_n if latest else 5,
                }
            )
    elif request.method == "POST":
        deny(request, "only city admins decide priority")
    shown = latest
    if request.GET.get("decision", "").isdigit():
        shown = next((d for d in decisions if d.pk == int(request.GET["decision"])), None) or get_object_or_404(
            PriorityDecision, pk=request.GET["decision"]
        )
    neighbourhoods = {n.pk: n for n in Neighbourhood.objects.all()}
    indicators = list(Indicator.objects.all())
    score_rows = []
    shown_indicators = shown.indicators if shown else []
    people_codes = {i.code for i in indicators if i.source_kind in COUNTS_PEOPLE}
    if shown:
        for score in shown.scores:
            area = neighbourhoods.get(score["area_id"])
            score_rows.append(
                {
                    "score": score,
                    "area": area,
                    "parts": [
                        (ind["name"], _part_shown(score["parts"].get(ind["code"]), ind["code"] in people_codes))
                        for ind in shown_indicators
                    ],
                    "url": _area_url("neighbourhoods:area", NEIGHBOURHOOD, area.slug) if area else "",
                    "override_url": _area_url("neighbourhoods:override", NEIGHBOURHOOD, area.slug) if area else "",
                }
            )
    circles = {c.pk: c for c in MovementCircle.objects.all()}
    scored = {score["area_id"]: score for score in (shown.circle_scores if shown else [])}
    circle_rows = [
        {
            "circle": circle,
            "score": scored.get(circle.pk),
            "members": [part["name"] for part in (scored.get(circle.pk) or {}).get("parts", {}).values()],
        }
        for circle in sorted(circles.values(), key=lambda c: ((scored.get(c.pk) or {}).get("rank") or 10**6, c.name))
    ]
    overridden = [n for n in neighbourhoods.values() if n.priority_override is not None]
    overridden += [c for c in circles.values() if c.priority_override is not None]
    return render(
        request,
        "neighbourhoods/priority.html",
        {
            "form": form,
            "decisions": decisions,
            "shown": shown,
            "score_rows": score_rows,
            "shown_indicators": shown.indicators if shown else [],
            "indicators": indicators,
            "has_synthetic": any(i.is_synthetic for i in indicators),
            "overridden": overridden,
            "circle_rows": circle_rows,
            "can_manage": can_manage_priority(actor),
        },
    )


def _change_rows(changes):
    """Areas in a preview, with the words and links the page shows."""
    rows = []
    for change in changes:
        rows.append(
            {
                "change": change,
                "type_label": AREA_TYPE_LABELS[change.info.type],
                "url": _area_url("neighbourhoods:area", change.info.type, change.info.slug),
                "status_before": STATUS_LABELS.get(change.status_before, "–"),
                "status_after": STATUS_LABELS.get(change.status_after, "–"),
                "gaps_before": [gap_label(code) for code in change.gaps_before],
                "gaps_after": [gap_label(code) for code in change.gaps_after],
            }
        )
    return rows


def _decision_preview_page(request, form, preview, *, status=200):
    data = form.cleaned_data
    confirm_form = PriorityDecisionConfirmForm(
        initial={
            "year": data["year"],
            "method": data["method"],
            "threshold": preview.outcome.threshold,
            "top_n": preview.outcome.top_n,
            "note": data["note"],
            "confirm": preview.token,
        }
    )
    return render(
        request,
        "neighbourhoods/priority_preview.html",
        {
            "form": form,
            "preview": preview,
            "proposed": {
                "year": data["year"],
                "method": data["method"],
                "method_label": dict(PriorityDecision.Method.choices)[data["method"]],
                "threshold": preview.outcome.threshold,
                "top_n": preview.outcome.top_n,
                "note": data["note"],
            },
            "rows": _change_rows(preview.changes),
            "held_rows": _change_rows(preview.held),
            "confirm_form": confirm_form,
        },
        status=status,
    )


def _part_shown(part, counts_people: bool):
    """A score part as the page shows it: a value that counts fewer than 5 people is not shown as a number (R12)."""
    if part and counts_people and part["value"] < 5:
        return {**part, "value_hidden": True}
    return part


@priority_manager_required
def priority_override(request, kind, slug):
    area_type, area = _get_area(kind, slug)
    initial_choice = {None: "data", True: "on", False: "off"}[area.priority_override]
    preview, status = None, 200
    if request.method == "POST":
        form = PriorityOverrideForm(request.POST)
        if form.is_valid():
            token = request.POST.get("confirm")
            try:
                if token is None:
                    # The first step shows what the override would change; nothing is written yet.
                    if form.cleaned_data["version"] != area.version:
                        raise StaleObjectError(area)
                    preview = override_preview(
                        area_type=area_type,
                        area=area,
                        override=form.override,
                        motivation=form.cleaned_data["motivation"],
                    )
                else:
                    area_priority_override(
                        area=area,
                        override=form.override,
                        motivation=form.cleaned_data["motivation"],
                        expected_version=form.cleaned_data["version"],
                        by=request.user,
                        area_type=area_type,
                        expected_token=token,
                    )
            except StaleObjectError as exc:
                area = exc.current
                messages.error(request, STALE_MESSAGE)
                form = PriorityOverrideForm(
                    initial={
                        "version": area.version,
                        "choice": {None: "data", True: "on", False: "off"}[area.priority_override],
                        "motivation": area.priority_motivation,
                    }
                )
            except StalePreview as exc:
                messages.error(request, str(exc))
                preview, status = exc.preview, 409
            except PriorityError as exc:
                form.add_error("motivation", str(exc))
            else:
                if token is not None:
                    messages.success(request, _("The priority of %(name)s was saved.") % {"name": area.name})
                    return redirect("neighbourhoods:priority")
    else:
        form = PriorityOverrideForm(
            initial={"version": area.version, "choice": initial_choice, "motivation": area.priority_motivation}
        )
    return render(
        request,
        "neighbourhoods/override.html",
        {
            "form": form,
            "area": area,
            "type_label": AREA_TYPE_LABELS[area_type],
            "decision": decision_in_force(timezone.localdate()),
            "preview": preview,
            "rows": _change_rows(preview.changes) if preview else [],
            "confirmed": form.cleaned_data if preview else None,
            "confirm_form": (
                PriorityOverrideConfirmForm(initial={**form.cleaned_data, "confirm": preview.token})
                if preview
                else None
            ),
        },
        status=status,
    )


@coverage_viewer_required
def indicators(request):
    items = list(Indicator.objects.annotate(value_count=Count("values")))
    years = list(
        IndicatorValue.objects.values("year").annotate(n=Count("id")).order_by("-year").values_list("year", "n")
    )
    return render(
        request,
        "neighbourhoods/indicators.html",
        {
            "indicators": items,
            "years": years,
            "can_manage": can_manage_priority(actor_for(request.user)),
            "imports": list(IndicatorImport.objects.select_related("imported_by")[:20]),
        },
    )


@priority_manager_required
def indicator_import(request):
    report = None
    if request.method == "POST":
        form = IndicatorImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = read_rows(upload.name, upload.read())
            except UnreadableFile as exc:
                form.add_error("file", str(exc))
            else:
                report = indicator_values_import(rows=rows, file_name=upload.name, by=request.user)
                if report.ok:
                    messages.success(
                        request,
                        _("%(rows)s rows imported: %(created)s values added, %(updated)s updated.")
                        % {"rows": report.rows, "created": report.created, "updated": report.updated},
                    )
                    return redirect("neighbourhoods:indicators")
    else:
        form = IndicatorImportForm()
    codes = list(Indicator.objects.filter(source_kind=Indicator.SourceKind.IMPORTED).values_list("code", flat=True))
    return render(
        request,
        "neighbourhoods/indicator_import.html",
        {"form": form, "report": report, "codes": codes, "example_year": datetime.date.today().year - 1},
        status=400 if report and not report.ok else 200,
    )


OUTLINE_PREVIEW_SECONDS = 3600


def _outline_key(request, token: str) -> str:
    # Per person: a token seen by someone else is of no use to them.
    return f"neighbourhoods.outline-upload:{request.user.pk}:{token}"


def _outline_preview_map(plan):
    shapes, width, height = svg_map(
        [(area.pk, area.name, plan.geometries[area.pk], "", "") for _label, area in plan.matched]
    )
    return {"shapes": shapes, "width": width, "height": height} if shapes else None


@priority_manager_required
def outlines_upload(request):
    """Load or replace the neighbourhoods' outlines from a GeoJSON file: checked, previewed, then confirmed."""
    areas = [
        Area(pk, number, name, has_outline)
        for pk, number, name, has_outline in Neighbourhood.objects.annotate(
            has_outline=ExpressionWrapper(Q(geometry__isnull=False), output_field=BooleanField())
        ).values_list("pk", "number", "name", "has_outline")
    ]
    form, plan, token, status = OutlineUploadForm(), None, None, 200
    if request.method == "POST" and "token" in request.POST:
        confirm = OutlineConfirmForm(request.POST)
        pending = cache.get(_outline_key(request, confirm.data.get("token", ""))) if confirm.is_valid() else None
        if pending is None:
            messages.error(request, _("The checked file is no longer kept (after an hour). Upload it again."))
            status = 400
        else:
            cache.delete(_outline_key(request, confirm.cleaned_data["token"]))
            changed = neighbourhood_outlines_replace(geometries=pending)
            messages.success(
                request,
                ngettext(
                    "The outline of %(count)s neighbourhood was stored.",
                    "The outlines of %(count)s neighbourhoods were stored.",
                    len(changed),
                )
                % {"count": len(changed)},
            )
            return redirect("neighbourhoods:review")
    elif request.method == "POST":
        form = OutlineUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                plan = read_outlines(form.cleaned_data["file"].read(), areas, form.cleaned_data["match_by"])
            except BadOutlines as exc:
                for problem in exc.problems:
                    form.add_error("file", problem)
            else:
                token = secrets.token_urlsafe(16)
                cache.set(_outline_key(request, token), plan.geometries, OUTLINE_PREVIEW_SECONDS)
        if not form.is_valid():
            status = 400
    return render(
        request,
        "neighbourhoods/outlines.html",
        {
            "form": form,
            "plan": plan,
            "confirm": OutlineConfirmForm(initial={"token": token}) if plan else None,
            "preview": _outline_preview_map(plan) if plan else None,
            "with_outline": sum(1 for area in areas if area.has_outline),
            "area_count": len(areas),
        },
        status=status,
    )


@priority_manager_required
def indicator_edit(request, pk=None):
    indicator = get_object_or_404(Indicator, pk=pk) if pk else Indicator()
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            save_versioned(form.save(commit=False), form.cleaned_data.get("version") if pk else None)
        except StaleObjectError as exc:
            messages.error(request, STALE_MESSAGE)
            form = IndicatorForm(instance=exc.current)
        else:
            caching.bump("neighbourhoods")
            messages.success(request, _("The indicator %(name)s was saved.") % {"name": form.instance.name})
            return redirect("neighbourhoods:indicators")
    return render(request, "neighbourhoods/indicator_form.html", {"form": form, "indicator": indicator})


# --- movement circles ----------------------------------------------------------------------------------------


@coverage_viewer_required
def circles(request):
    """Every movement circle with its neighbourhoods and priority; city admins make and change them here."""
    items = list(
        MovementCircle.objects.order_by("name", "id").prefetch_related(
            Prefetch("neighbourhoods", queryset=Neighbourhood.objects.only("pk", "number", "name", "slug"))
        )
    )
    return render(
        request,
        "neighbourhoods/circles.html",
        {
            "rows": [
                {
                    "circle": circle,
                    "url": _area_url("neighbourhoods:area", MOVEMENT_CIRCLE, circle.slug),
                    "neighbourhoods": [
                        (n, _area_url("neighbourhoods:area", NEIGHBOURHOOD, n.slug))
                        for n in circle.neighbourhoods.all()
                    ],
                }
                for circle in items
            ],
            "can_manage": can_manage_priority(actor_for(request.user)),
        },
    )


def _circle_initial(circle) -> dict:
    return {
        "version": circle.version,
        "name": circle.name,
        "neighbourhoods": list(circle.neighbourhoods.values_list("pk", flat=True)),
        "choice": {None: "data", True: "on", False: "off"}[circle.priority_override],
        "motivation": circle.priority_motivation,
    }


@priority_manager_required
def circle_edit(request, slug=None):
    circle = get_object_or_404(MovementCircle, slug=slug) if slug else None
    if request.method == "POST":
        form = MovementCircleForm(request.POST, circle=circle)
        if form.is_valid():
            try:
                circle = movement_circle_save(
                    circle=circle,
                    name=form.cleaned_data["name"],
                    neighbourhoods=form.cleaned_data["neighbourhoods"],
                    override=form.override,
                    motivation=form.cleaned_data["motivation"],
                    expected_version=form.cleaned_data["version"],
                )
            except StaleObjectError as exc:
                messages.error(request, STALE_MESSAGE)
                circle = exc.current
                form = MovementCircleForm(initial=_circle_initial(circle), circle=circle)
            except PriorityError as exc:
                form.add_error("motivation", str(exc))
            else:
                messages.success(request, _("The movement circle %(name)s was saved.") % {"name": circle.name})
                return redirect(_area_url("neighbourhoods:area", MOVEMENT_CIRCLE, circle.slug))
    else:
        form = MovementCircleForm(initial=_circle_initial(circle) if circle else None, circle=circle)
    return render(
        request,
        "neighbourhoods/circle_form.html",
        {"form": form, "circle": circle},
    )


# --- indicator values ----------------------------------------------------------------------------------------


@coverage_viewer_required
def indicator_values(request, pk):
    """The values of one indicator for one year, per neighbourhood, with the import each value came from."""
    indicator = get_object_or_404(Indicator, pk=pk)
    imported = indicator.source_kind == Indicator.SourceKind.IMPORTED
    if imported:
        years = list(
            IndicatorValue.objects.filter(indicator=indicator)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
    else:
        today = timezone.localdate().year
        years = list(range(today, today - 5, -1))
    requested = request.GET.get("jaar", "")
    year = int(requested) if requested.isdigit() and int(requested) in years else (years[0] if years else None)
    neighbourhoods = list(Neighbourhood.objects.order_by("number").only("pk", "number", "name", "slug"))
    by_area = {}
    if year is not None and imported:
        by_area = {
            value.neighbourhood_id: value
            for value in IndicatorValue.objects.filter(indicator=indicator, year=year).select_related(
                "source_import__imported_by"
            )
        }
    computed = {}
    if year is not None and not imported:
        from neighbourhoods.services import builtin_indicator_values

        computed = builtin_indicator_values(indicator, year)
    hide_small = indicator.source_kind in COUNTS_PEOPLE
    rows = []
    for neighbourhood in neighbourhoods:
        stored = by_area.get(neighbourhood.pk)
        value = stored.value if stored is not None else computed.get(neighbourhood.pk)
        rows.append(
            {
                "neighbourhood": neighbourhood,
                "url": _area_url("neighbourhoods:area", NEIGHBOURHOOD, neighbourhood.slug),
                "value": value,
                "fewer_than_5": hide_small and value is not None and value < 5,
                "source_import": stored.source_import if stored is not None else None,
            }
        )
    low, high = indicator.valid_range()
    return render(
        request,
        "neighbourhoods/indicator_values.html",
        {
            "indicator": indicator,
            "imported": imported,
            "years": years,
            "year": year,
            "rows": rows,
            "filled": sum(1 for row in rows if row["value"] is not None),
            "valid_range": range_text(low, high),
            "imports": [
                batch
                for batch in IndicatorImport.objects.select_related("imported_by")[:100]
                if indicator.code in batch.indicator_codes
            ][:10],
        },
    )
