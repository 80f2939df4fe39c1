"""Reads for coverage: load areas, offers and collaborations with a fixed number of queries and feed the engine.

Every loader uses ``values_list`` over whole tables (or their link tables), so the number of queries
is the same for 25 areas or 20,000, and for 10 offers or 100,000.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from neighbourhoods import coverage, coverage_sources
from neighbourhoods.models import MovementCircle, Neighbourhood


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


def end_of(day: datetime.date) -> datetime.datetime:
    """The start of the day after ``day`` in the portal's time zone: what was saved before it stood on ``day``."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


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


def compute_coverage_on(
    day: datetime.date, *, with_geometry: bool = False, priorities: dict | None = None
) -> CoverageReport:
    """The coverage of every area on ``day`` computed from the database: 10 queries, whatever the numbers.

    ``priorities`` ((area type, id) -> bool) replaces the effective priority of those areas: what a
    priority decision would change, shown before it is recorded."""
    with coverage.without_cycle_collection():
        areas, info = load_areas(with_geometry=with_geometry)
        if priorities:
            areas = [
                dataclasses.replace(area, is_priority=priorities[area.key]) if area.key in priorities else area
                for area in areas
            ]
            info = {
                key: dataclasses.replace(item, is_priority=priorities[key]) if key in priorities else item
                for key, item in info.items()
            }
        results = coverage.compute_coverage(
            day=day,
            areas=areas,
            offers=coverage_sources.load_offers(day),
            collaborations=coverage_sources.load_collaborations(day),
        )
    return CoverageReport(day=day, results=results, areas=info)
