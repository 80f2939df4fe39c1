"""The public "what young people say" pages, the exports, the API and the chart: every figure below 5 is
"fewer than 5", and a fixed period is all one can ask for."""

import io
import re

import openpyxl
import pytest

from tests.participation.conftest import record

pytestmark = pytest.mark.django_db


def _world(partner_org, partner_member, rabot, brugse_poort):
    record(
        partner_member,
        partner_org,
        neighbourhoods=[rabot],
        bands=(0, 0, 12, 0, 0),
        themes={"leisure": 12, "sport": 10, "housing": 3},
        quotes=["We want a place of our own."],
    )
    record(partner_member, partner_org, neighbourhoods=[brugse_poort], bands=(0, 2, 0, 0, 0), themes={"leisure": 2})


def _cell(page: str, label: str) -> str:
    """The first figure in the table row of ``label``."""
    match = re.search(rf">{re.escape(label)}</a></th>\s*<td[^>]*>([^<]*)</td>", page)
    assert match, label
    return match.group(1)


def test_the_city_wide_page_shows_figures_and_fewer_than_5(client, partner_org, partner_member, rabot, brugse_poort):
    _world(partner_org, partner_member, rabot, brugse_poort)

    response = client.get("/jongeren/wat-jongeren-zeggen/?year=2026")
    page = response.content.decode()

    assert "We want a place of our own." in page
    assert response.context["scope"].participants.value == 14
    assert _cell(page, "leisure") == "14"
    assert _cell(page, "housing") == "fewer than 5"
    assert _cell(page, "sport") == "not shown"  # 27 times a theme was raised - 14 - 10 would give housing's 3
    assert _cell(page, brugse_poort.name) == "1"  # moments are not people: shown as they are
    assert "<dd>14</dd>" in page


def test_the_neighbourhood_and_theme_pages_suppress_too(client, partner_org, partner_member, rabot, brugse_poort):
    _world(partner_org, partner_member, rabot, brugse_poort)

    area = client.get(f"/jongeren/wat-jongeren-zeggen/wijk/{brugse_poort.slug}/?year=2026").content.decode()
    theme = client.get("/jongeren/wat-jongeren-zeggen/thema/housing/?year=2026").content.decode()

    assert "<dd>fewer than 5</dd>" in area and "<dd>2</dd>" not in area
    assert _cell(theme, rabot.name) == "fewer than 5"


def test_a_wrong_period_is_explained_and_falls_back_to_this_year(client):
    response = client.get("/jongeren/wat-jongeren-zeggen/?year=1999&quarter=7")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert response.context["year"] == 2026


def test_an_unknown_theme_or_neighbourhood_is_404(client):
    assert client.get("/jongeren/wat-jongeren-zeggen/thema/nothing/").status_code == 404
    assert client.get("/jongeren/wat-jongeren-zeggen/wijk/nowhere/").status_code == 404


def test_the_csv_and_xlsx_exports_suppress_like_the_pages(client, partner_org, partner_member, rabot, brugse_poort):
    _world(partner_org, partner_member, rabot, brugse_poort)

    csv = client.get("/jongeren/wat-jongeren-zeggen/export.csv?year=2026").content.decode()
    rows = {line.split(",")[0]: line.split(",") for line in csv.splitlines()}
    assert rows["City-wide (every moment)"][1:3] == ["2", "14"]
    assert rows[brugse_poort.name][2] == "fewer than 5"
    # Rabot's 12 would give Brugse Poort's 2 away (14 - 12): it is not shown either.
    assert rows[rabot.name][2] == "not shown"
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get("/jongeren/wat-jongeren-zeggen/export.xlsx?year=2026").content)
    )
    rows = [[c.value for c in row] for row in workbook.active.iter_rows()]
    figures = [value for row in rows[1:] for value in row[2:]]  # participants and themes (moments are not people)
    assert "fewer than 5" in figures and "not shown" in figures
    assert not {2, 3, "2", "3"} & set(figures)


def test_the_api_suppresses_like_the_pages(client, partner_org, partner_member, rabot, brugse_poort):
    _world(partner_org, partner_member, rabot, brugse_poort)

    city = client.get("/api/v1/public/youth-voice/?year=2026").json()
    area = client.get(f"/api/v1/public/youth-voice/?year=2026&neighbourhood={brugse_poort.pk}").json()
    theme = client.get(f"/api/v1/public/youth-voice/?year=2026&neighbourhood={rabot.pk}&theme=housing").json()

    assert city["participants"] == 14
    assert area["participants"] == "fewer than 5"
    assert area["participants_by_age"]["6_11"] == "fewer than 5"
    assert theme["themes"] == [{"theme": "housing", "label": "housing", "raised_by": "fewer than 5", "moments": 1}]


def test_the_api_refuses_a_period_that_is_not_fixed(client):
    response = client.get("/api/v1/public/youth-voice/?year=2026&quarter=5")
    assert response.status_code == 400


def test_the_chart_draws_no_bar_for_a_hidden_figure(client, partner_org, partner_member, rabot, brugse_poort):
    _world(partner_org, partner_member, rabot, brugse_poort)

    chart = client.get("/jongeren/wat-jongeren-zeggen/?year=2026").context["chart"]
    bars = {theme["label"]: theme["bars"] for theme in chart["themes"]}
    housing = bars["housing"][-1]
    assert housing["figure"].hidden and housing["length"] == 0
    assert bars["leisure"][-1]["figure"].value == 14 and bars["leisure"][-1]["length"] > 0
    page = client.get("/jongeren/wat-jongeren-zeggen/?year=2026").content.decode()
    assert "<svg" in page and "2026: fewer than 5" in page
