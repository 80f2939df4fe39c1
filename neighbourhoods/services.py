"""Writes that touch several models: priority decisions and overrides, coverage snapshots."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from charter_portal import caching
from charter_portal.concurrency import save_versioned
from neighbourhoods import priority
from neighbourhoods.builtin_indicators import BUILTIN_SOURCES
from neighbourhoods.models import (
    CoverageSnapshot,
    CoverageThresholds,
    Indicator,
    IndicatorValue,
    MovementCircle,
    Neighbourhood,
    PriorityDecision,
)
from neighbourhoods.selectors import coverage_on


class PriorityError(ValueError):
    pass


def builtin_indicator_values(indicator: Indicator, year: int) -> dict[int, Decimal]:
    """Values of a built-in indicator for ``year``; empty when its source is not available (yet)."""
    source = BUILTIN_SOURCES.get(indicator.source_kind)
    if source is None:
        return {}
    return {int(k): Decimal(v) for k, v in source(year).items()}


def indicator_values_for(year: int) -> tuple[list[Indicator], dict[tuple[str, int], Decimal]]:
    """The active indicators and their values for ``year`` (imported and built-in), keyed by (code, area id)."""
    indicators = list(Indicator.objects.filter(is_active=True))
    values = {
        (code, neighbourhood_id): value
        for code, neighbourhood_id, value in IndicatorValue.objects.filter(
            year=year, indicator__is_active=True, indicator__source_kind=Indicator.SourceKind.IMPORTED
        ).values_list("indicator__code", "neighbourhood_id", "value")
    }
    for indicator in indicators:
        if indicator.source_kind != Indicator.SourceKind.IMPORTED:
            for neighbourhood_id, value in builtin_indicator_values(indicator, year).items():
                values[(indicator.code, neighbourhood_id)] = value
    return indicators, values


def priority_scores(*, year: int, method: str, threshold=None, top_n=None) -> priority.ScoreResult:
    indicators, values = indicator_values_for(year)
    specs = [priority.IndicatorSpec(i.code, i.name, i.weight, i.higher_means_more_need) for i in indicators]
    areas = list(Neighbourhood.objects.order_by("number").values_list("id", "name"))
    return priority.score_areas(
        indicators=specs, values=values, areas=areas, method=method, threshold=threshold, top_n=top_n
    )


@caching.bumps("neighbourhoods", "coverage")
def priority_decide(*, by, year: int, method: str, threshold=None, top_n=None, note: str = "") -> PriorityDecision:
    """Score the neighbourhoods on ``year``'s data, set their priority from data, and record the decision."""
    result = priority_scores(year=year, method=method, threshold=threshold, top_n=top_n)
    if not any(score.score is not None for score in result.scores):
        raise PriorityError(_("There are no usable indicator values for %(year)s.") % {"year": year})
    members = defaultdict(set)
    for circle_id, neighbourhood_id in MovementCircle.neighbourhoods.through.objects.values_list(
        "movementcircle_id", "neighbourhood_id"
    ):
        members[circle_id].add(neighbourhood_id)
    circle_scores = priority.score_circles(
        neighbourhood_scores=result.scores,
        circles=[(pk, name, frozenset(members[pk])) for pk, name in MovementCircle.objects.values_list("id", "name")],
        method=method,
        threshold=threshold,
    )
    indicators = list(
        Indicator.objects.filter(is_active=True).values(
            "code", "name", "weight", "higher_means_more_need", "is_synthetic"
        )
    )
    for item in indicators:
        item["weight"] = str(item["weight"])
    with transaction.atomic():
        decision = PriorityDecision.objects.create(
            decided_by=by,
            data_year=year,
            method=method,
            threshold=threshold if method == priority.THRESHOLD else None,
            top_n=top_n if method == priority.TOP_N else None,
            indicators=indicators,
            scores=[score.as_dict() for score in result.scores],
            circle_scores=[score.as_dict() for score in circle_scores],
            note=note,
        )
        chosen = {score.area_id for score in result.scores if score.is_priority}
        Neighbourhood.objects.filter(pk__in=chosen).update(computed_priority=True)
        Neighbourhood.objects.exclude(pk__in=chosen).update(computed_priority=False)
        chosen_circles = {score.area_id for score in circle_scores if score.is_priority}
        MovementCircle.objects.filter(pk__in=chosen_circles).update(computed_priority=True)
        MovementCircle.objects.exclude(pk__in=chosen_circles).update(computed_priority=False)
    return decision


@caching.bumps("neighbourhoods", "coverage")
def area_priority_override(*, area, override: bool | None, motivation: str, expected_version: int | None) -> None:
    """Set or clear a manual override; an override needs a written motivation (R1)."""
    motivation = (motivation or "").strip()
    if override is not None and not motivation:
        raise PriorityError(_("An override needs a written motivation."))
    area.priority_override = override
    area.priority_motivation = motivation if override is not None else ""
    save_versioned(area, expected_version)


@caching.bumps("coverage")
def coverage_snapshot_take(*, day: datetime.date, by=None) -> int:
    """Store the coverage of every area on ``day``; taking it again the same day replaces it."""
    report = coverage_on(day)
    rows = [
        CoverageSnapshot(
            taken_on=day,
            taken_by=by,
            area_type=r.area_type,
            area_id=r.area_id,
            area_name=r.name,
            is_priority=r.is_priority,
            functions_present=list(r.functions_present),
            integral=r.integral,
            integral_via=[{"type": v.type, "id": v.id, "name": v.name} for v in r.integral_via],
            warm_place=r.warm_place,
            leisure_hours_per_week=r.leisure_hours_per_week,
            gaps=list(r.gaps),
            meets_charter=r.meets_charter,
        )
        for r in report.results
    ]
    with transaction.atomic():
        CoverageSnapshot.objects.filter(taken_on=day).delete()
        CoverageSnapshot.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@caching.bumps("coverage")
def coverage_thresholds_set(*, warm_place_min_hours: Decimal, base_offer_min_weeks: int, by) -> CoverageThresholds:
    """Record what an offer needs to count from now on; earlier settings stay as the record of who set what when."""
    if warm_place_min_hours < 0 or base_offer_min_weeks < 0:
        raise ValueError("Thresholds cannot be negative")
    return CoverageThresholds.objects.create(
        warm_place_min_hours=warm_place_min_hours, base_offer_min_weeks=base_offer_min_weeks, set_by=by
    )


def _free_slug(name: str, *, taken_by=None) -> str:
    base = slugify(name)[:150] or "beweegcirkel"
    slug, n = base, 1
    while MovementCircle.objects.filter(slug=slug).exclude(pk=taken_by).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@caching.bumps("neighbourhoods", "coverage")
def movement_circle_save(
    *,
    circle: MovementCircle | None,
    name: str,
    neighbourhoods,
    override: bool | None,
    motivation: str,
    expected_version: int | None = None,
) -> MovementCircle:
    """Create a movement circle (``circle`` None) or change one: its name, neighbourhoods and priority override.

    An override needs a written motivation, as for a neighbourhood (R1); the circle keeps its address (slug) when
    renamed, so links to it keep working. Raises ``StaleObjectError`` when someone else saved it meanwhile."""
    motivation = (motivation or "").strip()
    if override is not None and not motivation:
        raise PriorityError(_("An override needs a written motivation."))
    neighbourhoods = list(neighbourhoods)
    if not neighbourhoods:
        raise PriorityError(_("Choose at least one neighbourhood."))
    with transaction.atomic():
        if circle is None:
            circle = MovementCircle(slug=_free_slug(name))
        circle.name = name.strip()
        circle.priority_override = override
        circle.priority_motivation = motivation if override is not None else ""
        save_versioned(circle, expected_version if circle.pk else None)
        circle.neighbourhoods.set(neighbourhoods)
    return circle


@caching.bumps("neighbourhoods")
@transaction.atomic
def neighbourhood_outlines_replace(*, geometries: dict[int, dict]) -> list[str]:
    """Store checked outlines (``neighbourhoods.outlines.read_outlines``) on their neighbourhoods, each a new
    version with its history; returns the names of the neighbourhoods changed. The maps and the "near" filter
    follow through the bumped neighbourhoods domain."""
    changed = []
    for neighbourhood in Neighbourhood.objects.select_for_update().filter(pk__in=list(geometries)).order_by("number"):
        neighbourhood.geometry = geometries[neighbourhood.pk]
        neighbourhood.version += 1
        neighbourhood.save(update_fields=["geometry", "version"])
        changed.append(neighbourhood.name)
    return changed
