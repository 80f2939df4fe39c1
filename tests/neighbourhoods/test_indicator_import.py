import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from neighbourhoods.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db
URL = "/wijken/indicatoren/import/"


@pytest.fixture
def indicators(db):
    Indicator.objects.create(code="poverty", name="Child poverty")
    Indicator.objects.create(code="reach", name="Youth work reach", higher_means_more_need=False)


GOOD_CSV = 'wijknr,year,poverty,reach\n7,2025,31.5,12\nBloemekenswijk,2025,"28,4",\n'
BAD_CSV = (
    "wijknr,year,poverty,unknown_code\n"
    "7,2025,31.5,1\n"  # row 2: fine apart from the header problem
    "99,2025,10,1\n"  # row 3: unknown neighbourhood
    "9,2025,veel,1\n"  # row 4: not a number
    "7,2025,12,1\n"  # row 5: duplicate of row 2
    "8,1850,3,1\n"  # row 6: year out of range
)


def test_it_imports_a_good_csv_file(city_admin_client, indicators):
    upload = SimpleUploadedFile("data.csv", GOOD_CSV.encode())
    response = city_admin_client.post(URL, {"file": upload})
    assert response.status_code == 302
    values = {(v.indicator.code, v.neighbourhood.number): v.value for v in IndicatorValue.objects.all()}
    assert values == {("poverty", 7): Decimal("31.5"), ("reach", 7): Decimal("12"), ("poverty", 9): Decimal("28.4")}


def test_it_imports_an_xlsx_file_and_updates_existing_values(city_admin_client, indicators):
    workbook = Workbook()
    workbook.active.append(["wijk", "jaar", "poverty"])
    workbook.active.append(["Rabot - Blaisantvest", 2025, 20.25])
    buffer = io.BytesIO()
    workbook.save(buffer)
    for _ in range(2):
        upload = SimpleUploadedFile("data.xlsx", buffer.getvalue())
        assert city_admin_client.post(URL, {"file": upload}).status_code == 302
    assert IndicatorValue.objects.get().value == Decimal("20.25")


def test_it_changes_nothing_and_reports_every_bad_row(city_admin_client, indicators):
    call_command_values = IndicatorValue.objects.count()
    response = city_admin_client.post(URL, {"file": SimpleUploadedFile("data.csv", BAD_CSV.encode())})
    assert response.status_code == 400
    problems = [(p.row, p.message) for p in response.context["report"].problems]
    rows = [row for row, _ in problems]
    assert rows == [1, 3, 4, 5, 6]
    assert "unknown_code" in problems[0][1]
    assert "99" in problems[1][1]
    assert "veel" in problems[2][1]
    assert "row 2" in problems[3][1]
    assert "1850" in problems[4][1]
    assert IndicatorValue.objects.count() == call_command_values == 0


def test_it_refuses_a_file_that_is_not_csv_or_xlsx(city_admin_client, indicators):
    response = city_admin_client.post(URL, {"file": SimpleUploadedFile("data.pdf", b"%PDF")})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    response = city_admin_client.post(URL, {"file": SimpleUploadedFile("data.xlsx", b"not a workbook")})
    assert "file" in response.context["form"].errors
    assert not IndicatorValue.objects.exists()


def test_it_lets_only_city_admins_import(staff_client, member_client, indicators):
    upload = SimpleUploadedFile("data.csv", GOOD_CSV.encode())
    assert staff_client.post(URL, {"file": upload}).status_code == 403
    assert member_client.get(URL).status_code == 403
    assert not IndicatorValue.objects.exists()


def test_it_imports_from_the_command_line(tmp_path, indicators, capsys):
    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV)
    call_command("import_indicators", str(good))
    assert IndicatorValue.objects.count() == 3


def test_it_fails_on_the_command_line_without_writing(tmp_path, indicators):
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_CSV)
    err = io.StringIO()
    with pytest.raises(CommandError, match="5 problem"):
        call_command("import_indicators", str(bad), stderr=err)
    assert "row 3: Unknown neighbourhood" in err.getvalue()
    assert not IndicatorValue.objects.exists()


def test_it_shows_indicators_with_a_synthetic_label(member_client, db):
    Indicator.objects.create(code="demo", name="Demo (synthetic)", is_synthetic=True)
    body = member_client.get("/wijken/indicatoren/").content.decode()
    assert "synthetic demo data" in body


def test_it_lets_a_city_admin_define_and_edit_an_indicator(city_admin_client):
    data = {
        "code": "unemployment",
        "name": "Youth unemployment",
        "unit": "%",
        "source": "Statistiek Vlaanderen",
        "higher_means_more_need": "on",
        "weight": "1.5",
        "is_active": "on",
    }
    assert city_admin_client.post("/wijken/indicatoren/nieuw/", data).status_code == 302
    indicator = Indicator.objects.get(code="unemployment")
    assert indicator.weight == Decimal("1.5")
    url = f"/wijken/indicatoren/{indicator.pk}/"
    edit = data | {"weight": "3", "version": indicator.version}
    assert city_admin_client.post(url, edit).status_code == 302
    stale = city_admin_client.post(url, edit | {"weight": "9"})
    assert stale.status_code == 200
    indicator.refresh_from_db()
    assert indicator.weight == Decimal("3")


def test_it_refuses_a_bad_indicator_and_non_admins(city_admin_client, staff_client):
    bad = {"code": "has spaces", "name": "", "weight": "-1"}
    response = city_admin_client.post("/wijken/indicatoren/nieuw/", bad)
    assert set(response.context["form"].errors) >= {"code", "name", "weight"}
    assert staff_client.post("/wijken/indicatoren/nieuw/", {"code": "x", "name": "x", "weight": 1}).status_code == 403
    assert staff_client.get("/wijken/indicatoren/999/").status_code == 403
    assert not Indicator.objects.filter(source_kind=Indicator.SourceKind.IMPORTED).exists()
