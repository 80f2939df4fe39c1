"""Indicator imports have limits that hold before the file is parsed: a city admin's account (or whoever holds it)
cannot keep a worker busy for minutes with a small workbook that unpacks to a million rows."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from neighbourhoods.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db
URL = "/wijken/indicatoren/import/"

_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>",
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="values" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>',
}
_HEADER = '<row><c t="inlineStr"><is><t>wijknr</t></is></c><c t="inlineStr"><is><t>jaar</t></is></c></row>'
_ROW = "<row><c><v>7</v></c><c><v>2025</v></c></row>"


def workbook_with(rows: int) -> bytes:
    """An XLSX of a header and ``rows`` identical rows, written straight as sheet XML (no spreadsheet library):
    a million rows pack into about a hundred kilobytes, as in the attack."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, xml in _PARTS.items():
            archive.writestr(name, xml)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            sheet.write(_HEADER.encode())
            chunk = (_ROW * 10_000).encode()
            for _ in range(rows // 10_000):
                sheet.write(chunk)
            sheet.write((_ROW * (rows % 10_000)).encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


@pytest.fixture
def indicator(db):
    return Indicator.objects.create(code="poverty", name="Child poverty")


def _import(client, name, content, **headers):
    started = time.monotonic()
    response = client.post(URL, {"file": SimpleUploadedFile(name, content)}, **headers)
    return response, time.monotonic() - started


def _file_errors(response) -> str:
    return " ".join(response.context["form"].errors.get("file", []))


def test_it_refuses_a_small_workbook_of_a_million_rows_before_reading_it(city_admin_client, indicator):
    bomb = workbook_with(1_000_000)
    assert len(bomb) < 500_000  # well under the 5 MB upload limit
    response, seconds = _import(city_admin_client, "waarden.xlsx", bomb)
    assert "unpacks to" in _file_errors(response)
    assert seconds < 5  # it took four minutes before
    assert not IndicatorValue.objects.exists()


def test_it_refuses_a_workbook_that_packs_far_too_tightly(city_admin_client, indicator, settings):
    settings.INDICATOR_IMPORT_MAX_UNPACKED_BYTES = 10**9  # only the ratio stands in the way
    response, _seconds = _import(city_admin_client, "waarden.xlsx", workbook_with(100_000))
    assert "times its size" in _file_errors(response)
    assert not IndicatorValue.objects.exists()


def test_it_stops_reading_at_the_row_limit(city_admin_client, indicator, settings):
    settings.INDICATOR_IMPORT_MAX_UNPACKED_BYTES = 10**9
    settings.INDICATOR_IMPORT_MAX_RATIO = 10**6
    settings.INDICATOR_IMPORT_MAX_ROWS = 500
    response, seconds = _import(city_admin_client, "waarden.xlsx", workbook_with(1_000_000))
    assert _file_errors(response) == "The file has more than 500 rows. Split it into smaller files."
    assert seconds < 5  # the other 999,500 rows are never parsed
    assert not IndicatorValue.objects.exists()


def test_it_imports_a_workbook_up_to_the_row_limit(city_admin_client, indicator, settings):
    settings.INDICATOR_IMPORT_MAX_ROWS = 3
    response, _seconds = _import(city_admin_client, "waarden.xlsx", workbook_with(3))
    # Read in full (three identical rows): the file's own problem is reported, not a limit.
    assert not _file_errors(response)
    assert "Duplicate" in response.content.decode()


def test_it_refuses_a_csv_with_too_many_rows_or_columns(city_admin_client, indicator, settings):
    settings.INDICATOR_IMPORT_MAX_ROWS = 100
    many_rows = "wijknr,jaar,poverty\n" + "7,2025,1\n" * 101
    response, _seconds = _import(city_admin_client, "waarden.csv", many_rows.encode())
    assert "more than 100 rows" in _file_errors(response)
    wide = ",".join(["wijknr", "jaar"] + [f"code{n}" for n in range(200)]) + "\n" + "7,2025" + ",1" * 200 + "\n"
    response, _seconds = _import(city_admin_client, "waarden.csv", wide.encode())
    assert "more than 100 columns" in _file_errors(response)
    assert not IndicatorValue.objects.exists()


def test_it_says_so_in_dutch(city_admin_client, indicator):
    response, _seconds = _import(city_admin_client, "waarden.xlsx", workbook_with(1_000_000), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Het bestand wordt uitgepakt" in _file_errors(response)
