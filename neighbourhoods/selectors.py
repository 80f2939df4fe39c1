"""Reads for coverage: load areas, offers and collaborations with a fixed number of queries and feed the engine.

Every loader uses ``values_list`` over whole tables (or their link tables), so the number of queries
is the same for 25 areas or 20,000, and for 10 offers or 100,000.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, CharField, IntegerField, Q, StringAgg, Sum, Value, When
from django.db.models.functions import Cast

from neighbourhoods import coverage
from neighbourhoods.models import MovementCircle, Neighbourhood
from offers.models import Collaboration, CollaborationMember, Offer


def _effective_priority(computed: bool, override) -> bool:
    return computed if override is None else override


@dataclass(frozen=True)
class AreaInfo:
    """What pages need about an area besides its coverage."""

    type: str
    id: int
    name: str
    slug: str
    number: int | None
    is_priority: bool
    priority_is_overridden: bool
    geometry: dict | None = None


def load_areas(*, with_geometry: bool = False) -> tuple[list[coverage.Area], dict[tuple, AreaInfo]]:
    """All neighbourhoods and movement circles as engine input (3 queries)."""
    areas, info = [], {}
    fields = ["id", "name", "slug", "number", "computed_priority", "priority_override"]
    if with_geometry:
        fields.append("geometry")
    for row in Neighbourhood.objects.order_by("number").values_list(*fields):
        pk, name, slug, number, computed, override = row[:6]
        priority = _effective_priority(computed, override)
        areas.append(coverage.Area(coverage.NEIGHBOURHOOD, pk, name, priority))
        info[(coverage.NEIGHBOURHOOD, pk)] = AreaInfo(
            coverage.NEIGHBOURHOOD,
            pk,
            name,
            slug,
            number,
            priority,
            override is not None,
            row[6] if with_geometry else None,
        )
    members = defaultdict(set)
    for circle_id, neighbourhood_id in MovementCircle.neighbourhoods.through.objects.values_list(
        "movementcircle_id", "neighbourhood_id"
    ):
        members[circle_id].add(neighbourhood_id)
    for pk, name, slug, computed, override in MovementCircle.objects.order_by("name", "id").values_list(
        "id", "name", "slug", "computed_priority", "priority_override"
    ):
        priority = _effective_priority(computed, override)
        areas.append(coverage.Area(coverage.MOVEMENT_CIRCLE, pk, name, priority, frozenset(members.get(pk, ()))))
        info[(coverage.MOVEMENT_CIRCLE, pk)] = AreaInfo(
            coverage.MOVEMENT_CIRCLE, pk, name, slug, None, priority, override is not None
        )
    return areas, info


def _running_filter(day: datetime.date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}starts_on__isnull": True}) | Q(**{f"{prefix}starts_on__lte": day})) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": day})
    )


# An offer's functions as one number (``coverage.FUNCTION_BITS``), summed by the database over the offer's
# function links (each function at most once per offer).
_FUNCTION_BITS = Sum(
    Case(
        *[When(functions__code=code, then=Value(bit)) for code, bit in coverage.FUNCTION_BITS.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
)


def _grouped_ids(through, column: str, offer_ids) -> dict[int, frozenset]:
    """offer id -> the ids in ``column`` of its links, for the offers in ``offer_ids`` (one grouped query)."""
    rows = (
        through.objects.filter(offer_id__in=offer_ids)
        .values("offer_id")
        .annotate(ids=StringAgg(Cast(column, CharField()), Value(",")))
        .values_list("offer_id", "ids")
    )
    return {offer_id: frozenset(map(int, ids.split(","))) for offer_id, ids in rows}


def load_offers(day: datetime.date) -> list[coverage.Offer]:
    """Offers that may count on ``day`` (3 queries). The engine applies the rules again; the filter only trims.

    A region has about 100,000 offers and 300,000 links. The database does the grouping: each offer
    comes with its functions as one number, and its neighbourhoods and circles as one list each.
    """
    candidates = Offer.objects.filter(_running_filter(day), status=Offer.Status.PUBLISHED, organisation__is_active=True)
    ids = candidates.values("id")
    neighbourhoods = _grouped_ids(Offer.neighbourhoods.through, "neighbourhood_id", ids)
    circles = _grouped_ids(Offer.movement_circles.through, "movementcircle_id", ids)
    empty = frozenset()
    return [
        coverage.Offer(
            pk,
            org_id,
            org_name,
            org_active,
            status,
            starts_on,
            ends_on,
            coverage.FUNCTIONS_OF_BITS[bits or 0],
            neighbourhoods.get(pk, empty),
            circles.get(pk, empty),
            warm,
            hours,
        )
        for pk, org_id, org_name, org_active, status, starts_on, ends_on, warm, hours, bits in candidates.annotate(
            function_bits=_FUNCTION_BITS
        ).values_list(
            "id",
            "organisation_id",
            "organisation__name",
            "organisation__is_active",
            "status",
            "starts_on",
            "ends_on",
            "is_warm_place",
            "weekly_hours",
            "function_bits",
        )
    ]


def load_collaborations(day: datetime.date) -> list[coverage.Collaboration]:
    """Collaborations active on ``day`` with their accepted members and areas (4 queries)."""
    active = Collaboration.objects.filter(_running_filter(day))
    active_ids = active.values("id")
    members, neighbourhoods, circles = defaultdict(set), defaultdict(set), defaultdict(set)
    for collaboration_id, org_id in CollaborationMember.objects.filter(
        collaboration_id__in=active_ids, status=CollaborationMember.Status.ACCEPTED
    ).values_list("collaboration_id", "organisation_id"):
        members[collaboration_id].add(org_id)
    for collaboration_id, neighbourhood_id in Collaboration.neighbourhoods.through.objects.filter(
        collaboration_id__in=active_ids
    ).values_list("collaboration_id", "neighbourhood_id"):
        neighbourhoods[collaboration_id].add(neighbourhood_id)
    for collaboration_id, circle_id in Collaboration.movement_circles.through.objects.filter(
        collaboration_id__in=active_ids
    ).values_list("collaboration_id", "movementcircle_id"):
        circles[collaboration_id].add(circle_id)
    return [
        coverage.Collaboration(
            id=pk,
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            accepted_organisation_ids=frozenset(members.get(pk, ())),
            neighbourhood_ids=frozenset(neighbourhoods.get(pk, ())),
            circle_ids=frozenset(circles.get(pk, ())),
        )
        for pk, name, starts_on, ends_on in active.values_list("id", "name", "starts_on", "ends_on")
    ]


@dataclass
class CoverageReport:
    day: datetime.date
    results: list[coverage.AreaCoverage]
    areas: dict[tuple, AreaInfo]
    _by_key: dict | None = field(default=None, repr=False, compare=False)
    # Presentations derived from this report alone (the review's SVG map), computed once per kept report.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def row(self, key) -> coverage.AreaCoverage | None:
        if self._by_key is None:
            self._by_key = {r.key: r for r in self.results}
        return self._by_key.get(key)


def coverage_on(day: datetime.date, *, with_geometry: bool = False) -> CoverageReport:
    """The coverage of every area on ``day``, kept in the shared cache until offers, organisations, areas or
    priorities change (``charter_portal.caching``, ``COVERAGE_DOMAINS``): two cache reads when kept, else 10
    queries more, whatever the number of areas and offers."""
    from charter_portal import caching

    return caching.kept(
        caching.COVERAGE_DOMAINS,
        ("coverage-report", day, with_geometry),
        lambda: compute_coverage_on(day, with_geometry=with_geometry),
    )


def compute_coverage_on(day: datetime.date, *, with_geometry: bool = False) -> CoverageReport:
    """The coverage of every area on ``day`` computed from the database: 10 queries, whatever the numbers."""
    with coverage.without_cycle_collection():
        areas, info = load_areas(with_geometry=with_geometry)
        results = coverage.compute_coverage(
            day=day, areas=areas, offers=load_offers(day), collaborations=load_collaborations(day)
        )
    return CoverageReport(day=day, results=results, areas=info)
