"""Staff-diversity figures that never single anyone out: aggregation with suppression, as plain Python.

Input: one ``Contribution`` per unit (an organisation, or the city as one employer) with every figure of its
report (``categories.complete``). Output: an ``Aggregate`` whose cells are numbers or ``None`` ("fewer than 5").

The rules (issue 24, DESIGN.md R12):

1. **Enough units.** An aggregate over a group of organisations is published only when it covers at least
   ``MIN_UNITS`` (5) of them; a comparison for a reader leaves the reader out first, so it covers at least 5
   *besides* the reader. The city's services are merged into one unit first: the city is one employer.
2. **Small cells.** A cell below ``MIN_CELL`` (5 people) is suppressed.
3. **No one subtracts themselves.** Over a group of organisations, a cell is also suppressed when it minus the
   largest single contribution to it is below 5: whichever organisation takes its own figure off, what is left
   of the others is never a cell of fewer than 5 people.
4. **Secondary suppression.** A category's cells (with "not known") add up to the total. If exactly one of them
   is suppressed, the smallest shown one is suppressed too, so that subtracting the shown cells from the total
   gives nothing; if the total itself is suppressed, every cell of its scope is.
5. **Years.** A series of years of one group publishes a year only when its set of organisations is the same as,
   or differs by at least 5 organisations from, each year published before it (oldest first): the difference
   between two published years never isolates fewer than 5 organisations joining or leaving.

Percentages are derived from shown figures only (a cell and its total both shown).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from diversity import categories

MIN_UNITS = 5
MIN_CELL = 5


@dataclass(frozen=True)
class Contribution:
    unit: object  # an organisation id, or "city"
    figures: dict  # key -> count (categories.all_keys())


@dataclass
class Aggregate:
    units: int
    published: bool
    cells: dict = field(default_factory=dict)  # key -> int | None (None: fewer than 5)
    reason: str = ""  # why it is not published: "too_few" | "changed_set"
    unit_ids: frozenset = frozenset()

    def value(self, key):
        return self.cells.get(key) if self.published else None

    def share(self, key) -> float | None:
        """Percentage of the scope's total, or None when the cell or its total is not shown."""
        scope = key.split("_", 1)[0]
        value, total = self.value(key), self.value(categories.total_key(scope))
        if value is None or not total:
            return None
        return round(100 * value / total, 1)


def merge(unit, contributions: Iterable[Contribution]) -> Contribution | None:
    """Several contributions as one unit (the city's services as the city)."""
    merged: dict = {}
    found = False
    for contribution in contributions:
        found = True
        for key, value in contribution.figures.items():
            merged[key] = merged.get(key, 0) + value
    return Contribution(unit, merged) if found else None


def aggregate(
    contributions: Iterable[Contribution], *, min_units: int = MIN_UNITS, dominance: bool = True
) -> Aggregate:
    """Sum ``contributions`` and suppress by rules 1 to 4 (``dominance``: rule 3, for groups of organisations)."""
    contributions = list(contributions)
    units = frozenset(c.unit for c in contributions)
    if len(contributions) < min_units or not contributions:
        return Aggregate(units=len(contributions), published=False, reason="too_few", unit_ids=units)
    sums, largest = {}, {}
    for key in categories.all_keys():
        values = [int(c.figures.get(key, 0)) for c in contributions]
        sums[key] = sum(values)
        largest[key] = max(values)
    hidden = set()
    for key, total in sums.items():
        if total < MIN_CELL or (dominance and total - largest[key] < MIN_CELL):
            hidden.add(key)
    for scope in categories.SCOPES:
        _secondary(scope.code, sums, hidden)
    cells = {key: (None if key in hidden else value) for key, value in sums.items()}
    return Aggregate(units=len(contributions), published=True, cells=cells, unit_ids=units)


def _secondary(scope: str, sums: dict, hidden: set) -> None:
    parts = categories.partitions(scope)
    if categories.total_key(scope) in hidden:
        for _code, keys in parts:
            hidden.update(keys)
        return
    for _code, keys in parts:
        suppressed = [key for key in keys if key in hidden]
        if len(suppressed) == 1:
            shown = sorted((key for key in keys if key not in hidden), key=lambda key: (sums[key], key))
            if shown:
                hidden.add(shown[0])


def series(by_year: dict, *, min_units: int = MIN_UNITS, dominance: bool = True) -> dict:
    """{year: Aggregate} for one group, with rule 5 applied oldest first."""
    published_sets: list[frozenset] = []
    result = {}
    for year in sorted(by_year):
        result[year] = aggregate(by_year[year], min_units=min_units, dominance=dominance)
        current = result[year]
        if not current.published:
            continue
        if any(0 < len(current.unit_ids ^ earlier) < MIN_UNITS for earlier in published_sets):
            result[year] = Aggregate(
                units=current.units, published=False, reason="changed_set", unit_ids=current.unit_ids
            )
            continue
        published_sets.append(current.unit_ids)
    return result


def own(contribution: Contribution | None) -> Aggregate:
    """One organisation's own figures as its admins and the coordinators see them: small cells still hidden."""
    if contribution is None:
        return Aggregate(units=0, published=False, reason="too_few")
    return aggregate([contribution], min_units=1, dominance=False)
