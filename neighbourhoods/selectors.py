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

from charter_portal.history import last_records_before
from neighbourhoods import coverage, coverage_sources
from neighbourhoods.models import CoverageThresholds, MovementCircle, Neighbourhood, PriorityDecision


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
    # For a movement circle: the neighbourhoods it spans.
    neighbourhood_ids: frozenset = frozenset()


def end_of(day: datetime.date) -> datetime.datetime:
    """The start of the day after ``day`` in the portal's time zone: what was saved before it stood on ``day``."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def _priorities_then(before: datetime.datetime) -> tuple[set | None, dict]:
    """The priority as it stood before ``before``: the areas the decision then in force made priority (``None``
    when no decision was ever recorded: the stored data priority holds), and the overrides then, by (type, id).
    An area whose history starts later had no override yet (areas start without one); an area with no history
    at all keeps its stored override (up to 6 queries)."""
    decision = PriorityDecision.objects.in_force_on(before)
    if decision is None and not PriorityDecision.objects.exists():
        chosen = None
    else:
        chosen = decision.priority_keys() if decision else set()
    overrides = {}
    for area_type, model in ((coverage.NEIGHBOURHOOD, Neighbourhood), (coverage.MOVEMENT_CIRCLE, MovementCircle)):
        history = model.history.model
        for pk in history.objects.filter(history_date__gte=before).values_list("id", flat=True).distinct():
            overrides[(area_type, pk)] = None
        for pk, override in last_records_before(history, before).values_list("id", "priority_override"):
            overrides[(area_type, pk)] = override
    return chosen, overrides


def load_areas(
    *, with_geometry: bool = False, before: datetime.datetime | None = None
) -> tuple[list[coverage.Area], dict[tuple, AreaInfo]]:
    """All neighbourhoods and movement circles as engine input (3 queries). With ``before``, their priority as
    it stood then: the decision in force and the overrides of that time (up to 6 queries more)."""
    areas, info = [], {}
    chosen, overrides_then = _priorities_then(before) if before else (None, {})

    def then(area_type, pk, computed, override):
        key = (area_type, pk)
        if chosen is not None:
            computed = key in chosen
        return computed, overrides_then.get(key, override)

    fields = ["id", "name", "slug", "number", "computed_priority", "priority_override"]
    if with_geometry:
        fields.append("geometry")
    for row in Neighbourhood.objects.order_by("number").values_list(*fields):
        pk, name, slug, number, computed, override = row[:6]
        if before:
            computed, override = then(coverage.NEIGHBOURHOOD, pk, computed, override)
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
        if before:
            computed, override = then(coverage.MOVEMENT_CIRCLE, pk, computed, override)
        priority = _effective_priority(computed, override)
        spans = frozenset(members.get(pk, ()))
        areas.append(coverage.Area(coverage.MOVEMENT_CIRCLE, pk, name, priority, spans))
        info[(coverage.MOVEMENT_CIRCLE, pk)] = AreaInfo(
            coverage.MOVEMENT_CIRCLE, pk, name, slug, None, priority, override is not None, neighbourhood_ids=spans
        )
    return areas, info


@dataclass
class CoverageReport:
    day: datetime.date
    results: list[coverage.AreaCoverage]
    areas: dict[tuple, AreaInfo]
    rules: coverage.CountingRules = coverage.NO_MINIMUMS
    thresholds: CoverageThresholds | None = None
    _by_key: dict | None = field(default=None, repr=False, compare=False)
    # Presentations derived from this report alone (the review's SVG map), computed once per kept report.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def row(self, key) -> coverage.AreaCoverage | None:
        if self._by_key is None:
            self._by_key = {r.key: r for r in self.results}
        return self._by_key.get(key)

    def failing_members(self, key) -> list[coverage.AreaCoverage]:
        """For a movement circle: its neighbourhoods that do not meet the charter, by number (none for a
        neighbourhood). A circle that meets the charter as a whole may still hold such neighbourhoods."""
        info = self.areas.get(key)
        if info is None or not info.neighbourhood_ids:
            return []
        members = [self.row((coverage.NEIGHBOURHOOD, pk)) for pk in info.neighbourhood_ids]
        failing = [r for r in members if r is not None and not r.meets_charter]
        return sorted(failing, key=lambda r: (self.areas[r.key].number or 0, r.name))


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
    """The coverage of every area on ``day`` computed from the database: 11 queries, whatever the numbers.

    ``priorities`` ((area type, id) -> bool) replaces the effective priority of those areas: what a
    priority decision would change, shown before it is recorded."""
    # A past day counts what stood then, from the change history; today and later, what stands now.
    before = end_of(day) if day < timezone.localdate() else None
    with coverage.without_cycle_collection():
        # What counts (the city's thresholds) is the setting in force now, also for a past day.
        thresholds = CoverageThresholds.objects.current()
        rules = counting_rules(thresholds)
        areas, info = load_areas(with_geometry=with_geometry, before=before)
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
            offers=coverage_sources.load_offers_as_of(day, before) if before else coverage_sources.load_offers(day),
            collaborations=(
                coverage_sources.load_collaborations_as_of(day, before)
                if before
                else coverage_sources.load_collaborations(day)
            ),
            rules=rules,
        )
    return CoverageReport(day=day, results=results, areas=info, rules=rules, thresholds=thresholds)


def counting_rules(thresholds: CoverageThresholds | None) -> coverage.CountingRules:
    if thresholds is None:
        return coverage.NO_MINIMUMS
    return coverage.CountingRules(thresholds.warm_place_min_hours, thresholds.base_offer_min_weeks)
