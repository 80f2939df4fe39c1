"""The city's own data on pages (issue 21, item 7): movement circles made and changed on pages, indicator values
browsable per indicator and year with where each came from, and each indicator's valid range checked on import."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from neighbourhoods.models import Indicator, IndicatorImport, IndicatorValue, MovementCircle
from tests import factories
from tests.neighbourhoods.conftest import add_neighbourhoods

pytestmark = pytest.mark.django_db
CIRCLES = "/wijken/beweegcirkels/"
NEW = "/wijken/beweegcirkels/nieuw/"
IMPORT = "/wijken/indicatoren/import/"


# --- movement circles ----------------------------------------------------------------------------------------


def test_a_city_admin_creates_a_circle_with_its_neighbourhoods(city_admin_client, rabot, muide):
    data = {"name": "Noord-Oost", "neighbourhoods": [rabot.pk, muide.pk], "choice": "data", "motivation": ""}
    response = city_admin_client.post(NEW, data)
    circle = MovementCircle.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/wijken/beweegcirkel/{circle.slug}/"
    assert circle.name == "Noord-Oost" and circle.slug == "noord-oost"
    assert set(circle.neighbourhoods.all()) == {rabot, muide}
    assert circle.priority_override is None
    assert "Noord-Oost" in city_admin_client.get(CIRCLES).content.decode()


def test_a_city_admin_edits_a_circle_and_overrides_its_priority_with_a_motivation(city_admin_client, rabot, muide):
    circle = factories.movement_circle(rabot, name="Rabot en omstreken")
    url = f"/wijken/beweegcirkel/{circle.slug}/bewerken/"
    page = city_admin_client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["neighbourhoods"] == [rabot.pk]
    data = {
        "version": circle.version,
        "name": "Rabot-Muide",
        "neighbourhoods": [muide.pk],
        "choice": "on",
        "motivation": "Young people of the Rabot cross to Muide every day.",
    }
    assert city_admin_client.post(url, data).status_code == 302
    circle.refresh_from_db()
    assert circle.name == "Rabot-Muide"
    assert circle.slug == "rabot-en-omstreken"  # links to the circle keep working
    assert list(circle.neighbourhoods.all()) == [muide]
    assert circle.priority_override is True and circle.is_priority
    assert circle.history.count() >= 2  # the change is in the history
    body = city_admin_client.get(f"/wijken/beweegcirkel/{circle.slug}/").content.decode()
    assert "Young people of the Rabot cross to Muide every day." in body


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "", "choice": "data"}, "name"),
        ({"name": "Noord", "choice": "data"}, "neighbourhoods"),
        ({"name": "Noord", "neighbourhoods": ["999999"], "choice": "data"}, "neighbourhoods"),
        ({"name": "Noord", "neighbourhoods": ["abc"], "choice": "data"}, "neighbourhoods"),
        ({"name": "Noord", "neighbourhoods": "RABOT", "choice": "on", "motivation": ""}, "motivation"),
        ({"name": "Bestaand", "neighbourhoods": "RABOT", "choice": "data"}, "name"),
        ({"name": "Noord", "neighbourhoods": "RABOT", "choice": "maybe"}, "choice"),
        ({"name": "x" * 151, "neighbourhoods": "RABOT", "choice": "data"}, "name"),
    ],
)
def test_it_refuses_bad_input_for_a_circle_and_saves_nothing(city_admin_client, rabot, data, field):
    factories.movement_circle(rabot, name="Bestaand")
    if data.get("neighbourhoods") == "RABOT":
        data["neighbourhoods"] = [rabot.pk]
    response = city_admin_client.post(NEW, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert MovementCircle.objects.count() == 1


def test_it_refuses_a_stale_edit_of_a_circle(city_admin_client, rabot, muide):
    circle = factories.movement_circle(rabot, name="Noord")
    url = f"/wijken/beweegcirkel/{circle.slug}/bewerken/"
    data = {"version": circle.version, "name": "Eerste", "neighbourhoods": [rabot.pk], "choice": "data"}
    assert city_admin_client.post(url, data).status_code == 302
    stale = {**data, "name": "Tweede", "neighbourhoods": [muide.pk]}
    response = city_admin_client.post(url, stale)
    assert response.status_code == 200
    circle.refresh_from_db()
    assert circle.name == "Eerste" and list(circle.neighbourhoods.all()) == [rabot]


def test_only_city_admins_make_or_change_circles(staff_client, member_client, rabot):
    circle = factories.movement_circle(rabot, name="Noord")
    data = {"name": "Anders", "neighbourhoods": [rabot.pk], "choice": "data"}
    for client in (staff_client, member_client):
        assert client.get(CIRCLES).status_code == 200
        assert client.get(NEW).status_code == 403
        assert client.post(NEW, data).status_code == 403
        assert client.post(f"/wijken/beweegcirkel/{circle.slug}/bewerken/", data).status_code == 403
    circle.refresh_from_db()
    assert circle.name == "Noord" and MovementCircle.objects.count() == 1


def test_editing_an_unknown_circle_is_a_404(city_admin_client):
    assert city_admin_client.get("/wijken/beweegcirkel/nergens/bewerken/").status_code == 404


def test_a_new_circle_counts_in_the_coverage_at_once(city_admin_client, partner_org, rabot, muide):
    factories.offer(partner_org, neighbourhoods=[rabot])
    city_admin_client.get("/wijken/")  # the coverage is now kept
    data = {"name": "Noord", "neighbourhoods": [rabot.pk, muide.pk], "choice": "data"}
    city_admin_client.post(NEW, data)
    body = city_admin_client.get("/wijken/", {"area_type": "movement_circle"}).content.decode()
    assert "Noord</a>" in body


def test_the_circle_list_keeps_its_query_count(staff_client, django_assert_num_queries):
    extra = add_neighbourhoods(30)
    factories.movement_circle(*extra[:3], name="Eén")
    staff_client.get(CIRCLES)
    # session, user, actor (3) + circles, their neighbourhoods (2); the header's unread count is kept
    with django_assert_num_queries(5):
        staff_client.get(CIRCLES)
    for n in range(20):
        factories.movement_circle(*extra[n : n + 5], name=f"Cirkel {n}")
    with django_assert_num_queries(5):
        response = staff_client.get(CIRCLES)
    assert len(response.context["rows"]) == 21


# --- valid ranges and imports --------------------------------------------------------------------------------


@pytest.fixture
def percentage(db):
    return Indicator.objects.create(code="poverty", name="Child poverty", unit="%")


def test_an_imported_percentage_below_0_is_refused_naming_row_and_value(city_admin_client, percentage):
    csv = "wijknr,year,poverty\n7,2025,31.5\n9,2025,-5\n"
    response = city_admin_client.post(IMPORT, {"file": SimpleUploadedFile("armoede.csv", csv.encode())})
    assert response.status_code == 400
    (problem,) = response.context["report"].problems
    assert problem.row == 3
    assert problem.message == "-5 in column poverty is outside its valid range (0 to 100)."
    body = response.content.decode()
    assert "Row 3:" in body and "-5 in column poverty" in body
    assert not IndicatorValue.objects.exists()
    assert not IndicatorImport.objects.exists()


def test_it_checks_the_range_the_city_set(city_admin_client):
    Indicator.objects.create(code="reach", name="Reach", min_value=Decimal(1), max_value=Decimal(10))
    csv = "wijknr,year,reach\n7,2025,11\n8,2025,0.5\n9,2025,10\n"
    response = city_admin_client.post(IMPORT, {"file": SimpleUploadedFile("bereik.csv", csv.encode())})
    problems = [(p.row, p.message) for p in response.context["report"].problems]
    assert problems == [
        (2, "11 in column reach is outside its valid range (1 to 10)."),
        (3, "0.5 in column reach is outside its valid range (1 to 10)."),
    ]
    assert not IndicatorValue.objects.exists()


def test_an_indicator_without_a_range_takes_any_number(city_admin_client):
    Indicator.objects.create(code="inhabitants", name="Inhabitants")
    csv = "wijknr,year,inhabitants\n7,2025,-3\n"
    assert city_admin_client.post(IMPORT, {"file": SimpleUploadedFile("a.csv", csv.encode())}).status_code == 302


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"unit": "%", "min_value": "-5"}, "min_value"),
        ({"unit": "%", "max_value": "120"}, "max_value"),
        ({"min_value": "10", "max_value": "2"}, "max_value"),
        ({"min_value": "veel"}, "min_value"),
    ],
)
def test_it_refuses_a_bad_valid_range(city_admin_client, extra, field):
    data = {"code": "x", "name": "X", "weight": "1", "higher_means_more_need": "on", "is_active": "on", **extra}
    response = city_admin_client.post("/wijken/indicatoren/nieuw/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Indicator.objects.filter(code="x").exists()


def test_a_city_admin_sets_a_valid_range(city_admin_client):
    data = {"code": "x", "name": "X", "weight": "1", "unit": "%", "min_value": "0", "max_value": "60"}
    assert city_admin_client.post("/wijken/indicatoren/nieuw/", data).status_code == 302
    assert Indicator.objects.get(code="x").valid_range() == (Decimal(0), Decimal(60))


def test_each_import_keeps_its_provenance_beside_the_values(city_admin_client, city_admin, member_client, percentage):
    csv = "wijknr,year,poverty\n7,2025,31.5\n9,2025,12\n"
    city_admin_client.post(IMPORT, {"file": SimpleUploadedFile("armoede-2025.csv", csv.encode())})
    batch = IndicatorImport.objects.get()
    assert (batch.file_name, batch.imported_by, batch.rows, batch.created) == ("armoede-2025.csv", city_admin, 2, 2)
    assert batch.indicator_codes == ["poverty"] and batch.years == [2025]
    assert set(IndicatorValue.objects.values_list("source_import", flat=True)) == {batch.pk}
    csv = "wijknr,year,poverty\n7,2025,30\n"
    city_admin_client.post(IMPORT, {"file": SimpleUploadedFile("correctie.csv", csv.encode())})
    rabot_value = IndicatorValue.objects.get(neighbourhood__number=7)
    assert rabot_value.source_import.file_name == "correctie.csv"
    body = member_client.get(f"/wijken/indicatoren/{percentage.pk}/waarden/", {"jaar": "2025"}).content.decode()
    assert "correctie.csv, imported by" in body
    assert "armoede-2025.csv, imported by" in body
    assert "2 neighbourhoods with a value in 2025" in body
    assert "Valid range: 0 to 100." in body
    indicators_page = city_admin_client.get("/wijken/indicatoren/").content.decode()
    assert "armoede-2025.csv" in indicators_page and "correctie.csv" in indicators_page


def test_the_values_page_shows_one_year_at_a_time(member_client, percentage, rabot):
    IndicatorValue.objects.create(indicator=percentage, neighbourhood=rabot, year=2024, value=Decimal("11.5"))
    IndicatorValue.objects.create(indicator=percentage, neighbourhood=rabot, year=2025, value=Decimal("22.5"))
    url = f"/wijken/indicatoren/{percentage.pk}/waarden/"
    response = member_client.get(url)
    assert response.context["year"] == 2025 and response.context["years"] == [2025, 2024]
    assert "22.50" in response.content.decode()
    body = member_client.get(url, {"jaar": "2024"}).content.decode()
    assert "11.50" in body and "22.50" not in body
    assert member_client.get(url, {"jaar": "1850"}).context["year"] == 2025  # an unknown year: the latest
    assert member_client.get("/wijken/indicatoren/999999/waarden/").status_code == 404


def test_the_values_page_keeps_its_query_count(member_client, percentage, city_admin, rabot, django_assert_num_queries):
    url = f"/wijken/indicatoren/{percentage.pk}/waarden/"
    IndicatorValue.objects.create(indicator=percentage, neighbourhood=rabot, year=2025, value=3)
    member_client.get(url)
    # session, user, actor (3; the header's unread count is kept) + indicator, years, neighbourhoods, values with
    # their import, the imports (5)
    with django_assert_num_queries(8):
        member_client.get(url)
    batch = IndicatorImport.objects.create(file_name="a.csv", imported_by=city_admin, rows=25)
    for neighbourhood in add_neighbourhoods(40):
        IndicatorValue.objects.create(
            indicator=percentage, neighbourhood=neighbourhood, year=2025, value=1, source_import=batch
        )
    member_client.get(url)  # new neighbourhoods: what the header keeps about areas is read again once
    with django_assert_num_queries(8):
        response = member_client.get(url)
    assert response.context["filled"] == 41
