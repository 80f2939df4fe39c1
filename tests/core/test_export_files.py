# ruff: noqa: F811 - the signal fixtures are imported by name, and pytest passes them by that name
"""Exports people can open (issue 21, item 6): signals, covenants with indicators and organisations with their
signature status, in XLSX (typed cells, a second sheet with the export date and the filters) and in CSV (both
dialects, the export date and the filters in the last two columns); who may download what."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from charter_portal import exports
from signals.models import Status
from tests import factories
from tests.covenants.conftest import agree, fill_draft, make_covenant, quantitative
from tests.signals.conftest import make_signal, service_b, service_b_staff, sign_charter  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

SIGNALS, COVENANTS, ORGANISATIONS = "/signalen/export", "/convenanten/export", "/charter/organisaties"


def _book(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == exports.XLSX_MEDIA_TYPE
    return load_workbook(io.BytesIO(response.content))


def _rows(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def _about(book) -> dict:
    return {row[0].value: row[1].value for row in book["About this export"].iter_rows(min_row=2)}


def _excel_nl(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    body = response.content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert all(len(row) == len(rows[0]) for row in rows), "a row splits into another number of columns"
    return rows


@pytest.fixture
def signals(make_signal, partner_member):
    rabot, sluizeken = factories.neighbourhood(7), factories.neighbourhood(8)
    waiting = make_signal(
        Status.ACKNOWLEDGED, title="Speelplein donker;=1+1", city_wide=False, neighbourhoods=[sluizeken, rabot]
    )
    answered = make_signal(Status.ANSWERED, title="Jeugdhuis dicht")
    return waiting, answered


def test_it_exports_signals_as_a_workbook_with_typed_cells_and_the_filters(signals, staff_client):
    rabot = factories.neighbourhood(7)
    book = _book(staff_client.get(f"{SIGNALS}.xlsx", {"status": "acknowledged", "area": f"n{rabot.pk}"}))
    assert book.sheetnames == ["Signals", "About this export"]
    sheet = book["Signals"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    (row,) = _rows(sheet)
    assert row["Number"].data_type == "n" and row["Number"].value == signals[0].pk
    assert row["Title"].value == "Speelplein donker;'=1+1"
    assert row["Neighbourhood numbers"].value == "7; 8"
    assert row["Reported on"].is_date and row["Acknowledge by"].is_date
    assert row["Endorsements"].data_type == "n"
    about = _about(book)
    assert isinstance(about["Exported on"], datetime.datetime)
    assert about["Filter: Status"] == "acknowledged"
    assert about["Filter: Area"] == f"7. {rabot.name}"  # the label chosen, not the code


def test_it_exports_signals_as_csv_that_a_dutch_excel_splits(signals, member_client, partner_member):
    rows = _excel_nl(member_client.get(f"{SIGNALS}.csv", {"dialect": "excel-nl"}))
    header = rows[0]
    assert header[-2:] == ["Exported on", "Filters"]
    assert len(rows) == 3
    titles = {row[header.index("Title")] for row in rows[1:]}
    assert titles == {"Speelplein donker;'=1+1", "Jeugdhuis dicht"}
    assert {row[header.index("Filters")] for row in rows[1:]} == {"none"}
    datetime.date.fromisoformat(rows[1][header.index("Reported on")])
    # Who reported it is a person: only the organisation is in the file.
    assert partner_member.get_full_name() not in str(rows)
    assert partner_member.email not in str(rows)


def test_it_shows_the_children_affected_as_a_range_never_a_count(make_signal, staff_client):
    make_signal(children_affected="1-5")
    book = _book(staff_client.get(f"{SIGNALS}.xlsx"))
    (row,) = _rows(book["Signals"])
    assert row["Children affected"].value == "1 to 5" and row["Children affected"].data_type == "s"


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("partner_member", 200), ("city_staff", 200)])
def test_it_lets_partners_and_city_staff_download_signals(who, status, request, client):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(f"{SIGNALS}.xlsx").status_code == status
    assert client.get(f"{SIGNALS}.pdf").status_code in (404, 302)


def test_it_refuses_a_bad_filter_or_dialect_with_a_message(staff_client):
    response = staff_client.get(f"{SIGNALS}.csv", {"dialect": "excel-fr"})
    assert response.status_code == 400 and "Unknown CSV dialect" in response.content.decode()
    response = staff_client.get(f"{COVENANTS}.xlsx", {"year": "twintig"})
    assert response.status_code == 400 and "Give a year as four digits" in response.content.decode()
    response = staff_client.get(f"{ORGANISATIONS}.xlsx", {"signature": "maybe"})
    assert response.status_code == 400 and "Choose a signature status" in response.content.decode()


@pytest.fixture
def covenants(city_org, partner_org, other_org, city_staff, partner_admin, other_admin):
    ours = make_covenant(city_org, partner_org, by=city_staff, reference="CONV-ONS")
    fill_draft(
        ours.versions.get(number=1),
        indicators=[quantitative(targets={2026: Decimal(120), 2027: Decimal("140.5")})],
    )
    agree(ours, city_staff, partner_admin)
    theirs = make_covenant(city_org, other_org, by=city_staff, reference="CONV-HUN")
    fill_draft(theirs.versions.get(number=1))
    return ours, theirs


def test_it_exports_covenants_with_indicators_per_year(covenants, staff_client):
    book = _book(staff_client.get(f"{COVENANTS}.xlsx"))
    assert book.sheetnames == ["Covenants", "About this export"]
    rows = _rows(book["Covenants"])
    ours = [row for row in rows if row["Covenant"].value == "CONV-ONS"]
    assert [(r["Year"].value, r["Target"].value, r["Budget (euro)"].value) for r in ours] == [
        (2026, 120, 50000),
        (2027, 140.5, 52000),
    ]
    assert all(r["Target"].data_type == "n" and r["Starts on"].is_date for r in ours)
    assert ours[0]["Version agreed"].value == "yes" and ours[0]["Report"].value == "no report yet"
    assert {row["Covenant"].value for row in rows} == {"CONV-ONS", "CONV-HUN"}


def test_it_exports_a_partner_only_its_own_covenants(covenants, member_client, other_client):
    rows = _excel_nl(member_client.get(f"{COVENANTS}.csv", {"dialect": "excel-nl"}))
    assert {row[0] for row in rows[1:]} == {"CONV-ONS"}
    rows = _excel_nl(other_client.get(f"{COVENANTS}.csv", {"dialect": "excel-nl", "year": "2027"}))
    assert {row[0] for row in rows[1:]} == {"CONV-HUN"}
    assert {row[-1] for row in rows[1:]} == {"Year: 2027"}


@pytest.fixture
def signatures(partner_org, partner_admin, other_org):
    sign_charter(partner_org, partner_admin)
    return partner_org, other_org


def test_it_exports_organisations_with_their_signature_status(signatures, staff_client):
    book = _book(staff_client.get(f"{ORGANISATIONS}.xlsx"))
    rows = {row["Organisation"].value: row for row in _rows(book["Signatures"])}
    signed, unsigned = signatures
    assert rows[signed.name]["Signature"].value == "signed the current version"
    assert rows[signed.name]["Signed on"].is_date
    assert rows[unsigned.name]["Signature"].value == "not signed"
    rows = _excel_nl(staff_client.get(f"{ORGANISATIONS}.csv", {"dialect": "excel-nl", "signature": "none"}))
    names = {row[0] for row in rows[1:]}
    assert unsigned.name in names and signed.name not in names
    assert rows[1][-1] == "Signature: not signed"


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 302), ("partner_member", 403), ("partner_admin", 403), ("city_staff", 200), ("city_admin", 200)],
)
def test_it_lets_only_city_staff_download_who_has_not_signed(who, status, request, client):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(f"{ORGANISATIONS}.xlsx").status_code == status


def test_it_gives_the_coverage_export_its_area_numbers_and_an_about_sheet(staff_client):
    book = _book(staff_client.get("/wijken/export.xlsx", {"date": "2026-03-01", "area_type": "neighbourhood"}))
    assert book.sheetnames == ["Coverage", "About this export"]
    rows = _rows(book["Coverage"])
    assert [row["Number"].value for row in rows] == list(range(1, 26))
    assert all(row["Number"].data_type == "n" for row in rows)
    about = _about(book)
    assert about["Filter: Coverage on"] == datetime.datetime(2026, 3, 1)
    assert about["Filter: Areas"] == "Neighbourhoods"
