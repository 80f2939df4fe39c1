"""Reads for covenant pages and the API: everything a page needs, in a fixed number of queries."""

from django.db.models import Prefetch

from covenants.charts import indicator_chart
from covenants.models import (
    Action,
    Approval,
    CityReport,
    CommitmentValue,
    Covenant,
    Indicator,
    Report,
    ReportNote,
    ReportValue,
    TermsVersion,
)


def versions_queryset():
    return TermsVersion.objects.select_related("proposed_by_organisation").prefetch_related(
        "budget_lines",
        "city_commitments",
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related("targets")),
        Prefetch("approvals", queryset=Approval.objects.select_related("approved_by", "organisation")),
    )


def reports_queryset():
    return Report.objects.select_related("period", "terms").prefetch_related(
        Prefetch(
            "values", queryset=ReportValue.objects.select_related("indicator").prefetch_related("indicator__targets")
        ),
        Prefetch("notes", queryset=ReportNote.objects.select_related("author")),
    )


def value_context(report) -> dict:
    """indicator id -> what to read a reported value against: the baseline, the target of the period's year and
    the actual of the year before (from that year's submitted or accepted report, following the indicator's key
    through amendments). The report's values come prefetched (``reports_queryset``); one query for last year."""
    year = report.period.ends_on.year
    values = list(report.values.all())
    earlier = (
        ReportValue.objects.filter(
            report__covenant_id=report.covenant_id,
            report__period__ends_on__year=year - 1,
            report__state__in=[Report.State.SUBMITTED, Report.State.ACCEPTED],
            indicator__key__in=[v.indicator.key for v in values],
        )
        .exclude(report=report)
        .values_list("indicator__key", "actual", "narrative")
    )
    last_year = {key: (actual, narrative) for key, actual, narrative in earlier}
    context = {}
    for value in values:
        indicator = value.indicator
        before = last_year.get(indicator.key)
        context[indicator.pk] = {
            "year": year,
            "last_year": year - 1,
            "baseline": indicator.baseline,
            "target": indicator.target_map().get(year),
            "last_actual": before[0] if before else None,
            "last_narrative": before[1] if before else "",
            "has_last": before is not None,
        }
    return context


def covenant_detail_queryset():
    return (
        Covenant.objects.with_status()
        .select_related("city_service", "partner_organisation", "partner_collaboration__coordinator")
        .prefetch_related(
            Prefetch("versions", queryset=versions_queryset()),
            Prefetch("reports", queryset=reports_queryset()),
            Prefetch(
                "city_reports",
                queryset=CityReport.objects.prefetch_related(
                    Prefetch("values", queryset=CommitmentValue.objects.select_related("commitment")), "notes__author"
                ),
            ),
            "periods",
        )
    )


def split_versions(covenant):
    """(agreed version, pending version awaiting approval, draft) from prefetched versions."""
    versions = list(covenant.versions.all())
    agreed = next((v for v in reversed(versions) if v.state == TermsVersion.State.AGREED), None)
    pending = next((v for v in reversed(versions) if v.state == TermsVersion.State.SUBMITTED), None)
    draft = next((v for v in versions if v.state == TermsVersion.State.DRAFT), None)
    return agreed, pending, draft


def actuals_by_key(covenant) -> dict:
    """indicator key -> {year: actual} from submitted or accepted reports (prefetched)."""
    result = {}
    for report in covenant.reports.all():
        if report.state not in (Report.State.SUBMITTED, Report.State.ACCEPTED):
            continue
        year = report.period.ends_on.year
        for value in report.values.all():
            if value.actual is not None:
                result.setdefault(value.indicator.key, {})[year] = value.actual
    return result


def indicator_rows(covenant, terms) -> list[dict]:
    if terms is None:
        return []
    actuals = actuals_by_key(covenant)
    rows = []
    for indicator in terms.indicators.all():
        row = {"indicator": indicator, "chart": None}
        if indicator.is_quantitative:
            row["chart"] = indicator_chart(
                name=indicator.name,
                unit=indicator.unit,
                higher_is_better=indicator.higher_is_better,
                targets=indicator.target_map(),
                actuals=actuals.get(indicator.key, {}),
                years=covenant.years,
            )
        rows.append(row)
    return rows


def open_actions(covenant):
    return Action.objects.open().filter(covenant=covenant).select_related("meeting")


def covenants_of_q(organisation, prefix=""):
    """A filter for the (historical) records of the covenants ``organisation`` takes part in: as the city service,
    as the partner, or as a member of the partner collaboration. ``prefix`` names the covenant field of a part."""
    from django.db.models import Q

    from covenants.models import Covenant
    from offers.selectors import collaboration_ids_of

    ids = Covenant.objects.filter(
        Q(city_service=organisation)
        | Q(partner_organisation=organisation)
        | Q(partner_collaboration__in=collaboration_ids_of(organisation))
    ).values("pk")
    return Q(**{f"{prefix}_id__in": ids}) if prefix else Q(id__in=ids)
