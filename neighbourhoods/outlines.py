"""Reading a GeoJSON file of neighbourhood outlines that a city admin uploads, before anything is stored.

``read_outlines(content, neighbourhoods, match_by="")`` checks the whole file and returns an ``OutlinePlan``:
which feature goes to which neighbourhood, the features that match none and the neighbourhoods the file
leaves as they are. It raises ``BadOutlines`` with every problem, in the reader's language, when the file
cannot be used at all: not JSON, not a FeatureCollection, no features, a geometry that is not a
Polygon or MultiPolygon (or has no valid rings of longitude and latitude), no property that names a
neighbourhood, two features for one neighbourhood. Nothing here touches the database.

Features are matched by one property, the same for every feature: its value is a neighbourhood's number
(``wijknr`` in Ghent's open data) or its name (``wijk``), compared without case, accents and punctuation.
Without ``match_by`` the property that matches the most neighbourhoods is taken.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

MAX_PROBLEMS = 10


class BadOutlines(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Area:
    """What the reader needs to know of a neighbourhood."""

    pk: int
    number: int
    name: str
    has_outline: bool


@dataclass
class OutlinePlan:
    match_by: str
    matched: list[tuple[str, Area]] = field(default_factory=list)  # (feature label, neighbourhood)
    unmatched: list[str] = field(default_factory=list)  # feature labels
    untouched: list[Area] = field(default_factory=list)  # neighbourhoods the file does not name
    geometries: dict[int, dict] = field(default_factory=dict)  # neighbourhood id -> geometry

    @property
    def ok(self) -> bool:
        return bool(self.matched)


def _key(value) -> str:
    return slugify(str(value)) if value is not None else ""


def _is_position(position) -> bool:
    if not isinstance(position, list) or len(position) < 2:
        return False
    lon, lat = position[0], position[1]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (lon, lat)):
        return False
    return -180 <= lon <= 180 and -90 <= lat <= 90


def _ring_problem(ring) -> str | None:
    if not isinstance(ring, list) or len(ring) < 4:
        return _("a ring needs at least four positions")
    if not all(_is_position(position) for position in ring):
        return _("a position is not a longitude and latitude in degrees")
    if ring[0][:2] != ring[-1][:2]:
        return _("a ring does not end where it starts")
    return None


def _geometry_problem(geometry) -> str | None:
    if not isinstance(geometry, dict):
        return _("it has no geometry")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon"):
        return _("its geometry is a %(kind)s, not a Polygon or MultiPolygon") % {"kind": kind or _("nothing")}
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        return _("its coordinates are not a list of rings")
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return _("its coordinates are not a list of rings")
        for ring in polygon:
            problem = _ring_problem(ring)
            if problem:
                return problem
    return None


def _label(index: int, properties: dict, match_by: str) -> str:
    value = properties.get(match_by) if match_by else None
    for name in ("wijk", "name", "naam"):
        if properties.get(name) not in (None, "") and name != match_by:
            value = f"{value} {properties[name]}" if value not in (None, "") else properties[name]
            break
    return _("feature %(number)s") % {"number": index} + (f" ({value})" if value not in (None, "") else "")


def _finder(areas: list[Area]):
    by_number = {str(area.number): area for area in areas}
    by_name = {_key(area.name): area for area in areas}

    def find(value) -> Area | None:
        if value is None or isinstance(value, bool | dict | list):
            return None
        text = str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        return by_number.get(text.lstrip("0") or "0") or by_name.get(_key(text))

    return find


def _best_property(features: list[dict], find) -> str:
    """The property whose values name the most neighbourhoods ("" when none names any); of two that name as
    many, the one holding numbers (a number is less ambiguous than a name)."""
    scores: dict[str, set] = {}
    numbers: dict[str, int] = {}
    for feature in features:
        for name, value in feature["properties"].items():
            area = find(value)
            if area is not None:
                scores.setdefault(name, set()).add(area.pk)
                numbers[name] = numbers.get(name, 0) + (str(value).strip().lstrip("0") == str(area.number))
    if not scores:
        return ""
    return max(sorted(scores), key=lambda name: (len(scores[name]), numbers[name]))


def _parse(content: bytes) -> list[dict]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BadOutlines([_("The file is not a text file in UTF-8: upload a GeoJSON file.")]) from None
    except ValueError as exc:
        raise BadOutlines(
            [_("The file is not valid JSON (line %(line)s): upload a GeoJSON file.") % {"line": exc.lineno}]
        ) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise BadOutlines([_("The file is JSON but not a GeoJSON FeatureCollection.")])
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise BadOutlines([_("The file holds no features.")])
    problems, result = [], []
    for index, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(_("Feature %(number)s is not a GeoJSON Feature.") % {"number": index})
            continue
        properties = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        problem = _geometry_problem(feature.get("geometry"))
        if problem:
            label = _label(index, properties, "")
            problems.append(
                _("%(feature)s: %(problem)s.") % {"feature": label[:1].upper() + label[1:], "problem": problem}
            )
            continue
        result.append({"index": index, "properties": properties, "geometry": feature["geometry"]})
    if problems:
        raise BadOutlines(_capped(problems))
    return result


def _capped(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], _("and %(count)s more problems like these.") % {"count": more}]


def read_outlines(content: bytes, areas: list[Area], match_by: str = "") -> OutlinePlan:
    """Check an uploaded GeoJSON file against the neighbourhoods (see the module docstring)."""
    features = _parse(content)
    find = _finder(areas)
    match_by = (match_by or "").strip()
    if match_by and not any(match_by in feature["properties"] for feature in features):
        raise BadOutlines([_("No feature has a property “%(name)s”.") % {"name": match_by}])
    match_by = match_by or _best_property(features, find)
    if not match_by:
        raise BadOutlines([_("No property of the features holds the number or the name of one of the neighbourhoods.")])
    plan = OutlinePlan(match_by=match_by)
    first_feature: dict[int, str] = {}
    problems = []
    for feature in features:
        label = _label(feature["index"], feature["properties"], match_by)
        area = find(feature["properties"].get(match_by))
        if area is None:
            plan.unmatched.append(label)
            continue
        if area.pk in first_feature:
            problems.append(
                _("%(first)s and %(second)s are both for %(name)s: keep one.")
                % {"first": first_feature[area.pk], "second": label, "name": area.name}
            )
            continue
        first_feature[area.pk] = label
        plan.matched.append((label, area))
        geometry = feature["geometry"]
        plan.geometries[area.pk] = {"type": geometry["type"], "coordinates": geometry["coordinates"]}
    if problems:
        raise BadOutlines(_capped(problems))
    if not plan.matched:
        raise BadOutlines(
            [_("No feature's “%(name)s” is the number or the name of a neighbourhood.") % {"name": match_by}]
        )
    plan.untouched = [area for area in areas if area.pk not in plan.geometries]
    return plan
