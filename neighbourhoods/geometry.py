"""Neighbourhood polygons: import from the city's GeoJSON and draw them as a server-side SVG map.

The map uses a simple equirectangular projection: x = longitude × cos(mean latitude), y = -latitude.
Over a city the size of Ghent that is indistinguishable from a proper projection.
"""

from __future__ import annotations

import contextlib
import json
import math
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from neighbourhoods.models import Neighbourhood


@dataclass
class GeometryReport:
    matched: list[str] = field(default_factory=list)
    unmatched_features: list[str] = field(default_factory=list)
    neighbourhoods_without_geometry: list[str] = field(default_factory=list)


class BadGeoJSON(ValueError):
    pass


def _polygons(geometry: dict) -> list:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    raise BadGeoJSON(f"unsupported geometry type {geometry.get('type')!r}")


def neighbourhood_geometry_import(*, data: dict | str | bytes) -> GeometryReport:
    """Store each feature's geometry on the neighbourhood with the same ``wijknr`` (or else ``wijk`` name)."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise BadGeoJSON("not valid JSON") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise BadGeoJSON("not a GeoJSON FeatureCollection")
    neighbourhoods = list(Neighbourhood.objects.all())
    by_number = {n.number: n for n in neighbourhoods}
    by_name = {slugify(n.name): n for n in neighbourhoods}
    report = GeometryReport()
    updates = {}
    for index, feature in enumerate(data.get("features") or [], start=1):
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        label = str(props.get("wijk") or props.get("wijknr") or f"feature {index}")
        try:
            _polygons(geometry)
        except (BadGeoJSON, KeyError):
            report.unmatched_features.append(f"{label} (no polygon)")
            continue
        match = None
        with contextlib.suppress(TypeError, ValueError):
            match = by_number.get(int(props.get("wijknr")))
        if match is None and props.get("wijk"):
            match = by_name.get(slugify(str(props["wijk"])))
        if match is None:
            report.unmatched_features.append(label)
            continue
        updates[match.pk] = (match, {"type": geometry["type"], "coordinates": geometry["coordinates"]})
    with transaction.atomic():
        for neighbourhood, geometry in updates.values():
            neighbourhood.geometry = geometry
            neighbourhood.version += 1
            neighbourhood.save(update_fields=["geometry", "version"])
            report.matched.append(neighbourhood.name)
    report.neighbourhoods_without_geometry = [n.name for n in neighbourhoods if n.pk not in updates and not n.geometry]
    return report


@dataclass(frozen=True)
class MapShape:
    key: tuple
    label: str
    path: str
    status: str
    url: str
    label_x: float
    label_y: float


def svg_map(items: list[tuple], width: float = 600) -> tuple[list[MapShape], float, float]:
    """Project ``(key, label, geometry, status, url)`` items into SVG paths; returns shapes, width and height."""
    rings = []
    for key, label, geometry, status, url in items:
        if not geometry:
            continue
        try:
            polygons = _polygons(geometry)
        except (BadGeoJSON, KeyError):
            continue
        rings.append((key, label, status, url, polygons))
    if not rings:
        return [], width, 0
    lats = [pt[1] for *_, polygons in rings for poly in polygons for ring in poly for pt in ring]
    lons = [pt[0] for *_, polygons in rings for poly in polygons for ring in poly for pt in ring]
    factor = math.cos(math.radians((min(lats) + max(lats)) / 2))
    min_x, max_x = min(lons) * factor, max(lons) * factor
    min_y, max_y = -max(lats), -min(lats)
    scale = width / ((max_x - min_x) or 1)
    height = (max_y - min_y) * scale

    def point(lon, lat):
        return round((lon * factor - min_x) * scale, 1), round((-lat - min_y) * scale, 1)

    shapes = []
    for key, label, status, url, polygons in rings:
        parts, xs, ys = [], [], []
        for poly in polygons:
            for ring in poly:
                pts = [point(lon, lat) for lon, lat, *_ in ring]
                xs += [p[0] for p in pts]
                ys += [p[1] for p in pts]
                parts.append("M" + " L".join(f"{x} {y}" for x, y in pts) + " Z")
        shapes.append(
            MapShape(key, label, " ".join(parts), status, url, round(sum(xs) / len(xs), 1), round(sum(ys) / len(ys), 1))
        )
    return shapes, width, round(height, 1)
