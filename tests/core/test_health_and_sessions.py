from unittest import mock

import pytest
import time_machine
from django.db import OperationalError, connection
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_with_the_database_and_the_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_healthz_answers_503_when_the_cache_is_unreachable(client):
    from django.core.cache import cache

    with mock.patch.object(cache, "get", side_effect=ConnectionError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "unreachable"}


def test_a_session_ends_after_thirty_idle_minutes_and_lives_on_with_activity(client, partner_member):
    from tests import factories

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post("/account/login/", {"username": partner_member.email, "password": factories.PASSWORD})
        traveller.shift(25 * 60)
        assert client.get("/account/").status_code == 200  # activity renews the session
        traveller.shift(25 * 60)
        assert client.get("/account/").status_code == 200
        traveller.shift(31 * 60)
        response = client.get("/account/")
        assert response.status_code == 302
        assert response.url.startswith("/account/login/")
