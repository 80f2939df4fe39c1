"""The priority score (R1): transparent, documented, pure.

Method, per data year:

1. **Normalise** each indicator across the areas with min-max scaling:
   ``n = (value - min) / (max - min)``, so the area with the most need gets 1 and the least 0.
   When a *lower* value means more need (``higher_means_more_need`` false), ``n = 1 - n``.
2. A **constant** indicator (every area has the same value, or only one area has a value) says nothing
   about who needs more: it is left out of the score and reported as constant.
3. A **missing** value leaves that indicator out of that area's score (the weights of the others are
   rescaled) and is listed as missing; an area without any usable value gets no score and no rank.
4. **Score** = 100 × Σ(weight × n) / Σ(weight) over the indicators used for the area: 0 to 100. Each
   part shown is ``100 × weight × n / Σ(weight)``, so the parts add up to the score.
5. **Rank** by score, highest first; equal scores share a rank (1, 2, 2, 4).
6. **Priority**: a score at or above the threshold, or a rank within the top N (ties at the border included).
7. **Movement circles** have no indicator values of their own: a circle's score is the mean of the scores of
   its neighbourhoods (those with a score). It is priority when that score reaches the threshold, or, with
   top N, the score of the least needy priority neighbourhood.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

THRESHOLD = "threshold"
TOP_N = "top_n"


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    weight: Decimal
    higher_means_more_need: bool = True


@dataclass
class AreaScore:
    area_id: int
    name: str
    score: float | None
    parts: dict = field(default_factory=dict)  # code -> {"value", "normalised", "points"}
    missing: list = field(default_factory=list)
    rank: int | None = None
    is_priority: bool = False

    def as_dict(self) -> dict:
        return {
            "area_id": self.area_id,
            "name": self.name,
            "score": self.score,
            "parts": self.parts,
            "missing": self.missing,
            "rank": self.rank,
            "is_priority": self.is_priority,
        }


@dataclass
class ScoreResult:
    scores: list[AreaScore]
    constant: list[str]


def score_areas(
    *,
    indicators: list[IndicatorSpec],
    values: dict[tuple[str, int], Decimal],
    areas: list[tuple[int, str]],
    method: str,
    threshold: float | None = None,
    top_n: int | None = None,
) -> ScoreResult:
    """Score, rank and select ``areas`` (pairs of id and name) from ``values`` keyed by (indicator code, area id)."""
    usable, constant, ranges = [], [], {}
    for spec in indicators:
        if spec.weight <= 0:
            continue
        present = [float(values[(spec.code, area_id)]) for area_id, _ in areas if (spec.code, area_id) in values]
        if len(present) < 2 or min(present) == max(present):
            if present:
                constant.append(spec.code)
            continue
        usable.append(spec)
        ranges[spec.code] = (min(present), max(present))

    scores = []
    for area_id, name in areas:
        raw, missing = {}, []
        for spec in usable:
            value = values.get((spec.code, area_id))
            if value is None:
                missing.append(spec.code)
                continue
            low, high = ranges[spec.code]
            normalised = (float(value) - low) / (high - low)
            if not spec.higher_means_more_need:
                normalised = 1 - normalised
            raw[spec.code] = (float(value), normalised, float(spec.weight))
        total_weight = sum(weight for _, _, weight in raw.values())
        if not total_weight:
            scores.append(AreaScore(area_id, name, None, missing=missing))
            continue
        parts = {
            code: {
                "value": value,
                "normalised": round(normalised, 4),
                "points": round(100 * weight * normalised / total_weight, 2),
            }
            for code, (value, normalised, weight) in raw.items()
        }
        score = round(100 * sum(weight * n for _, n, weight in raw.values()) / total_weight, 2)
        scores.append(AreaScore(area_id, name, score, parts, missing))

    ranked = sorted((s for s in scores if s.score is not None), key=lambda s: (-s.score, s.name))
    previous, rank = None, 0
    for position, item in enumerate(ranked, start=1):
        if item.score != previous:
            rank, previous = position, item.score
        item.rank = rank
        if method == THRESHOLD:
            item.is_priority = threshold is not None and item.score >= float(threshold)
        elif method == TOP_N:
            item.is_priority = top_n is not None and item.rank <= top_n
    unranked = [s for s in scores if s.score is None]
    return ScoreResult(scores=ranked + sorted(unranked, key=lambda s: s.name), constant=constant)


def _rank(items: list[AreaScore]) -> list[AreaScore]:
    ranked = sorted((s for s in items if s.score is not None), key=lambda s: (-s.score, s.name))
    previous, rank = None, 0
    for position, item in enumerate(ranked, start=1):
        if item.score != previous:
            rank, previous = position, item.score
        item.rank = rank
    return ranked + sorted((s for s in items if s.score is None), key=lambda s: s.name)


def score_circles(
    *,
    neighbourhood_scores: list[AreaScore],
    circles: list[tuple[int, str, frozenset]],
    method: str,
    threshold: float | None = None,
) -> list[AreaScore]:
    """Score movement circles from their neighbourhoods' scores (step 7); ``circles`` are (id, name, member ids)."""
    by_id = {s.area_id: s for s in neighbourhood_scores}
    if method == THRESHOLD:
        cutoff = float(threshold) if threshold is not None else None
    else:
        chosen = [s.score for s in neighbourhood_scores if s.is_priority]
        cutoff = min(chosen) if chosen else None
    results = []
    for circle_id, name, member_ids in circles:
        members = sorted(
            (by_id[m] for m in member_ids if m in by_id and by_id[m].score is not None), key=lambda s: s.name
        )
        if not members:
            results.append(AreaScore(circle_id, name, None))
            continue
        score = round(sum(m.score for m in members) / len(members), 2)
        parts = {str(m.area_id): {"name": m.name, "score": m.score} for m in members}
        results.append(AreaScore(circle_id, name, score, parts, is_priority=cutoff is not None and score >= cutoff))
    return _rank(results)
