from decimal import Decimal

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from charter_portal import exports
from charter_portal.permissions import city_staff_required
from cityoverview import selectors
from neighbourhoods.labels import AREA_TYPE_LABELS, gap_label
from organisations.models import Organisation
from signals.models import Status

# Rows of a long list shown on the page; the workbook holds them all.
PAGE_ROWS = 15


def _gaps_text(codes) -> str:
    return "; ".join(str(gap_label(code)) for code in codes)


def _change_label(row: selectors.AreaRow, compared: bool) -> str:
    if not compared:
        return ""
    if row.change == selectors.NEW:
        return _("New gaps")
    if row.change == selectors.SOLVED:
        return _("Gaps solved")
    if row.change == selectors.CHANGED:
        return _("Gaps changed")
    return _("Unchanged")


def leisure_chart(points, width: int = 560, height: int = 200, pad: int = 40) -> dict | None:
    """An SVG line of the city-wide leisure hours per month: coordinates ready for the template."""
    if not points:
        return None
    top = max(point.hours for point in points) or Decimal(1)
    step = (width - 2 * pad) / max(len(points) - 1, 1)
    plot = height - 2 * pad

    def y(hours):
        return round(height - pad - float(hours / top) * plot, 1)

    dots = [
        {"x": round(pad + index * step, 1), "y": y(point.hours), "point": point} for index, point in enumerate(points)
    ]
    return {
        "width": width,
        "height": height,
        "left": pad,
        "baseline": height - pad,
        "label_y": height - pad + 16,
        "top_y": y(top),
        "top": top,
        "line": " ".join(f"{dot['x']},{dot['y']}" for dot in dots),
        "dots": dots,
    }


def _page_context(data: selectors.Overview) -> dict:
    kinds = dict(Organisation.Kind.choices)
    compared = data.compared_with is not None
    return {
        "data": data,
        "totals": data.totals,
        "more": {
            block: max(len(getattr(data, block)) - PAGE_ROWS, 0)
            for block in ("overdue_signals", "actions", "reports", "versions", "organisations", "unsigned")
        },
        "overdue_signals": data.overdue_signals[:PAGE_ROWS],
        "actions": data.actions[:PAGE_ROWS],
        "reports": data.reports[:PAGE_ROWS],
        "versions": data.versions[:PAGE_ROWS],
        "organisations": [(row, kinds.get(row.kind, row.kind)) for row in data.organisations[:PAGE_ROWS]],
        "areas": [
            {
                "row": row,
                "kind": AREA_TYPE_LABELS[row.area_type],
                "gaps": [gap_label(code) for code in row.gaps],
                "added": [gap_label(code) for code in row.gaps_added] if compared else [],
                "closed": [gap_label(code) for code in row.gaps_closed] if compared else [],
                "change": _change_label(row, compared),
            }
            for row in data.areas
        ],
        "unsigned": [(row, kinds.get(row.kind, row.kind)) for row in data.unsigned[:PAGE_ROWS]],
        "bodies": [(row, kinds.get(row.kind, row.kind)) for row in data.bodies],
        "statuses": dict(Status.choices),
        "chart": leisure_chart(data.leisure),
    }


@city_staff_required
@require_safe
def overview(request):
    """What waits for the city this month, in one page with counts and links (issue 21, item 1)."""
    return render(request, "cityoverview/overview.html", _page_context(selectors.monthly_overview()))


def _sheets(data: selectors.Overview) -> list[exports.Sheet]:
    """A sheet per block of the page, every row (the page shows the first ones)."""
    C, NUMBER, DATE = exports.Column, exports.NUMBER, exports.DATE
    kinds = dict(Organisation.Kind.choices)
    statuses = dict(Status.choices)
    yes, no = _("yes"), _("no")
    compared = data.compared_with is not None
    return [
        exports.Sheet(
            _("Signals per body"),
            [C(_("Responsible body")), C(_("Kind")), C(_("Waiting"), NUMBER), C(_("Overdue"), NUMBER)],
            [
                [row.name or _("No responsible body yet"), kinds.get(row.kind, ""), row.waiting, row.overdue]
                for row in data.bodies
            ],
        ),
        exports.Sheet(
            _("Overdue signals"),
            [
                C(_("Signal")),
                C(_("Responsible body")),
                C(_("Status")),
                C(_("Reported on"), DATE),
                C(_("Deadline"), DATE),
            ],
            [
                [row.title, row.body, str(statuses.get(row.status, row.status)), row.submitted_on, row.due_on]
                for row in data.overdue_signals
            ],
        ),
        exports.Sheet(
            _("Follow-up actions"),
            [C(_("From")), C(_("About")), C(_("Action")), C(_("Who")), C(_("Due on"), DATE), C(_("Overdue"))],
            [
                [
                    _("Signal") if row.source == selectors.SIGNAL_ACTION else _("Covenant meeting"),
                    row.about,
                    row.description,
                    row.owner,
                    row.due_on,
                    yes if row.overdue else no,
                ]
                for row in data.actions
            ],
        ),
        exports.Sheet(
            _("Covenant reports"),
            [
                C(_("State")),
                C(_("Covenant")),
                C(_("Partner")),
                C(_("City service")),
                C(_("Period")),
                C(_("Due on"), DATE),
                C(_("Report")),
            ],
            [
                [
                    _("Late") if row.state == selectors.LATE else _("Waiting for review"),
                    row.reference,
                    row.partner,
                    row.city_service,
                    row.period,
                    row.due_on,
                    row.report_state or _("not started"),
                ]
                for row in data.reports
            ],
        ),
        exports.Sheet(
            _("Versions for the city"),
            [
                C(_("Covenant")),
                C(_("Title")),
                C(_("Version"), NUMBER),
                C(_("City service")),
                C(_("Partner")),
                C(_("Submitted on"), DATE),
            ],
            [
                [row.reference, row.title, row.number, row.city_service, row.partner, row.submitted_at]
                for row in data.versions
            ],
        ),
        exports.Sheet(
            _("Organisations to approve"),
            [C(_("Organisation")), C(_("Kind")), C(_("Registered on"), DATE)],
            [[row.name, kinds.get(row.kind, row.kind), row.registered_at] for row in data.organisations],
        ),
        exports.Sheet(
            _("Areas with gaps"),
            [
                C(_("Number"), NUMBER),
                C(_("Kind of area")),
                C(_("Name")),
                C(_("Priority")),
                C(_("Gaps")),
                C(_("Gaps a month ago")),
                C(_("Change")),
            ],
            [
                [
                    row.number,
                    AREA_TYPE_LABELS[row.area_type],
                    row.name,
                    yes if row.is_priority else no,
                    _gaps_text(row.gaps),
                    _gaps_text(row.gaps_before or ()) if compared else "",
                    _change_label(row, compared),
                ]
                for row in data.areas
            ],
        ),
        exports.Sheet(
            _("Leisure hours"),
            [C(_("Snapshot of"), DATE), C(_("Leisure hours per week, city-wide"), NUMBER)],
            [[point.taken_on, point.hours] for point in data.leisure],
        ),
        exports.Sheet(
            _("Not signed"),
            [C(_("Organisation")), C(_("Kind")), C(_("Signature"))],
            [
                [
                    row.name,
                    kinds.get(row.kind, row.kind),
                    _("signed an older version only") if row.signed_older else _("not signed"),
                ]
                for row in data.unsigned
            ],
        ),
    ]


@city_staff_required
@require_safe
def overview_export(request):
    """The overview as one workbook: a sheet per block, and a last sheet saying when and what."""
    data = selectors.monthly_overview()
    notes = [_("Areas are compared with the coverage snapshots of %(day)s.") % {"day": data.compared_with}]
    if data.compared_with is None:
        notes = [_("There is no coverage snapshot of a month ago to compare with.")]
    notes.append(
        _("City-wide leisure hours are the sum over the neighbourhoods: an offer in two neighbourhoods counts twice.")
    )
    about = exports.About(timezone.localtime(), filters=(), notes=notes)
    return exports.workbook_response(f"monthly-overview-{data.today.isoformat()}", _sheets(data), about)
