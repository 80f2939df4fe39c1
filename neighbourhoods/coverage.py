"""The charter's coverage rules (docs/rules.md#coverage; R2-R5) as a pure computation.

Plain dataclasses in, plain results out: no database, no requests. ``compute_coverage`` runs in
time linear in the number of offer/area links: offers and collaborations are indexed by the
neighbourhoods (and movement circles) they serve once, and each area then only looks at its own.
"""

from __future__ import annotations

import datetime
import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from charter_portal.periods import is_running

LEISURE, WELFARE, BRIDGE, SIGNAL = "leisure", "welfare", "bridge", "signal"
FUNCTION_ORDER = (LEISURE, WELFARE, BRIDGE, SIGNAL)
ALL_FUNCTIONS = frozenset(FUNCTION_ORDER)

NEIGHBOURHOOD = "neighbourhood"
MOVEMENT_CIRCLE = "movement_circle"

PUBLISHED = "published"

GAP_NOT_INTEGRAL = "not_integral"
GAP_NO_WARM_PLACE = "no_warm_place"
GAP_NO_BASE_OFFER = "no_base_offer"
GAP_BASE_OFFER_TOO_SHORT = "base_offer_too_short"
GAP_MISSING_FUNCTION = "missing_function:"


@dataclass(frozen=True)
class Area:
    """A neighbourhood or a movement circle. For a circle, ``neighbourhood_ids`` are the neighbourhoods it spans."""

    type: str
    id: int
    name: str
    is_priority: bool = False
    neighbourhood_ids: frozenset = frozenset()

    @property
    def key(self) -> tuple[str, int]:
        return (self.type, self.id)


@dataclass(slots=True)
class Offer:
    """An offer as the engine sees it. Not frozen, for speed (a region loads 100,000 of them); the engine
    never changes one."""

    id: int
    organisation_id: int
    organisation_name: str = ""
    organisation_active: bool = True
    status: str = PUBLISHED
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    functions: frozenset = frozenset()
    neighbourhood_ids: frozenset = frozenset()
    circle_ids: frozenset = frozenset()
    is_warm_place: bool = False
    weekly_hours: Decimal = Decimal(0)
    title: str = ""


@dataclass(frozen=True)
class Collaboration:
    id: int
    name: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    accepted_organisation_ids: frozenset = frozenset()
    neighbourhood_ids: frozenset = frozenset()
    circle_ids: frozenset = frozenset()


@dataclass(frozen=True)
class Via:
    """An organisation or a collaboration through which an area's offer is integral."""

    type: str  # "organisation" | "collaboration"
    id: int
    name: str


@dataclass(frozen=True)
class AreaCoverage:
    area_type: str
    area_id: int
    name: str
    is_priority: bool
    functions_present: tuple[str, ...]
    missing_functions: tuple[str, ...]
    integral: bool
    integral_via: tuple[Via, ...]
    warm_place: bool
    leisure_hours_per_week: Decimal
    gaps: tuple[str, ...]
    meets_charter: bool
    # What lies behind the cells, for the detail page: counting offers and active serving collaborations.
    offer_ids: tuple[int, ...] = field(default=(), compare=False)
    collaboration_ids: tuple[int, ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple[str, int]:
        return (self.area_type, self.area_id)

    def has(self, function_code: str) -> bool:
        return function_code in self.functions_present


@dataclass(frozen=True)
class CountingRules:
    """What the city decided an offer needs to count as a warm place or as the base offer (``CoverageThresholds``).

    A warm place needs at least ``warm_place_min_hours`` a week; the base offer of an area that is not priority
    (R3) needs a leisure offer that runs at least ``base_offer_min_weeks`` weeks, from its start to its end date
    (an offer without one of them runs on, so it is long enough). Both 0 by default: then nothing changes.
    """

    warm_place_min_hours: Decimal = Decimal(0)
    base_offer_min_weeks: int = 0

    def counts_as_warm_place(self, offer: Offer) -> bool:
        return offer.is_warm_place and Decimal(offer.weekly_hours) >= self.warm_place_min_hours

    def runs_long_enough(self, offer: Offer) -> bool:
        if not self.base_offer_min_weeks or offer.starts_on is None or offer.ends_on is None:
            return True
        return (offer.ends_on - offer.starts_on).days + 1 >= 7 * self.base_offer_min_weeks

    @property
    def changes_nothing(self) -> bool:
        return not self.warm_place_min_hours and not self.base_offer_min_weeks


NO_MINIMUMS = CountingRules()


def offer_counts(offer: Offer, day: datetime.date) -> bool:
    """Whether an offer counts at all on ``day`` (published, active organisation, running); where is separate."""
    return offer.status == PUBLISHED and offer.organisation_active and is_running(offer.starts_on, offer.ends_on, day)


def ordered(codes) -> tuple[str, ...]:
    return tuple(code for code in FUNCTION_ORDER if code in codes)


def gaps_for(
    *, is_priority: bool, functions_present, integral: bool, warm_place: bool, base_offer: bool | None = None
) -> tuple[str, ...]:
    """The gap codes in their fixed order (docs/rules.md#gap-codes).

    Missing functions, else not integral; then no warm place. An area that is not priority needs the base offer:
    leisure, from an offer that runs long enough (``base_offer``; by default any leisure offer is).
    """
    present = set(functions_present)
    if not is_priority:
        if LEISURE not in present:
            return (GAP_NO_BASE_OFFER,)
        return () if base_offer is None or base_offer else (GAP_BASE_OFFER_TOO_SHORT,)
    gaps = [GAP_MISSING_FUNCTION + code for code in FUNCTION_ORDER if code not in present]
    if not gaps and not integral:
        gaps.append(GAP_NOT_INTEGRAL)
    if not warm_place:
        gaps.append(GAP_NO_WARM_PLACE)
    return tuple(gaps)


class _Counted(NamedTuple):
    """A counting offer reduced to what the per-area loop reads (its functions as bits, see ``FUNCTION_BITS``)."""

    id: int
    organisation_id: int
    bits: int
    is_warm_place: bool
    leisure_hours: Decimal
    is_base_offer: bool


class _Index:
    """Which items serve which neighbourhood, and which are linked to a movement circle directly."""

    def __init__(self, circle_members: dict[int, frozenset]):
        self.circle_members = circle_members
        self.by_neighbourhood: dict[int, list] = defaultdict(list)
        self.by_circle: dict[int, list] = defaultdict(list)

    def add(self, item, neighbourhood_ids, circle_ids) -> None:
        served = frozenset(neighbourhood_ids)  # no copy when the loader already gave a frozenset
        if circle_ids:
            served = set(served)
            for circle_id in circle_ids:
                served.update(self.circle_members.get(circle_id, ()))
                self.by_circle[circle_id].append(item)
        for neighbourhood_id in served:
            self.by_neighbourhood[neighbourhood_id].append(item)

    def for_area(self, area: Area) -> list:
        if area.type == NEIGHBOURHOOD:
            return self.by_neighbourhood.get(area.id, [])
        # A circle: everything serving any of its neighbourhoods, or linked to the circle itself; once each.
        seen = {}
        for neighbourhood_id in area.neighbourhood_ids:
            for item in self.by_neighbourhood.get(neighbourhood_id, ()):
                seen.setdefault(item.id, item)
        for item in self.by_circle.get(area.id, ()):
            seen.setdefault(item.id, item)
        return list(seen.values())


# Function codes as bits (leisure 1, welfare 2, bridge 4, signal 8): the per-area loop combines integers
# instead of sets of strings, and the loader has the database sum an offer's functions the same way.
FUNCTION_BITS = {code: 1 << n for n, code in enumerate(FUNCTION_ORDER)}
_ALL_BITS = (1 << len(FUNCTION_ORDER)) - 1
_ORDERED_OF = [tuple(code for code in FUNCTION_ORDER if mask & FUNCTION_BITS[code]) for mask in range(_ALL_BITS + 1)]
_MISSING_OF = [
    tuple(code for code in FUNCTION_ORDER if not mask & FUNCTION_BITS[code]) for mask in range(_ALL_BITS + 1)
]
# The set of function codes for each combination of bits (shared objects: a region loads 100,000 offers).
FUNCTIONS_OF_BITS = [frozenset(codes) for codes in _ORDERED_OF]


def _bits(codes) -> int:
    mask = 0
    for code in codes:
        mask |= FUNCTION_BITS.get(code, 0)
    return mask


@contextmanager
def without_cycle_collection():
    """Computing a region's coverage allocates a few hundred thousand small objects and frees none before
    the end: Python's cycle collector would walk them again and again (a third of the time) and find no
    cycle. Reference counting still frees everything as usual. Nests: only the outermost one re-enables."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def compute_coverage(
    *,
    day: datetime.date,
    areas: list[Area],
    offers: list[Offer],
    collaborations: list[Collaboration],
    rules: CountingRules = NO_MINIMUMS,
) -> list[AreaCoverage]:
    """The coverage of every area on ``day``, in the order of ``areas``, under the city's ``rules``."""
    with without_cycle_collection():
        return _compute(day, areas, offers, collaborations, rules)


def _compute(day, areas, offers, collaborations, rules=NO_MINIMUMS) -> list[AreaCoverage]:
    circle_members = {area.id: frozenset(area.neighbourhood_ids) for area in areas if area.type == MOVEMENT_CIRCLE}
    offer_index = _Index(circle_members)
    organisation_names: dict[int, str] = {}
    no_hours = Decimal(0)
    for offer in offers:
        if offer_counts(offer, day):
            # What each area needs of a counting offer, worked out once per offer instead of once per area.
            bits = _bits(offer.functions)
            leisure_hours = Decimal(offer.weekly_hours) if bits & FUNCTION_BITS[LEISURE] else no_hours
            counted = _Counted(
                offer.id,
                offer.organisation_id,
                bits,
                rules.counts_as_warm_place(offer),
                leisure_hours,
                bool(bits & FUNCTION_BITS[LEISURE]) and rules.runs_long_enough(offer),
            )
            offer_index.add(counted, offer.neighbourhood_ids, offer.circle_ids)
            organisation_names[offer.organisation_id] = offer.organisation_name
    collaboration_index = _Index(circle_members)
    for collaboration in collaborations:
        if is_running(collaboration.starts_on, collaboration.ends_on, day):
            collaboration_index.add(collaboration, collaboration.neighbourhood_ids, collaboration.circle_ids)

    results = []
    for area in areas:
        counting = offer_index.for_area(area)
        bits_by_org: dict[int, int] = {}
        present = 0
        warm_place = base_offer = False
        leisure_hours = no_hours
        for offer in counting:
            org_id = offer.organisation_id
            bits_by_org[org_id] = bits_by_org.get(org_id, 0) | offer.bits
            present |= offer.bits
            if offer.is_warm_place:
                warm_place = True
            if offer.is_base_offer:
                base_offer = True
            leisure_hours += offer.leisure_hours

        via = [
            Via("organisation", org_id, organisation_names.get(org_id, ""))
            for org_id, bits in bits_by_org.items()
            if bits == _ALL_BITS
        ]
        serving = collaboration_index.for_area(area)
        for collaboration in serving:
            together = 0
            for org_id in collaboration.accepted_organisation_ids:
                together |= bits_by_org.get(org_id, 0)
            if together == _ALL_BITS:
                via.append(Via("collaboration", collaboration.id, collaboration.name))
        via.sort(key=lambda v: (v.type != "organisation", v.name.casefold(), v.id))

        integral = bool(via)
        functions_present = _ORDERED_OF[present]
        gaps = gaps_for(
            is_priority=area.is_priority,
            functions_present=functions_present,
            integral=integral,
            warm_place=warm_place,
            base_offer=base_offer,
        )
        results.append(
            AreaCoverage(
                area_type=area.type,
                area_id=area.id,
                name=area.name,
                is_priority=area.is_priority,
                functions_present=functions_present,
                missing_functions=_MISSING_OF[present],
                integral=integral,
                integral_via=tuple(via),
                warm_place=warm_place,
                leisure_hours_per_week=leisure_hours,
                gaps=gaps,
                meets_charter=not gaps,
                offer_ids=tuple(sorted([offer.id for offer in counting])),
                collaboration_ids=tuple(sorted([collaboration.id for collaboration in serving])),
            )
        )
    return results
