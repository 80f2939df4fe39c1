from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from charter_portal.concurrency import STALE_MESSAGE, StaleObjectError
from charter_portal.exports import NUMBER, TEXT, XLSX, Column, export_response
from charter_portal.permissions import actor_for, deny
from diversity import presentation, rules, selectors, services
from diversity.forms import ReportForm
from diversity.models import DiversityReport
from organisations.models import Organisation


def _year(request, years) -> int | None:
    value = request.GET.get("year", "")
    if value.isdigit() and int(value) in years:
        return int(value)
    return years[0] if years else None


@require_safe
def public(request):
    """Per year, the aggregate of civil society beside that of the city's services, as a table and a chart."""
    overview = selectors.public_overview()
    years = selectors.published_years(overview)
    year = _year(request, years)
    columns = [overview[selectors.CIVIL_SOCIETY].get(year), overview[selectors.CITY].get(year)]
    labels = [selectors.GROUP_LABELS[selectors.CIVIL_SOCIETY], selectors.GROUP_LABELS[selectors.CITY]]
    return render(
        request,
        "diversity/public.html",
        {
            "years": years,
            "year": year,
            "labels": labels,
            "columns": columns,
            "rows": presentation.rows(columns),
            "chart": presentation.chart(columns, labels),
            "can_export": rules.can_export(actor_for(request.user)),
        },
    )


@login_required
@require_safe
def export(request):
    """The aggregates of every year as a spreadsheet for the city, with suppression applied; never one
    organisation's figures."""
    if not rules.can_export(actor_for(request.user)):
        deny(request, "city staff only")
    overview = selectors.public_overview()
    header = [Column(_("Year")), Column(_("Group")), Column(_("Organisations")), Column(_("Figure"))]
    header += [Column(_("Number of people"), NUMBER), Column(_("Shown as"), TEXT)]
    lines = []
    for year in sorted(selectors.published_years(overview)):
        for group in (selectors.CIVIL_SOCIETY, selectors.CITY):
            aggregate = overview[group].get(year)
            if aggregate is None or not aggregate.published:
                continue
            units = aggregate.units if group != selectors.CITY else 1
            for row in presentation.rows([aggregate]):
                value = row.values[0]
                lines.append(
                    [year, str(selectors.GROUP_LABELS[group]), units, row.label, value, presentation.display(value)]
                )
    return export_response("staff-diversity", header, lines, format=XLSX)


@login_required
@require_safe
def mine(request):
    """The organisations whose own figures this person may see: those they are admin of; a coordinator, all that
    reported."""
    actor = actor_for(request.user)
    organisations = list(Organisation.objects.approved().filter(pk__in=actor.admin_organisation_ids))
    reporting = list(selectors.reporting_organisations()) if actor.is_charter_coordinator else []
    return render(request, "diversity/mine.html", {"organisations": organisations, "reporting": reporting})


@login_required
@require_safe
def organisation(request, slug):
    """An organisation's own trend beside the aggregate of its kind, and its reports with their corrections."""
    organisation = rules.organisation_for_figures(request, slug)
    view = selectors.organisation_view(organisation)
    reported = {report.year for report in view["reports"]}
    last = selectors.first_open_year()
    open_years = [year for year in range(last, last - 5, -1) if year not in reported]
    columns, labels, notes = [], [], []
    group_label = view["group_label"] or _("Comparison")
    for year in view["years"]:
        comparison = view["comparison"].get(year)
        columns += [view["own"].get(year), comparison]
        labels += [_("%(year)s: your organisation") % {"year": year}, f"{year}: {group_label}"]
        if view["group"] and (comparison is None or not comparison.published):
            notes.append(year)
    history = (
        DiversityReport.history.filter(organisation_id=organisation.pk)
        .select_related("history_user")
        .order_by("-history_date")[:50]
    )
    return render(
        request,
        "diversity/organisation.html",
        {
            "organisation": organisation,
            **view,
            "trend_rows": presentation.rows(columns),
            "trend_labels": labels,
            "trend_notes": notes,
            "open_years": open_years,
            "history": history,
            "can_file": rules.can_file_for(actor_for(request.user), organisation),
            "chart_keys": presentation.CHART_KEYS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request, slug, year):
    """File the report of a year, or correct it."""
    organisation = rules.organisation_for_figures(request, slug, file=True)
    if not services.FIRST_YEAR <= year <= selectors.first_open_year():
        raise Http404
    current = DiversityReport.objects.filter(organisation=organisation, year=year, is_archived=False).first()
    initial = ReportForm.initial_from(current) if current else {}
    form = ReportForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_save(
                    organisation=organisation,
                    year=year,
                    by=request.user,
                    reference_date=data["reference_date"],
                    paid_staff=data["paid_staff"],
                    volunteers=data["volunteers"],
                    leadership=data["leadership"],
                    counts=form.counts(),
                    narrative=data["narrative"],
                    expected_version=data.get("version"),
                )
            except StaleObjectError:
                messages.error(request, STALE_MESSAGE)
                form = ReportForm(initial=ReportForm.initial_from(current.__class__.objects.get(pk=current.pk)))
                status = 409
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request, _("The report for %(year)s is saved. Thank you for sharing it.") % {"year": year}
                )
                return redirect("diversity:organisation", slug=organisation.slug)
    return render(
        request,
        "diversity/report.html",
        {"organisation": organisation, "year": year, "form": form, "current": current},
        status=status,
    )
