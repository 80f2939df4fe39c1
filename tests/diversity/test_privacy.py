"""Privacy by construction (issue 24, item 2): the three recoveries fail, small aggregates are not published and
a cell of 3 reads "fewer than 5" everywhere."""

import io
import random

import pytest
from openpyxl import load_workbook

from diversity import categories, privacy, selectors
from tests import factories
from tests.diversity.conftest import LAST, file_report

pytestmark = pytest.mark.django_db


def contribution(unit, staff, rng):
    counts = {}
    for category in categories.CATEGORIES:
        left = staff
        for cell, _label in category.cells:
            counts[categories.cell_key("staff", category.code, cell)] = value = rng.randint(0, left)
            left -= value
    return privacy.Contribution(unit, categories.complete({"staff": staff, "leadership": 0}, counts))


def test_an_aggregate_over_4_civil_society_organisations_is_not_published(civil_orgs, client):
    for org in civil_orgs(4):
        file_report(org, staff=30)
    overview = selectors.public_overview()
    assert not overview[selectors.CIVIL_SOCIETY][LAST].published
    assert overview[selectors.CIVIL_SOCIETY][LAST].reason == "too_few"
    page = client.get("/diversiteit/").content.decode()
    assert "fewer than 5 organisations reported" in page
    api = client.get("/api/v1/public/staff-diversity/").json()
    assert api["groups"][0] == {"group": "civil_society", "label": "Civil society", "published": False, "figures": []}


def test_an_aggregate_over_5_is_published(civil_orgs):
    for org in civil_orgs(5):
        file_report(org, staff=30)
    aggregate = selectors.public_overview()[selectors.CIVIL_SOCIETY][LAST]
    assert aggregate.published and aggregate.cells["staff_total"] == 150


@pytest.fixture
def city_with_three(city_org, city_staff):
    """The city's services as one employer, with 3 people with a disability."""
    second = factories.city_service(name="Dienst Welzijn")
    file_report(city_org, staff=30, counts={"staff_disability_yes": 2, "staff_disability_no": 20})
    file_report(second, staff=10, counts={"staff_disability_yes": 1, "staff_disability_no": 8})
    return city_org


def test_a_cell_of_3_reads_fewer_than_5_in_page_export_api_and_chart(city_with_three, client, staff_client):
    aggregate = selectors.public_overview()[selectors.CITY][LAST]
    assert aggregate.published and aggregate.cells["staff_total"] == 40  # one employer: the two services together
    assert aggregate.cells["staff_disability_yes"] is None

    page = client.get("/diversiteit/").content.decode()
    row = page[page.index("With a disability: yes") :]
    assert row[: row.index("</tr>")].count("fewer than 5") == 1
    start = page.index('class="chart diversity-chart"')
    chart = page[start : page.index("</svg>", start)]
    assert "(the city as one employer) fewer than 5" in chart

    api = client.get(f"/api/v1/public/staff-diversity/?year={LAST}").json()
    city = next(g for g in api["groups"] if g["group"] == "city")
    cell = next(f for f in city["figures"] if f["figure"] == "staff_disability_yes")
    assert cell["count"] is None and cell["shown_as"] == "fewer than 5"
    assert "3" not in {str(f["count"]) for f in city["figures"]}

    export = staff_client.get("/diversiteit/export/")
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    disability = next(r for r in rows if r[3] == "With a disability: yes")
    assert disability[4] is None and disability[5] == "fewer than 5"
    assert all(r[4] != 3 for r in rows[1:])
    assert "Jeugddienst" not in str(rows) and "Dienst Welzijn" not in str(rows)  # never one organisation


def test_recovery_1_a_category_subtracted_from_its_total_gives_nothing(city_with_three):
    """With one cell hidden, a second one is: the total minus the shown cells is the sum of two or more."""
    aggregate = selectors.public_overview()[selectors.CITY][LAST]
    hidden = [
        k
        for k in ("staff_disability_yes", "staff_disability_no", "staff_disability_not_known")
        if aggregate.cells[k] is None
    ]
    assert len(hidden) >= 2

    rng = random.Random(24)
    for _round in range(300):
        units = [contribution(i, rng.randint(0, 40), rng) for i in range(rng.randint(5, 9))]
        result = privacy.aggregate(units)
        for _code, keys in categories.partitions("staff"):
            hidden = [k for k in keys if result.cells[k] is None]
            assert len(hidden) != 1, (keys, result.cells)
            if result.cells["staff_total"] is None:
                assert len(hidden) == len(keys)


def test_recovery_2_an_organisation_subtracting_itself_finds_no_small_cell(civil_orgs):
    rng = random.Random(7)
    for _round in range(200):
        units = [contribution(i, rng.randint(0, 30), rng) for i in range(rng.randint(5, 8))]
        result = privacy.aggregate(units)
        for unit in units:
            for key, value in result.cells.items():
                if value is not None:
                    assert value - unit.figures[key] >= privacy.MIN_CELL


def test_recovery_2_the_comparison_leaves_the_reader_out_and_needs_5_others(civil_orgs):
    orgs = civil_orgs(5)
    for org in orgs:
        file_report(org, staff=30)
    view = selectors.organisation_view(orgs[0])
    assert not view["comparison"][LAST].published  # 4 besides the reader
    extra = civil_orgs(1, prefix="Extra")[0]
    file_report(extra, staff=30)
    view = selectors.organisation_view(orgs[0])
    comparison = view["comparison"][LAST]
    assert comparison.published and comparison.units == 5 and orgs[0].pk not in comparison.unit_ids


def test_recovery_3_one_organisation_joining_or_leaving_does_not_show_in_the_difference_of_two_years(civil_orgs):
    orgs = civil_orgs(6)
    for org in orgs[:5]:
        file_report(org, year=LAST - 2, staff=30)
        file_report(org, year=LAST - 1, staff=30)
    file_report(orgs[5], year=LAST - 1, staff=12)  # joins
    for org in orgs[1:]:
        file_report(org, year=LAST, staff=30)  # orgs[0] leaves, orgs[5] stays
    series = selectors.public_overview()[selectors.CIVIL_SOCIETY]
    assert series[LAST - 2].published
    assert not series[LAST - 1].published and series[LAST - 1].reason == "changed_set"
    assert not series[LAST].published  # {1..5} differs from {0..4} by two organisations


def test_five_organisations_joining_at_once_may_be_published(civil_orgs):
    orgs = civil_orgs(10)
    for org in orgs[:5]:
        file_report(org, year=LAST - 1, staff=30)
    for org in orgs:
        file_report(org, year=LAST, staff=30)
    series = selectors.public_overview()[selectors.CIVIL_SOCIETY]
    assert series[LAST - 1].published and series[LAST].published
