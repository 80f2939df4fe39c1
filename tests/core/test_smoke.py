import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(LANGUAGE_CODE="nl")
def test_it_serves_the_home_page_in_dutch_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="nl">' in response.content


def test_it_reports_healthy_with_a_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_it_explains_the_four_functions_with_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/functies/")
    assert response.status_code == 200
    assert [f.code for f in response.context["functions"]] == ["leisure", "welfare", "bridge", "signal"]
