"""Covenants with their indicators as a spreadsheet (issue 21, item 6): one row per indicator and year of the terms in
force (the latest agreed version, else the latest version), with the target, the actual reported for that year and
the year's budget. Everyone gets the covenants they may see, with the list's filters."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from charter_portal import exports
from charter_portal.errors import BadInput
from charter_portal.permissions import actor_for
from covenants import rules
from covenants.models import Covenant, Indicator, Report, ReportValue, Status, TermsVersion
from organisations.models import Organisation


def _filtered(request, actor):
    """The list's filters (status, city service, partner, year), refusing values the list would ignore silently: a
    file must not hold more than the person asked for without saying so."""
    covenants = rules.visible_covenants(actor, Covenant.objects.for_list())
    applied = []
    status = request.GET.get("status", "")
    if status:
        if status not in Status.values:
            raise BadInput(_("Unknown covenant status “%(value)s”.") % {"value": status[:40]}, field="status")
        covenants = covenants.filter(derived_status=status)
        applied.append((_("Status"), str(Status(status).label)))
    service = request.GET.get("service", "")
    if service:
        body = Organisation.objects.city_services().filter(pk=int(service)).first() if service.isdigit() else None
        if body is None:
            raise BadInput(_("Choose a city service from the list."), field="service")
        covenants = covenants.filter(city_service=body)
        applied.append((_("City service"), body.name))
    partner = request.GET.get("partner", "").strip()
    if partner:
        covenants = covenants.filter(
            Q(partner_organisation__name__icontains=partner) | Q(partner_collaboration__name__icontains=partner)
        )
        applied.append((_("Partner"), partner))
    year = request.GET.get("year", "")
    if year:
        if not (year.isdigit() and 1900 < int(year) < 3000):
            raise BadInput(_("Give a year as four digits, for example 2026."), field="year")
        covenants = covenants.in_year(int(year))
        applied.append((_("Year"), year))
    return covenants.order_by("reference", "pk"), applied


def _terms_in_force(covenant_ids) -> dict[int, TermsVersion]:
    """Per covenant, the latest agreed version, else the latest version, with indicators, targets and budget."""
    versions = (
        TermsVersion.objects.filter(covenant_id__in=covenant_ids)
        .order_by("covenant_id", "number")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("position", "pk").prefetch_related("targets")),
            "budget_lines",
        )
    )
    chosen: dict[int, TermsVersion] = {}
    for terms in versions:
        current = chosen.get(terms.covenant_id)
        if current is None or terms.agreed_at or not current.agreed_at:
            chosen[terms.covenant_id] = terms
    return chosen


def _actuals(covenant_ids) -> dict[tuple, tuple]:
    """(covenant id, indicator key, year) -> (actual, report state) of the report of a period in that year."""
    found = {}
    for covenant_id, key, starts_on, actual, narrative, state in ReportValue.objects.filter(
        report__covenant_id__in=covenant_ids
    ).values_list(
        "report__covenant_id",
        "indicator__key",
        "report__period__starts_on",
        "actual",
        "narrative",
        "report__state",
    ):
        found[(covenant_id, key, starts_on.year)] = (actual, bool(narrative.strip()), state)
    return found


@login_required
@require_safe
def covenant_export(request, fmt):
    if fmt not in (exports.CSV, exports.XLSX):
        raise Http404
    dialect = exports.dialect_from(request.GET)
    covenants, applied = _filtered(request, actor_for(request.user))
    covenants = list(covenants)
    ids = [c.pk for c in covenants]
    terms = _terms_in_force(ids)
    actuals = _actuals(ids)
    C, NUMBER, DATE = exports.Column, exports.NUMBER, exports.DATE
    columns = [
        C(_("Covenant")),
        C(_("Title")),
        C(_("City service")),
        C(_("Partner")),
        C(_("Status")),
        C(_("Starts on"), DATE),
        C(_("Ends on"), DATE),
        C(_("Version"), NUMBER),
        C(_("Version agreed")),
        C(_("Year"), NUMBER),
        C(_("Budget (euro)"), NUMBER),
        C(_("Indicator")),
        C(_("Kind")),
        C(_("Unit")),
        C(_("Baseline"), NUMBER),
        C(_("Target"), NUMBER),
        C(_("Actual"), NUMBER),
        C(_("Narrative reported")),
        C(_("Report")),
    ]
    kinds = dict(Indicator.Kind.choices)
    yes, no = _("yes"), _("no")
    report_states = dict(Report.State.choices)
    rows = []
    for covenant in covenants:
        version = terms.get(covenant.pk)
        head = [
            covenant.reference,
            covenant.title,
            covenant.city_service.name,
            covenant.partner_name,
            str(Status(covenant.status).label),
            covenant.starts_on,
            covenant.ends_on,
            version.number if version else None,
            (yes if version.agreed_at else no) if version else "",
        ]
        budget = defaultdict(lambda: None)
        indicators = []
        if version is not None:
            budget.update({line.year: line.amount for line in version.budget_lines.all()})
            indicators = list(version.indicators.all())
        for year in covenant.years:
            if not indicators:
                rows.append([*head, year, budget[year], *[None] * 8])
            for indicator in indicators:
                targets = {target.year: target.value for target in indicator.targets.all()}
                actual, has_narrative, state = actuals.get((covenant.pk, indicator.key, year), (None, False, ""))
                rows.append(
                    [
                        *head,
                        year,
                        budget[year],
                        indicator.name,
                        str(kinds.get(indicator.kind, indicator.kind)),
                        indicator.unit,
                        indicator.baseline,
                        targets.get(year),
                        actual,
                        (yes if has_narrative else no) if state else "",
                        str(report_states.get(state, "")) if state else _("no report yet"),
                    ]
                )
    about = exports.About(timezone.localtime(), filters=applied)
    return exports.export_response(
        f"covenants-{timezone.localdate().isoformat()}",
        columns,
        rows,
        format=fmt,
        dialect=dialect,
        about=about,
        title=_("Covenants"),
    )
