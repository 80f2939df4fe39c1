"""Priority decisions before they are recorded: what a new decision, or an override, would change (R1).

A decision is first previewed against the decision in force: which areas enter and leave priority, which
areas' data priority changes but an override holds them, and which coverage verdicts change (today's
coverage, recomputed with the proposed priorities). The preview carries a token, an HMAC of everything it
shows; recording needs that token, and a preview whose token no longer matches what the same decision
would change now (another decision, an override, new data, a changed offer) is refused as stale.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from neighbourhoods import coverage, priority
from neighbourhoods.builtin_indicators import BUILTIN_SOURCES
from neighbourhoods.labels import status_of
from neighbourhoods.models import Indicator, IndicatorValue, MovementCircle, Neighbourhood, PriorityDecision
from neighbourhoods.selectors import AreaInfo, compute_coverage_on, end_of, load_areas

TOKEN_SALT = "neighbourhoods.priority-preview"  # noqa: S105 (an HMAC salt, not a secret)


def decision_in_force(day: datetime.date) -> PriorityDecision | None:
    """The priority decision in force on ``day`` (at its end), with who recorded it (1 query)."""
    return PriorityDecision.objects.in_force_on(end_of(day))


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


@dataclass
class DecisionOutcome:
    """What a decision with these parameters gives on today's data, before anything is written."""

    year: int
    method: str
    threshold: Decimal | None
    top_n: int | None
    scores: list[priority.AreaScore]
    circle_scores: list[priority.AreaScore]

    @property
    def usable(self) -> bool:
        return any(score.score is not None for score in self.scores)

    def priority_keys(self) -> set[tuple[str, int]]:
        return {(coverage.NEIGHBOURHOOD, s.area_id) for s in self.scores if s.is_priority} | {
            (coverage.MOVEMENT_CIRCLE, s.area_id) for s in self.circle_scores if s.is_priority
        }


def decision_outcome(*, year: int, method: str, threshold=None, top_n=None) -> DecisionOutcome:
    """Score the neighbourhoods on ``year``'s data and the movement circles from them (3 + 2 queries)."""
    threshold = threshold if method == priority.THRESHOLD else None
    top_n = top_n if method == priority.TOP_N else None
    result = priority_scores(year=year, method=method, threshold=threshold, top_n=top_n)
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
    return DecisionOutcome(year, method, threshold, top_n, result.scores, circle_scores)


@dataclass(frozen=True)
class AreaChange:
    """One area in a preview: its effective priority and coverage verdict now and after the decision."""

    info: AreaInfo
    priority_before: bool
    priority_after: bool
    data_before: bool
    data_after: bool
    overridden: bool
    status_before: str | None
    status_after: str | None
    gaps_before: tuple = ()
    gaps_after: tuple = ()
    score_before: float | None = None
    score_after: float | None = None

    @property
    def key(self):
        return (self.info.type, self.info.id)

    @property
    def enters(self) -> bool:
        return self.priority_after and not self.priority_before

    @property
    def leaves(self) -> bool:
        return self.priority_before and not self.priority_after

    @property
    def verdict_changes(self) -> bool:
        return (self.status_before, self.gaps_before) != (self.status_after, self.gaps_after)


@dataclass
class Preview:
    """A previewed decision or override: the areas it changes, and the token that confirms exactly this."""

    day: datetime.date
    changes: list[AreaChange]
    in_force: PriorityDecision | None = None
    outcome: DecisionOutcome | None = None
    priority_count_before: int = 0
    priority_count_after: int = 0
    token: str = ""
    held: list[AreaChange] = field(default_factory=list)  # data priority changes, an override keeps it

    @property
    def entering(self) -> list[AreaChange]:
        return [c for c in self.changes if c.enters]

    @property
    def leaving(self) -> list[AreaChange]:
        return [c for c in self.changes if c.leaves]

    @property
    def verdicts(self) -> list[AreaChange]:
        return [c for c in self.changes if c.verdict_changes]

    def confirms(self, token: str) -> bool:
        return bool(token) and constant_time_compare(token, self.token)


def _token(payload) -> str:
    return salted_hmac(TOKEN_SALT, json.dumps(payload, sort_keys=True, default=str), algorithm="sha256").hexdigest()


def _coverage_after(day, priorities: dict) -> dict:
    """Today's coverage of the areas whose effective priority changes, recomputed with the new priorities."""
    if not priorities:
        return {}
    after = compute_coverage_on(day, priorities=priorities)
    return {r.key: r for r in after.results if r.key in priorities}


def _area_change(info, before_row, after_row, *, data_before, data_after, overridden, scores=None) -> AreaChange:
    scores = scores or {}
    return AreaChange(
        info=info,
        priority_before=before_row.is_priority if before_row else info.is_priority,
        priority_after=after_row.is_priority if after_row else info.is_priority,
        data_before=data_before,
        data_after=data_after,
        overridden=overridden,
        status_before=status_of(before_row) if before_row else None,
        status_after=status_of(after_row) if after_row else None,
        gaps_before=tuple(before_row.gaps) if before_row else (),
        gaps_after=tuple(after_row.gaps) if after_row else (),
        score_before=scores.get(("before", info.type, info.id)),
        score_after=scores.get(("after", info.type, info.id)),
    )


def _area_rows():
    """Every area's data priority and override as stored now (2 queries, plus the link table)."""
    rows = {}
    for pk, computed, override in Neighbourhood.objects.values_list("id", "computed_priority", "priority_override"):
        rows[(coverage.NEIGHBOURHOOD, pk)] = (computed, override)
    for pk, computed, override in MovementCircle.objects.values_list("id", "computed_priority", "priority_override"):
        rows[(coverage.MOVEMENT_CIRCLE, pk)] = (computed, override)
    return rows


def decision_preview(*, year: int, method: str, threshold=None, top_n=None, note: str = "") -> Preview:
    """What recording this decision would change today, beside the decision in force."""
    day = timezone.localdate()
    outcome = decision_outcome(year=year, method=method, threshold=threshold, top_n=top_n)
    in_force = PriorityDecision.objects.in_force_on(timezone.now())
    chosen = outcome.priority_keys()
    stored = _area_rows()
    _, infos = load_areas()
    # "Before" is computed like "after" (from the database, not the shared cache), so both read the same data.
    report = compute_coverage_on(day)
    scores = {}
    for source, decision_scores in (
        ("before", [(coverage.NEIGHBOURHOOD, s) for s in (in_force.scores if in_force else [])]),
        ("before", [(coverage.MOVEMENT_CIRCLE, s) for s in (in_force.circle_scores if in_force else [])]),
    ):
        for area_type, score in decision_scores:
            scores[(source, area_type, score["area_id"])] = score["score"]
    for s in outcome.scores:
        scores[("after", coverage.NEIGHBOURHOOD, s.area_id)] = s.score
    for s in outcome.circle_scores:
        scores[("after", coverage.MOVEMENT_CIRCLE, s.area_id)] = s.score

    new_priorities, held_keys = {}, []
    for key, (computed, override) in stored.items():
        data_after = key in chosen
        if data_after == computed:
            continue
        if override is not None:
            held_keys.append(key)
        else:
            new_priorities[key] = data_after
    after_rows = _coverage_after(day, new_priorities)
    changes = [
        _area_change(
            infos[key],
            report.row(key),
            after_rows.get(key),
            data_before=stored[key][0],
            data_after=key in chosen,
            overridden=False,
            scores=scores,
        )
        for key in new_priorities
        if key in infos
    ]
    held = [
        _area_change(
            infos[key],
            report.row(key),
            report.row(key),
            data_before=stored[key][0],
            data_after=key in chosen,
            overridden=True,
            scores=scores,
        )
        for key in held_keys
        if key in infos
    ]
    order = {key: index for index, key in enumerate(infos)}
    changes.sort(key=lambda c: order[c.key])
    held.sort(key=lambda c: order[c.key])
    effective_before = sum(1 for info in infos.values() if info.is_priority)
    delta = sum(1 for c in changes if c.enters) - sum(1 for c in changes if c.leaves)
    payload = {
        "kind": "decision",
        "parameters": [year, method, str(outcome.threshold), outcome.top_n, note],
        "in_force": in_force.pk if in_force else None,
        "scores": sorted(
            [(coverage.NEIGHBOURHOOD, s.area_id, s.score, s.is_priority) for s in outcome.scores]
            + [(coverage.MOVEMENT_CIRCLE, s.area_id, s.score, s.is_priority) for s in outcome.circle_scores],
            key=lambda row: row[:2],
        ),
        "changes": [_fingerprint(c) for c in changes],
        "held": [_fingerprint(c) for c in held],
    }
    return Preview(
        day=day,
        changes=changes,
        in_force=in_force,
        outcome=outcome,
        priority_count_before=effective_before,
        priority_count_after=effective_before + delta,
        token=_token(payload),
        held=held,
    )


def _fingerprint(change: AreaChange) -> list:
    """Everything the preview shows of one area: its priority, verdict and gaps before and after."""
    return [
        *change.key,
        change.priority_before,
        change.priority_after,
        change.status_before,
        change.status_after,
        list(change.gaps_before),
        list(change.gaps_after),
    ]


def override_preview(*, area_type: str, area, override: bool | None, motivation: str) -> Preview:
    """What setting (or clearing) ``area``'s override would change today: its priority and coverage verdict."""
    day = timezone.localdate()
    key = (area_type, area.pk)
    report = compute_coverage_on(day)
    _, infos = load_areas()
    info = infos[key]
    after_priority = area.computed_priority if override is None else override
    changes = []
    if after_priority != area.is_priority:
        after_rows = _coverage_after(day, {key: after_priority})
        changes.append(
            _area_change(
                info,
                report.row(key),
                after_rows.get(key),
                data_before=area.computed_priority,
                data_after=area.computed_priority,
                overridden=override is not None,
            )
        )
    effective_before = sum(1 for i in infos.values() if i.is_priority)
    delta = sum(1 for c in changes if c.enters) - sum(1 for c in changes if c.leaves)
    payload = {
        "kind": "override",
        "area": [*key, area.version],
        "parameters": [override, (motivation or "").strip()],
        "changes": [_fingerprint(c) for c in changes],
    }
    return Preview(
        day=day,
        changes=changes,
        priority_count_before=effective_before,
        priority_count_after=effective_before + delta,
        token=_token(payload),
    )
