"""Ghent's 25 wijk outlines from the repository's copy of the city's open data (neighbourhoods/data/README.md).

Every new database, and so ``make run``, has the coverage map and the directory map at once. A neighbourhood
that already has an outline (loaded with ``import_neighbourhood_geometry``) keeps it.
"""

import json
from pathlib import Path

from django.db import migrations

OUTLINES = Path(__file__).resolve().parent.parent / "data" / "stadswijken-gent.geojson"


def load(apps, schema_editor):
    Neighbourhood = apps.get_model("neighbourhoods", "Neighbourhood")
    features = json.loads(OUTLINES.read_text(encoding="utf-8"))["features"]
    by_number = {feature["properties"]["wijknr"]: feature["geometry"] for feature in features}
    for neighbourhood in Neighbourhood.objects.filter(number__in=by_number, geometry__isnull=True):
        neighbourhood.geometry = by_number[neighbourhood.number]
        neighbourhood.save(update_fields=["geometry"])


class Migration(migrations.Migration):
    dependencies = [("neighbourhoods", "0003_indicators_priority_snapshots")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
