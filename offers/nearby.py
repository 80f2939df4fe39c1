"""Which neighbourhoods border each other, computed once from their outlines (the "near" filter).

Two neighbourhoods are neighbours when a corner of one lies within ``TOUCH_METRES`` of a corner of the other:
outlines simplified for the web (neighbourhoods/data/README.md) no longer share their borders exactly, and
a border shared over a stretch always has corners this close. Corners are compared on a grid of that size,
so the work grows with the number of corners, not with its square.
"""

import math
from collections import defaultdict

from charter_portal import caching
from neighbourhoods.models import Neighbourhood

TOUCH_METRES = 60
METRES_PER_DEGREE = 111_320


def _corners(geometry):
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    for polygon in polygons:
        for ring in polygon:
            for lon, lat, *_ in ring:
                yield lon, lat


def neighbours_from_outlines(outlines: dict[int, dict]) -> dict[int, set[int]]:
    """``{id: geometry}`` in WGS84 to ``{id: ids of the neighbours}``."""
    cell = TOUCH_METRES / METRES_PER_DEGREE
    grid = defaultdict(set)
    points = []
    for key, geometry in outlines.items():
        for lon, lat in _corners(geometry or {}):
            x, y = lon * math.cos(math.radians(lat)) / cell, lat / cell
            points.append((key, x, y))
            grid[(int(x), int(y))].add(key)
    result = {key: set() for key in outlines}
    for key, x, y in points:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                result[key] |= grid.get((int(x) + dx, int(y) + dy), set())
    for key in result:
        result[key].discard(key)
    return result


def neighbour_ids() -> dict[int, set[int]]:
    """The neighbours of every neighbourhood, kept until the neighbourhoods change."""

    def compute():
        rows = Neighbourhood.objects.filter(geometry__isnull=False).values_list("pk", "geometry")
        return neighbours_from_outlines(dict(rows))

    return caching.kept(("neighbourhoods",), ("offers.neighbours",), compute)


def near_ids(neighbourhood_id: int) -> list[int]:
    """The neighbourhood and its neighbours."""
    return sorted({neighbourhood_id} | neighbour_ids().get(neighbourhood_id, set()))
