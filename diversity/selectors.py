"""Reading staff-diversity reports and turning them into suppressed aggregates (diversity/privacy.py)."""

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diversity import privacy
from diversity.models import DiversityReport, PopulationReference
from organisations.models import Organisation

CIVIL_SOCIETY, SELF_ORGANISATIONS, CITY = "civil_society", "self_organisations", "city"
GROUP_LABELS = {
    CIVIL_SOCIETY: _("Civil society"),
    SELF_ORGANISATIONS: _("Self-organisations"),
    CITY: _("City services (the city as one employer)"),
}
_KINDS = {
    CIVIL_SOCIETY: {Organisation.Kind.CIVIL_SOCIETY, Organisation.Kind.SELF_ORGANISATION},
    SELF_ORGANISATIONS: {Organisation.Kind.SELF_ORGANISATION},
    CITY: {Organisation.Kind.CITY_SERVICE},
}


def group_of(organisation) -> str | None:
    """The group an organisation compares itself with: self-organisations with their own kind, other civil
    society with civil society, city services with the city; other public bodies with none."""
    if organisation.kind == Organisation.Kind.SELF_ORGANISATION:
        return SELF_ORGANISATIONS
    if organisation.kind == Organisation.Kind.CIVIL_SOCIETY:
        return CIVIL_SOCIETY
    if organisation.kind == Organisation.Kind.CITY_SERVICE:
        return CITY
    return None


def first_open_year(today=None) -> int:
    """The latest year that can be reported: a year's report opens on 1 January of the next year."""
    return (today or timezone.localdate()).year - 1


def _rows():
    """Every current report as (organisation id, organisation kind, year, figures), in one query."""
    reports = (
        DiversityReport.objects.current()
        .select_related("organisation")
        .only("organisation__id", "organisation__kind", "year", "paid_staff", "leadership", "counts")
    )
    return [(r.organisation_id, r.organisation.kind, r.year, r.figures()) for r in reports]


def contributions_by_group(rows=None) -> dict:
    """{group: {year: [Contribution]}}; the city's services merged into one unit per year."""
    rows = _rows() if rows is None else rows
    grouped = {group: defaultdict(list) for group in _KINDS}
    for org_id, kind, year, figures in rows:
        for group, kinds in _KINDS.items():
            if kind in kinds:
                grouped[group][year].append(privacy.Contribution(org_id, figures))
    city = grouped[CITY]
    for year, services in city.items():
        city[year] = [privacy.merge(CITY, services)]
    return grouped


def group_series(group: str, contributions: dict, *, leave_out=None) -> dict:
    """{year: Aggregate} of a group; ``leave_out`` drops one organisation first (a reader comparing itself)."""
    by_year = contributions.get(group, {})
    if group == CITY:
        return {year: privacy.aggregate(units, min_units=1, dominance=False) for year, units in by_year.items()}
    if leave_out is not None:
        by_year = {year: [c for c in units if c.unit != leave_out] for year, units in by_year.items()}
    return privacy.series(by_year)


def public_overview() -> dict:
    """{"civil_society": {year: Aggregate}, "city": {year: Aggregate}}: what anyone may see."""
    contributions = contributions_by_group()
    return {group: group_series(group, contributions) for group in (CIVIL_SOCIETY, CITY)}


def published_years(overview: dict) -> list[int]:
    return sorted({year for series in overview.values() for year in series}, reverse=True)


def reports_of(organisation):
    return list(DiversityReport.objects.filter(organisation=organisation, is_archived=False).order_by("-year"))


def organisation_view(organisation) -> dict:
    """An organisation's own trend beside the aggregate of its kind (without itself), and the references."""
    reports = reports_of(organisation)
    group = group_of(organisation)
    comparison = {}
    if group is not None:
        comparison = group_series(group, contributions_by_group(), leave_out=organisation.pk)
    own = {r.year: privacy.own(privacy.Contribution(organisation.pk, r.figures())) for r in reports}
    references = defaultdict(dict)
    synthetic = False
    for ref in PopulationReference.objects.all():
        references[ref.year][ref.code] = ref.share
        synthetic = synthetic or ref.is_synthetic
    years = sorted(set(own) | set(comparison), reverse=True)
    return {
        "reports": reports,
        "group": group,
        "group_label": GROUP_LABELS.get(group, ""),
        "years": years,
        "own": own,
        "comparison": comparison,
        "references": dict(references),
        "references_synthetic": synthetic,
    }


def reporting_organisations():
    """Organisations with at least one current report, for the coordinators' list (one query)."""
    return Organisation.objects.filter(diversity_reports__is_archived=False).distinct().order_by("name")
