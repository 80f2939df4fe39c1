import json
import uuid

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import translation

from offers import hsds
from tests import factories
from tests.hsds.conftest import errors

pytestmark = pytest.mark.django_db

TODAY = "2026-03-02 12:00 +01:00"


def _services():
    terms = hsds.terms_by_code()
    return {s["name"]: s for s in (hsds.service(o, terms=terms) for o in hsds.hsds_offers())}


@time_machine.travel(TODAY, tick=False)
def test_it_exports_only_published_offers_of_active_organisations(offer_landscape):
    assert sorted(_services()) == ["Open huis", "Straathoekwerk"]


@time_machine.travel(TODAY, tick=False)
def test_it_validates_every_service_against_the_hsds_schema(offer_landscape, service_validator):
    services = _services()
    for service in services.values():
        assert errors(service_validator, service) == []
    assert services  # the loop above really ran


@time_machine.travel(TODAY, tick=False)
def test_it_validates_every_organisation_against_the_hsds_schema(offer_landscape, organization_validator):
    records = [hsds.organization(o) for o in hsds.hsds_organisations()]
    assert len(records) == 2
    for record in records:
        assert errors(organization_validator, record) == []


@time_machine.travel(TODAY, tick=False)
def test_it_validates_the_english_export_too(offer_landscape, service_validator):
    with translation.override("en"):
        service = _services()["Open huis"]
    assert errors(service_validator, service) == []
    assert service["attributes"][0]["taxonomy_term"]["language"] == "en"


@time_machine.travel(TODAY, tick=False)
def test_it_sees_the_validator_fail_on_a_broken_record(offer_landscape, service_validator, organization_validator):
    service = _services()["Open huis"]
    without_name = {k: v for k, v in service.items() if k != "name"}
    assert any("'name' is a required property" in e for e in errors(service_validator, without_name))
    unknown_field = {**service, "opening_hours": "always"}
    assert any("Additional properties" in e for e in errors(service_validator, unknown_field))
    nested_unknown = json.loads(json.dumps(service))
    nested_unknown["service_areas"][0]["polygon"] = "x"
    assert any(e.startswith("service_areas/0") for e in errors(service_validator, nested_unknown))
    bad_status = {**service, "status": "published"}
    assert errors(service_validator, bad_status)
    bad_id = {**service["organization"], "id": "not-a-uuid"}
    assert errors(organization_validator, bad_id)


@time_machine.travel(TODAY, tick=False)
def test_it_maps_the_offer_onto_hsds_fields(offer_landscape):
    warm = offer_landscape["warm"]
    service = _services()["Open huis"]
    assert service["id"] == str(warm.uuid)
    assert service["status"] == "active"
    assert (service["minimum_age"], service["maximum_age"]) == (10, 16)
    assert service["cost_options"][0]["amount"] == 0
    assert service["organization"]["phones"][0]["number"] == "09 123 45 67"
    assert [lang["name"] for lang in service["languages"]] == ["Nederlands", "Arabisch", "Turks"]
    schedule = service["schedules"][0]
    assert schedule["description"] == "Woensdag 14-18 uur, zaterdag 14-16.30 uur"
    assert "6.5" in schedule["notes"]
    address = service["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["address_1"], address["postal_code"], address["city"], address["country"]) == (
        "Wondelgemstraat 10",
        "9000",
        "Gent",
        "BE",
    )
    assert [a["taxonomy_term"]["code"] for a in service["attributes"]] == ["leisure", "welfare", "warm_place"]
    area = service["service_areas"][0]
    assert area["name"] == "Rabot - Blaisantvest"
    assert json.loads(area["extent"]) == offer_landscape["rabot"].geometry
    assert area["extent_type"] == "geojson"


@time_machine.travel(TODAY, tick=False)
def test_it_maps_mobile_paid_offers_in_a_movement_circle(offer_landscape):
    service = _services()["Straathoekwerk"]
    assert "service_at_locations" not in service
    assert service["fees_description"] == "2 euro per activiteit, vrijetijdspas geldt"
    assert "amount" not in service["cost_options"][0]
    assert [a["taxonomy_term"]["code"] for a in service["attributes"]] == ["bridge", "signal", "mobile_outreach"]
    (area,) = service["service_areas"]
    assert area["name"] == "Beweegcirkel West"
    assert "Brugse Poort - Rooigem" in area["description"]
    # Brugse Poort has no geometry: no partial extent for the circle.
    assert "extent" not in area
    assert service["schedules"][0]["valid_from"] == "2025-09-01"


def test_it_marks_offers_outside_their_period_as_inactive(partner_org):
    import datetime

    offer = factories.offer(partner_org, starts_on=datetime.date(2026, 5, 1))
    assert hsds.service_status(offer, datetime.date(2026, 3, 1)) == "inactive"
    assert hsds.service_status(offer, datetime.date(2026, 5, 1)) == "active"


def test_it_gives_a_circle_the_extent_of_all_its_neighbourhoods(partner_org):
    from tests.hsds.conftest import SQUARE

    a, b = factories.neighbourhood(2), factories.neighbourhood(10)
    for n in (a, b):
        n.geometry = SQUARE
        n.save()
    circle = factories.movement_circle(a, b)
    offer = factories.offer(partner_org, movement_circles=[circle])
    (area,) = hsds.service_areas(hsds.hsds_offers().get(pk=offer.pk))
    extent = json.loads(area["extent"])
    assert extent["type"] == "MultiPolygon"
    assert len(extent["coordinates"]) == 2


def test_it_derives_the_same_identifiers_in_every_export(offer_landscape):
    first = hsds.export_tables(
        offers=hsds.hsds_offers(), organisations=hsds.hsds_organisations(), terms=hsds.terms_by_code()
    )
    second = hsds.export_tables(
        offers=hsds.hsds_offers(), organisations=hsds.hsds_organisations(), terms=hsds.terms_by_code()
    )
    for table, rows in first.rows.items():
        assert [r["id"] for r in rows] == [r["id"] for r in second.rows[table]], table
    # The documented derivation: uuid5 of the fixed namespace and "<kind>:<key>".
    expected = uuid.uuid5(hsds.HSDS_NAMESPACE, "taxonomy_term:warm_place")
    assert hsds.term_id("warm_place") == str(expected)
    assert hsds.organisation_id(offer_landscape["warm"].organisation) == str(
        uuid.uuid5(hsds.HSDS_NAMESPACE, f"organization:{offer_landscape['warm'].organisation_id}")
    )


def test_it_gives_every_record_a_unique_identifier(offer_landscape):
    tables = hsds.export_tables(
        offers=hsds.hsds_offers(), organisations=hsds.hsds_organisations(), terms=hsds.terms_by_code()
    )
    for table, rows in tables.rows.items():
        ids = [r["id"] for r in rows]
        assert len(ids) == len(set(ids)), table
        for value in ids:
            uuid.UUID(value)


def test_it_shares_one_location_between_offers_at_the_same_address(partner_org):
    factories.offer(partner_org, title="A", address="Kerkstraat 1, 9050 Gentbrugge")
    factories.offer(partner_org, title="B", address="kerkstraat 1,  9050 Gentbrugge")
    tables = hsds.export_tables(offers=hsds.hsds_offers(), organisations=hsds.hsds_organisations(), terms={})
    assert len(tables.rows["location"]) == 1
    assert len(tables.rows["service_at_location"]) == 2
    assert tables.rows["address"][0]["city"] == "Gentbrugge"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wondelgemstraat 10, 9000 Gent", ("Wondelgemstraat 10", "9000", "Gent")),
        ("Sleepstraat 1 9000 Gent", ("Sleepstraat 1", "9000", "Gent")),
        ("Op het pleintje", ("Op het pleintje", "", "Gent")),
    ],
)
def test_it_splits_one_line_addresses(text, expected):
    parts = hsds.split_address(text)
    assert (parts["address_1"], parts["postal_code"], parts["city"]) == expected


@time_machine.travel(TODAY, tick=False)
def test_it_writes_the_data_package(offer_landscape, tmp_path, tabular_validators):
    target = tmp_path / "package"
    call_command("export_hsds", str(target), stdout=open("/dev/null", "w"))  # noqa: SIM115
    package = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    assert package["hsds_version"] == "3.0"
    assert package["licenses"][0]["name"]
    names = {resource["name"]: resource for resource in package["resources"]}
    for expected in ("organization", "service", "location", "service_at_location", "service_area", "taxonomy"):
        assert expected in names
    for name, resource in names.items():
        rows = json.loads((target / resource["path"]).read_text(encoding="utf-8"))
        assert len(rows) == resource["count"]
        for row in rows:
            assert errors(tabular_validators[name], row) == [], (name, row)
    services = json.loads((target / "services.json").read_text(encoding="utf-8"))
    assert sorted(s["name"] for s in services) == ["Open huis", "Straathoekwerk"]
    terms = json.loads((target / "taxonomy_terms.json").read_text(encoding="utf-8"))
    assert {t["code"] for t in terms} >= {"leisure", "welfare", "bridge", "signal", "warm_place", "mobile_outreach"}
    attributes = json.loads((target / "attributes.json").read_text(encoding="utf-8"))
    term_ids = {t["id"] for t in terms}
    assert attributes and all(a["taxonomy_term_id"] in term_ids for a in attributes)


def test_it_refuses_a_directory_it_cannot_write(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(CommandError, match="Cannot create the directory"):
        call_command("export_hsds", str(blocker / "sub"))


def test_it_refuses_an_unknown_language(tmp_path):
    with pytest.raises(CommandError, match="Unknown language"):
        call_command("export_hsds", str(tmp_path), "--language", "fr")


def test_it_validates_services_with_the_real_ghent_neighbourhood_polygons(partner_org, service_validator):
    from tests.hsds.conftest import SHARED_DATA_DIR

    source = SHARED_DATA_DIR / "stadswijken-gent.geojson"
    if not source.exists():
        pytest.skip(f"The Ghent neighbourhood polygons are not available at {source}.")
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    geometries = {int(f["properties"]["wijknr"]): f["geometry"] for f in features}
    for number in (4, 7, 9):
        neighbourhood = factories.neighbourhood(number)
        neighbourhood.geometry = geometries[number]
        neighbourhood.save()
    circle = factories.movement_circle(*(factories.neighbourhood(n) for n in (4, 7, 9)), name="Beweegcirkel West")
    factories.offer(partner_org, neighbourhoods=[factories.neighbourhood(7)], movement_circles=[circle])
    (service,) = _services().values()
    assert errors(service_validator, service) == []
    circle_area = service["service_areas"][1]
    assert json.loads(circle_area["extent"])["type"] == "MultiPolygon"


def test_it_validates_the_export_of_the_demo_data(service_validator, organization_validator):
    """The data `make run` shows, exported as HSDS: every service and organisation is valid."""
    call_command("seed_demo", verbosity=0)
    services = _services()
    assert len(services) >= 15
    for service in services.values():
        assert errors(service_validator, service) == [], service["name"]
    organisations = [hsds.organization(o) for o in hsds.hsds_organisations()]
    assert organisations
    for record in organisations:
        assert errors(organization_validator, record) == [], record["name"]
