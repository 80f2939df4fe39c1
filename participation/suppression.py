"""Small-number suppression (R12): no figure about young people below 5 is shown, and no total gives one away.

Figures live in a table of cells keyed by anything hashable. A **line** is a total and the cells it adds up
(``total = sum(cells) + residue``); the residue is what the total holds beyond its cells (a city-wide total holds
the moments that name no neighbourhood, which no neighbourhood cell shows).

1. **Primary**: every cell and total from 1 to 4 is suppressed (shown as "fewer than 5"). A 0 is treated as
   known (an absent theme shows it), so it never hides anything.
2. **Secondary**: a line with exactly one hidden member (its total or one cell) gives that member away by
   subtraction, even when it is 5 or more (it could then be subtracted elsewhere). So a second member is hidden:
   the smallest shown cell of the line (the total when no cell is left). A positive residue below 5 with nothing
   hidden on the line is given away the same way. A negative residue (a moment that counts in several
   neighbourhoods) makes the subtraction inexact. A figure hidden this way is shown as "not shown".
3. Repeat over every line until nothing changes, so that a cell suppressed on one line is protected on all of
   its lines (a neighbourhood's theme cell is on its neighbourhood's line, its theme's line and its year's line).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

THRESHOLD = 5


@dataclass(frozen=True)
class Line:
    total: Hashable
    cells: tuple


def is_small(value: int) -> bool:
    return 0 < value < THRESHOLD


def suppress(values: Mapping[Hashable, int], lines: Iterable[Line]) -> frozenset:
    """The keys of ``values`` that must not be shown (primary and secondary suppression)."""
    lines = list(lines)
    hidden = {key for key, value in values.items() if is_small(value)}
    changed = True
    while changed:
        changed = False
        for line in lines:
            total = values.get(line.total, 0)
            residue = total - sum(values.get(cell, 0) for cell in line.cells)
            if residue < 0:
                continue
            unknown = [key for key in (line.total, *line.cells) if key in hidden]
            if residue > 0:
                if unknown or not is_small(residue):
                    continue
            elif len(unknown) != 1:
                continue
            shown = [cell for cell in line.cells if cell not in hidden and values.get(cell, 0) > 0]
            if shown:
                hidden.add(min(shown, key=lambda cell: (values[cell], repr(cell))))
            elif line.total not in hidden:
                hidden.add(line.total)
            else:
                continue
            changed = True
    return frozenset(hidden)
