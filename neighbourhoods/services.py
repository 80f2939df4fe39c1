"""Writes that touch several models: priority decisions and overrides, coverage snapshots."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from charter_portal import caching
from charter_portal.concurrency import check_version, save_versioned
from neighbourhoods import decisions
from neighbourhoods.models import (
    CoverageSnapshot,
    CoverageThresholds,
    Indicator,
    MovementCircle,
    Neighbourhood,
    PriorityDecision,
)
from neighbourhoods.selectors import coverage_on


class PriorityError(ValueError):
    pass


class StalePreview(PriorityError):
    """What the decision would change is no longer what was previewed; ``preview`` is the situation now."""

    def __init__(self, preview):
        super().__init__(
            _(
                "Nothing was recorded: what this decision changes is no longer what you saw in the preview "
                "(another decision, an override or the data changed in the meantime). Check the new preview "
                "below and confirm again."
            )
        )
        self.preview = preview


def _lock_areas() -> None:
    """Serialise priority writes: one decision or override at a time sees and changes the areas."""
    list(Neighbourhood.objects.select_for_update().order_by("id").values_list("id", flat=True))


@caching.bumps("neighbourhoods", "coverage")
def priority_decide(
    *, by, year: int, method: str, threshold=None, top_n=None, note: str = "", expected_token: str | None = None
) -> PriorityDecision:
    """Score the neighbourhoods on ``year``'s data, set their priority from data, and record the decision.

    With ``expected_token`` (a page's confirmation), the decision is recorded only when its preview still
    has that token (``decisions.decision_preview``); otherwise ``StalePreview`` carries the new preview."""
    with transaction.atomic():
        _lock_areas()
        if expected_token is not None:
            preview = decisions.decision_preview(year=year, method=method, threshold=threshold, top_n=top_n, note=note)
            if not preview.confirms(expected_token):
                raise StalePreview(preview)
            outcome = preview.outcome
        else:
            outcome = decisions.decision_outcome(year=year, method=method, threshold=threshold, top_n=top_n)
        if not outcome.usable:
            raise PriorityError(_("There are no usable indicator values for %(year)s.") % {"year": year})
        indicators = list(
            Indicator.objects.filter(is_active=True).values(
                "code", "name", "weight", "higher_means_more_need", "is_synthetic"
            )
        )
        for item in indicators:
            item["weight"] = str(item["weight"])
        decision = PriorityDecision.objects.create(
            decided_by=by,
            data_year=year,
            method=method,
            threshold=outcome.threshold,
            top_n=outcome.top_n,
            indicators=indicators,
            scores=[score.as_dict() for score in outcome.scores],
            circle_scores=[score.as_dict() for score in outcome.circle_scores],
            note=note,
        )
        chosen = {score.area_id for score in outcome.scores if score.is_priority}
        Neighbourhood.objects.filter(pk__in=chosen).update(computed_priority=True)
        Neighbourhood.objects.exclude(pk__in=chosen).update(computed_priority=False)
        chosen_circles = {score.area_id for score in outcome.circle_scores if score.is_priority}
        MovementCircle.objects.filter(pk__in=chosen_circles).update(computed_priority=True)
        MovementCircle.objects.exclude(pk__in=chosen_circles).update(computed_priority=False)
    return decision


@caching.bumps("neighbourhoods", "coverage")
def area_priority_override(
    *,
    area,
    override: bool | None,
    motivation: str,
    expected_version: int | None,
    by=None,
    area_type: str | None = None,
    expected_token: str | None = None,
) -> None:
    """Set or clear a manual override; an override needs a written motivation (R1). Records who and when.

    With ``expected_token`` (a page's confirmation) the override is saved only when its preview
    (``decisions.override_preview``) still has that token; otherwise ``StalePreview``."""
    motivation = (motivation or "").strip()
    if override is not None and not motivation:
        raise PriorityError(_("An override needs a written motivation."))
    with transaction.atomic():
        if expected_token is not None:
            _lock_areas()
            # Read the area again under the lock: what another write saved before it is what we compare with.
            area.refresh_from_db()
            # Someone saved this area since the form was read: that message says more than a stale preview.
            check_version(area, expected_version)
            preview = decisions.override_preview(
                area_type=area_type, area=area, override=override, motivation=motivation
            )
            if not preview.confirms(expected_token):
                raise StalePreview(preview)
        area.priority_override = override
        area.priority_motivation = motivation if override is not None else ""
        area.priority_override_by = by
        area.priority_override_at = timezone.now()
        # Only the override's fields: a decision recorded since ``area`` was read keeps its data priority.
        save_versioned(
            area,
            expected_version,
            update_fields=["priority_override", "priority_motivation", "priority_override_by", "priority_override_at"],
        )


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
