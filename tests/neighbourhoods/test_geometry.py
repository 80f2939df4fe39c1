import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from neighbourhoods.geometry import svg_map
from neighbourhoods.models import Neighbourhood

pytestmark = pytest.mark.django_db
SHARED_GEOJSON = Path(settings.BASE_DIR).parent / "shared" / "data" / "stadswijken-gent.geojson"


def square(lon, lat, size=0.01):
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.mark.usefixtures("without_outlines")
def test_it_imports_geometry_by_number_or_name_and_reports_the_rest(tmp_path):
    data = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"wijknr": 7, "wijk": "Rabot"}, "geometry": square(3.70, 51.06)},
            {"type": "Feature", "properties": {"wijk": "Bloemekenswijk"}, "geometry": square(3.71, 51.07)},
            {"type": "Feature", "properties": {"wijknr": 99, "wijk": "Atlantis"}, "geometry": square(3.0, 51.0)},
        ],
    }
    path = tmp_path / "wijken.geojson"
    path.write_text(json.dumps(data))
    out = io.StringIO()
    call_command("import_neighbourhood_geometry", str(path), stdout=out)
    assert Neighbourhood.objects.get(number=7).geometry == square(3.70, 51.06)
    assert Neighbourhood.objects.get(number=9).geometry["type"] == "Polygon"
    assert "Matched 2 neighbourhoods" in out.getvalue()
    assert "Not matched: Atlantis" in out.getvalue()
    assert "Still without geometry: Binnenstad" in out.getvalue()


@pytest.mark.usefixtures("without_outlines")
def test_it_refuses_a_file_that_is_not_geojson(tmp_path):
    path = tmp_path / "x.geojson"
    path.write_text('{"type": "Point"}')
    with pytest.raises(CommandError, match="FeatureCollection"):
        call_command("import_neighbourhood_geometry", str(path))
    assert not Neighbourhood.objects.filter(geometry__isnull=False).exists()


@pytest.mark.skipif(not SHARED_GEOJSON.exists(), reason=f"{SHARED_GEOJSON} is not present (shared data folder absent)")
def test_it_imports_the_city_open_data_file():
    out = io.StringIO()
    call_command("import_neighbourhood_geometry", str(SHARED_GEOJSON), stdout=out)
    assert "Matched 25 neighbourhoods" in out.getvalue()
    assert "Not matched" not in out.getvalue()
    assert not Neighbourhood.objects.filter(geometry__isnull=True).exists()
    rows = [(n.pk, n.name, n.geometry, "meets", "#") for n in Neighbourhood.objects.all()]
    shapes, width, height = svg_map(rows)
    assert len(shapes) == 25
    assert 0 < height < 2 * width  # Ghent is a bit taller than wide once longitudes are scaled by cos(latitude)


def test_it_projects_with_the_cosine_of_the_latitude():
    shapes, width, height = svg_map([(1, "a", square(3.7, 51.0, 0.1), "meets", "#")], width=100)
    # A 0.1° square at 51° is about cos(51°) ≈ 0.63 as wide as it is tall.
    assert height == pytest.approx(100 / 0.629, rel=0.01)
    assert shapes[0].path.startswith("M0.0 ")


def test_a_new_database_has_the_outlines_of_the_25_wijken():
    outlined = Neighbourhood.objects.filter(number__lte=25, geometry__isnull=False)
    assert outlined.count() == 25
    assert {n.geometry["type"] for n in outlined} == {"Polygon"}


def test_the_shipped_outlines_draw_a_map_of_every_wijk():
    rows = [(n.pk, n.name, n.geometry, "meets", "#") for n in Neighbourhood.objects.all()]
    shapes, width, height = svg_map(rows)
    assert len(shapes) == 25
    assert 0 < height < 2 * width


def test_the_shipped_outlines_name_their_source_and_licence():
    folder = Path(settings.BASE_DIR) / "neighbourhoods" / "data"
    note = (folder / "README.md").read_text()
    assert "Stad Gent" in note and "Modellicentie Gratis Hergebruik" in note
    assert (folder / "stadswijken-gent.geojson").stat().st_size < 40_000
