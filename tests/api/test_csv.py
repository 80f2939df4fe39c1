import csv
import io

import pytest
from django.test import override_settings
from rest_framework.settings import api_settings

from charter_portal import exports
from charter_portal.api_csv import CSVRenderer, flatten, table
from tests import factories

pytestmark = pytest.mark.django_db


def _rows(response):
    body = response.content
    assert not body.startswith("\ufeff".encode())  # RFC 4180, the default dialect: no byte order mark
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


def to_csv(data) -> str:
    return exports.csv_content(*table(data)).decode()


def test_it_exports_the_hsds_services_as_csv(api_client, partner_org):
    factories.offer(
        partner_org, title="Open huis", functions_=("leisure", "welfare"), neighbourhoods=[factories.neighbourhood(7)]
    )
    response = api_client.get("/api/v1/hsds/services/", {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="hsds-services.csv"'
    (row,) = _rows(response)
    assert row["name"] == "Open huis"
    assert row["organization.name"] == "Jeugdhuis De Brug"
    assert row["attributes.taxonomy_term.code"] == "leisure;welfare"
    assert row["service_areas.name"] == "Rabot - Blaisantvest"
    assert "contents" not in row and "total_items" not in row


def test_it_keeps_json_as_the_default(api_client, partner_org):
    factories.offer(partner_org)
    response = api_client.get("/api/v1/hsds/services/")
    assert response["Content-Type"] == "application/json"


def test_it_offers_csv_on_lists_only(api_client, partner_org):
    offer = factories.offer(partner_org)
    assert api_client.get(f"/api/v1/hsds/services/{offer.uuid}/", {"format": "csv"}).status_code == 404


@pytest.mark.urls("tests.api.urls")
def test_it_renders_drf_paginated_results_when_enabled_for_the_whole_api(api_client):
    renderers = [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "charter_portal.api_csv.CSVRenderer",
    ]
    with override_settings(REST_FRAMEWORK={**api_settings.user_settings, "DEFAULT_RENDERER_CLASSES": renderers}):
        from tests.api import urls

        urls.ListView.renderer_classes = api_settings.DEFAULT_RENDERER_CLASSES
        try:
            response = api_client.get("/t/list/", {"format": "csv"})
            assert response.status_code == 200
            assert _rows(response) == [{"title": "'=1+1", "n": "3"}]
            assert response["Content-Disposition"] == 'attachment; filename="t-list.csv"'
            assert api_client.get("/t/list/")["Content-Type"] == "application/json"
        finally:
            del urls.ListView.renderer_classes


def test_it_flattens_nested_objects_and_lists():
    row = {"a": {"b": 1, "c": [1, 2]}, "d": [{"e": "x"}, {"e": "y"}], "f": None, "g": True}
    assert flatten(row) == {"a.b": [1], "a.c": [1, 2], "d.e": ["x", "y"], "f": [None], "g": [True]}
    assert to_csv([row]).splitlines() == ["a.b,a.c,d.e,f,g", "1,1;2,x;y,,true"]


def test_it_protects_spreadsheets_from_formulas():
    assert to_csv([{"x": "=HYPERLINK(1)", "y": "-3", "z": -3}]).splitlines()[1] == "'=HYPERLINK(1),'-3,-3"


def test_it_renders_an_empty_body_for_no_data():
    assert CSVRenderer().render(None) == b""


def test_it_answers_errors_in_json_even_when_csv_was_asked(api_client, db):
    response = api_client.get("/api/v1/hsds/services/", {"format": "csv", "page": 7})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "Content-Disposition" not in response
