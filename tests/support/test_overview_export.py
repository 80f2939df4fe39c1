"""The yearly overview of support requests as a download (XLSX, CSV, and CSV for Excel in Dutch), for the charter
coordinators and city staff, with the figures of the page: per kind of support, asked and met per kind of
organisation."""

import csv
import io

import openpyxl
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from support import services


def _client(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _requests(small_admin, small_org, supporter_admin):
    """Two funding requests of a self-organisation, one of them met; one translation request."""
    met = services.support_request_create(by=small_admin, organisation=small_org, kind="funding", needs="A file")
    services.support_request_step(request=met, by=supporter_admin, name="take_up")
    services.support_request_step(request=met, by=supporter_admin, name="done")
    services.support_request_step(request=met, by=small_admin, name="confirm", helped=True)
    services.support_request_create(by=small_admin, organisation=small_org, kind="funding", needs="Another file")
    services.support_request_create(by=small_admin, organisation=small_org, kind="translation", needs="A letter")


def _url(fmt, **query):
    return reverse("support:overview_export", args=[fmt]), {"year": timezone.localdate().year, **query}


def test_it_exports_the_overview_as_a_workbook_with_typed_cells(small_admin, small_org, supporter_admin, coordinator):
    _requests(small_admin, small_org, supporter_admin)
    url, query = _url("xlsx")

    response = _client(coordinator).get(url, query)

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="support-overview-{query["year"]}.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("Year", "Kind of support", "All organisations: asked", "All organisations: met")
    assert "Self-organisation: asked" in header and "Civil-society organisation: met" in header
    by_kind = {row[1]: row for row in rows[1:]}
    assert len(by_kind) == 10  # all kinds, then the nine kinds of support
    assert by_kind["All kinds"][:4] == (query["year"], "All kinds", 3, 1)
    assert by_kind["A funding or subsidy application"][2:4] == (2, 1)
    assert by_kind["Translation"][2:4] == (1, 0)
    assert by_kind["Training"][2:4] == (0, 0)
    funding = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "A funding or subsidy application")
    assert funding[0].data_type == funding[2].data_type == "n"
    assert funding[1].data_type == "s"


def test_it_exports_csv_for_excel_in_dutch_and_plain_csv(small_admin, small_org, supporter_admin, city_staff):
    _requests(small_admin, small_org, supporter_admin)
    url, query = _url("csv", dialect="excel-nl")

    response = _client(city_staff).get(url, query)

    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Year", "Kind of support", "All organisations: asked", "All organisations: met"]
    assert rows[1][:4] == [str(query["year"]), "All kinds", "3", "1"]
    assert all(len(row) == len(rows[0]) for row in rows)

    plain = _client(city_staff).get(url, {"year": query["year"]})
    assert list(csv.reader(io.StringIO(plain.content.decode())))[1][:4] == [str(query["year"]), "All kinds", "3", "1"]


def test_the_overview_page_links_the_downloads_of_its_year(coordinator):
    page = _client(coordinator).get(reverse("support:overview"), {"year": 2025}).content.decode()
    assert f"{reverse('support:overview_export', args=['xlsx'])}?year=2025" in page
    assert f"{reverse('support:overview_export', args=['csv'])}?year=2025&amp;dialect=excel-nl" in page


def test_it_refuses_bad_input_with_a_sentence(coordinator):
    client = _client(coordinator)
    url, query = _url("csv")
    unknown_dialect = client.get(url, {**query, "dialect": "lotus"})
    bad_year = client.get(url, {"year": "soon"})
    assert unknown_dialect.status_code == bad_year.status_code == 400
    assert "Unknown CSV dialect" in unknown_dialect.content.decode()
    assert "whole number" in bad_year.content.decode()
    assert client.get(reverse("support:overview_export", args=["pdf"])).status_code == 404


def test_it_is_for_coordinators_and_city_staff_only(partner_admin, small_admin):
    url, query = _url("xlsx")
    assert _client(partner_admin).get(url, query).status_code == 403
    assert _client(small_admin).get(url, query).status_code == 403
    assert Client().get(url, query).status_code == 302
