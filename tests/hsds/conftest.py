"""HSDS test data and a validator built from the official HSDS 3.0 schemas in tests/hsds/schemas (README there)."""

import copy
import datetime
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests import factories

# An unmodified copy of the HSDS 3 schemas the tests need, with their licence (tests/hsds/schemas/README.md).
HSDS_DIR = Path(__file__).resolve().parent / "schemas"
# Public reference data that stays outside the repository; tests that read it skip when it is absent.
SHARED_DATA_DIR = Path(settings.BASE_DIR).parent / "shared" / "data"

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[3.70, 51.05], [3.72, 51.05], [3.72, 51.06], [3.70, 51.06], [3.70, 51.05]]],
}


def closed(schema):
    """The schema with ``additionalProperties: false`` on every object, as the specification's own check does."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "object" or "properties" in node:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def _format_checker():
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=list(Draft202012Validator.FORMAT_CHECKER.checkers))

    @checker.checks("uri")
    def is_uri(value):
        parts = urlsplit(value)
        return bool(parts.scheme and (parts.netloc or parts.path))

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        parsed = datetime.datetime.fromisoformat(value)
        return parsed.tzinfo is not None

    return checker


def hsds_validator(relative_path: str, *, pointer=()):
    """A Draft 2020-12 validator for one HSDS schema file (the files declare no ``$schema``), closed."""
    from jsonschema import Draft202012Validator

    schema = json.loads((HSDS_DIR / relative_path).read_text(encoding="utf-8"))
    for key in pointer:
        schema = schema[key]
    return Draft202012Validator(closed(schema), format_checker=_format_checker())


def errors(validator, record) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]


@pytest.fixture
def service_validator():
    return hsds_validator("compiled/service.json")


@pytest.fixture
def organization_validator():
    return hsds_validator("compiled/organization.json")


@pytest.fixture
def tabular_validators():
    """One validator per HSDS table, from ``compiled/tabular.json`` (the flat form of the data package)."""
    tabular = hsds_validator("compiled/tabular.json").schema
    from jsonschema import Draft202012Validator

    return {
        name: Draft202012Validator(definition["items"], format_checker=_format_checker())
        for name, definition in tabular["properties"].items()
    }


@pytest.fixture
def offer_landscape(db, partner_org, other_org):
    """Realistic published offer: neighbourhoods and movement circles, warm place, mobile work, fees, ages."""
    rabot = factories.neighbourhood(7)
    rabot.geometry = SQUARE
    rabot.save()
    brugse_poort = factories.neighbourhood(4)
    brugse_poort.geometry = None  # an area without an outline (every new database has Ghent's: migration 0004)
    brugse_poort.save()
    circle = factories.movement_circle(brugse_poort, rabot, name="Beweegcirkel West")
    partner_org.description = "Jeugdwerk in Rabot en Brugse Poort."
    partner_org.email = "info@debrug.example"
    partner_org.website = "https://debrug.example"
    partner_org.phone = "09 123 45 67"
    partner_org.save()
    warm = factories.offer(
        partner_org,
        title="Open huis",
        description="Spelen, praten, huiswerk.",
        functions_=("leisure", "welfare"),
        neighbourhoods=[rabot],
        is_warm_place=True,
        address="Wondelgemstraat 10, 9000 Gent",
        age_min=10,
        age_max=16,
        weekly_hours="6.5",
        schedule="Woensdag 14-18 uur, zaterdag 14-16.30 uur",
        languages="Nederlands, Arabisch en Turks",
        accessibility="Rolstoeltoegankelijk gelijkvloers",
    )
    mobile = factories.offer(
        other_org,
        title="Straathoekwerk",
        functions_=("bridge", "signal"),
        movement_circles=[circle],
        is_mobile=True,
        age_min=12,
        age_max=25,
        is_free=False,
        cost_description="2 euro per activiteit, vrijetijdspas geldt",
        starts_on=datetime.date(2025, 9, 1),
        ends_on=datetime.date(2027, 6, 30),
    )
    factories.offer(partner_org, title="Concept", status="draft")
    inactive = factories.organisation(name="Gestopte vzw", is_active=False)
    factories.offer(inactive, title="Van een gestopte organisatie")
    return {"warm": warm, "mobile": mobile, "circle": circle, "rabot": rabot}
