import pytest

pytestmark = pytest.mark.django_db


def test_it_serves_the_home_page_in_dutch(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="nl">' in response.content


def test_it_reports_healthy_with_a_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
