"""City admins load or replace the neighbourhoods' outlines from a GeoJSON file: checked, previewed, confirmed."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from neighbourhoods.models import Neighbourhood
from offers.nearby import near_ids
from tests import factories
from tests.conftest import _client_for

pytestmark = pytest.mark.django_db

URL = "/wijken/omtrekken/"
GHENT = Path(__file__).resolve().parents[2] / "neighbourhoods" / "data" / "stadswijken-gent.geojson"
SQUARE = [[[3.70, 51.05], [3.71, 51.05], [3.71, 51.06], [3.70, 51.06], [3.70, 51.05]]]


def _feature(properties, geometry=None):
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": geometry or {"type": "Polygon", "coordinates": SQUARE},
    }


def _polygon(ring):
    return {"type": "Polygon", "coordinates": [ring]}


def _file(content, name="wijken.geojson"):
    if not isinstance(content, bytes):
        content = json.dumps(content).encode()
    return SimpleUploadedFile(name, content, content_type="application/geo+json")


def _collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def _outlines():
    return dict(Neighbourhood.objects.values_list("number", "geometry"))


def _problems(response) -> str:
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


def test_a_good_file_is_previewed_and_changes_nothing_until_confirmed(city_admin_client, city_admin):
    before = _outlines()
    data = json.loads(GHENT.read_bytes())
    brugse_poort = next(f for f in data["features"] if f["properties"]["wijknr"] == 7)
    brugse_poort["geometry"] = {"type": "MultiPolygon", "coordinates": [SQUARE]}
    data["features"] = [f for f in data["features"] if f["properties"]["wijknr"] != 25]
    data["features"].append(_feature({"wijknr": 99, "wijk": "Elders"}))
    response = city_admin_client.post(URL, {"file": _file(data)})
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.match_by == "wijknr"
    assert len(plan.matched) == 24
    assert plan.unmatched == ["feature 25 (99 Elders)"]
    assert [area.number for area in plan.untouched] == [25]
    body = response.content.decode()
    assert "24 neighbourhoods get these outlines" in body
    assert "1 feature matches no neighbourhood and is left out" in body
    assert "1 neighbourhood is not in the file and stays as it is" in body
    assert body.count('<path d="M') == 24  # the preview map of the new outlines
    assert _outlines() == before  # a preview stores nothing

    token = response.context["confirm"]["token"].value()
    stored = city_admin_client.post(URL, {"token": token})
    assert stored.status_code == 302 and stored.url == reverse("neighbourhoods:review")
    after = _outlines()
    assert after[7] == {"type": "MultiPolygon", "coordinates": [SQUARE]}
    assert after[25] == before[25]  # not in the file: kept
    assert after[1] == before[1]
    brugse = factories.neighbourhood(7)
    assert brugse.version == 2 and brugse.history.count() >= 1
    # The same token cannot store twice.
    again = city_admin_client.post(URL, {"token": token})
    assert again.status_code == 400
    assert "Upload it again" in again.content.decode()


def test_names_match_when_numbers_are_missing(city_admin_client):
    data = _collection(_feature({"NAAM": "brugse poort rooigem"}), _feature({"NAAM": "Sluizeken – Tolhuis – Ham"}))
    response = city_admin_client.post(URL, {"file": _file(data)})
    plan = response.context["plan"]
    assert plan.match_by == "NAAM"
    assert sorted(area.number for _label, area in plan.matched) == [2, 4]


def test_the_maps_and_the_near_filter_follow_the_new_outlines(city_admin_client, client):
    binnenstad = factories.neighbourhood(1)
    assert len(near_ids(binnenstad.pk)) > 1
    far_away = [[[4.50, 50.50], [4.51, 50.50], [4.51, 50.51], [4.50, 50.50]]]
    data = _collection(_feature({"wijknr": 1}, {"type": "Polygon", "coordinates": far_away}))
    token = city_admin_client.post(URL, {"file": _file(data)}).context["confirm"]["token"].value()
    city_admin_client.post(URL, {"token": token})
    assert near_ids(binnenstad.pk) == [binnenstad.pk]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"type": "FeatureCollection", "features": [', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not a text file in UTF-8"),
        ({"type": "Feature", "properties": {}, "geometry": None}, "not a GeoJSON FeatureCollection"),
        ({"type": "FeatureCollection", "features": []}, "holds no features"),
        (
            _collection(_feature({"wijknr": 7}, {"type": "LineString", "coordinates": [[3.7, 51.0], [3.8, 51.1]]})),
            "a LineString, not a Polygon or MultiPolygon",
        ),
        (_collection(_feature({"wijknr": 7}, {"type": "Point", "coordinates": [3.7, 51.0]})), "a Point"),
        (
            _collection(_feature({"wijknr": 7}, {"type": "Polygon", "coordinates": [[[3.7, 51.0], [3.8, 51.1]]]})),
            "at least four positions",
        ),
        (
            _collection(_feature({"wijknr": 7}, _polygon([[370, 51], [3.8, 51], [3.8, 52], [370, 51]]))),
            "not a longitude and latitude",
        ),
        (
            _collection(_feature({"wijknr": 7}, _polygon([[3.7, 51], [3.8, 51], [3.8, 52], [3.9, 52]]))),
            "does not end where it starts",
        ),
        (_collection(_feature({"wijknr": 97}), _feature({"wijk": "Atlantis"})), "No property of the features"),
        (_collection(_feature({"wijknr": 7}), _feature({"wijknr": "07"})), "are both for Rabot - Blaisantvest"),
    ],
    ids=["malformed", "binary", "one-feature", "empty", "line", "point", "short-ring", "out-of-range", "open-ring",
         "unmatched", "twice"],
)  # fmt: skip
def test_a_bad_file_is_refused_with_its_problems_and_changes_nothing(city_admin_client, content, message):
    before = _outlines()
    response = city_admin_client.post(URL, {"file": _file(content)})
    assert response.status_code == 400
    assert message in _problems(response)
    assert response.context["plan"] is None
    assert "error-summary" in response.content.decode()
    assert _outlines() == before


def test_a_named_property_that_matches_nothing_is_refused(city_admin_client):
    data = _collection(_feature({"wijknr": 7, "code": "X1"}))
    response = city_admin_client.post(URL, {"file": _file(data), "match_by": "code"})
    assert response.status_code == 400
    assert "No feature's “code” is the number or the name of a neighbourhood" in _problems(response)
    missing = city_admin_client.post(URL, {"file": _file(data), "match_by": "gemeente"})
    assert "No feature has a property “gemeente”" in _problems(missing)


def test_a_file_too_large_or_of_another_kind_is_refused(city_admin_client):
    # Within the portal's upload limit (10 MB), an outline file may have 5 MB; a larger request is refused before
    # anything is read (charter_portal/request_limits.py).
    with override_settings(UPLOAD_MAX_BYTES=10_000_000):
        big = city_admin_client.post(URL, {"file": _file(b" " * 5_000_001)})
    assert big.status_code == 400 and "larger than 5 MB" in _problems(big)
    other = city_admin_client.post(URL, {"file": _file(_collection(_feature({"wijknr": 7})), name="wijken.csv")})
    assert other.status_code == 400 and "Upload a .geojson or .json file" in _problems(other)


def test_a_token_of_another_admin_stores_nothing(city_admin_client, city_org):
    before = _outlines()
    token = (
        city_admin_client.post(URL, {"file": _file(_collection(_feature({"wijknr": 7})))})
        .context["confirm"]["token"]
        .value()
    )
    other = factories.admin_of(city_org, email="tweede@stad.example", full_name="Tweede Admin")
    response = _client_for(Client, other).post(URL, {"token": token})
    assert response.status_code == 400
    assert _outlines() == before


def test_partners_and_visitors_cannot_upload(client, member_client):
    before = _outlines()
    data = _collection(_feature({"wijknr": 7}))
    assert member_client.post(URL, {"file": _file(data)}).status_code == 403
    assert client.post(URL, {"file": _file(data)}).status_code == 302
    assert _outlines() == before
