import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def _session_writes(client, path="/account/"):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in captured.captured_queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]]


def test_it_writes_the_session_at_most_once_a_minute(client, partner_member):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post("/account/login/", {"username": partner_member.email, "password": factories.PASSWORD})
        traveller.shift(61)
        assert len(_session_writes(client)) == 1  # a minute later: the expiry is renewed
        traveller.shift(20)
        assert _session_writes(client) == []  # within the minute: nothing written
        traveller.shift(45)
        assert len(_session_writes(client)) == 1


def test_it_still_ends_a_session_after_thirty_idle_minutes_despite_frequent_earlier_use(client, partner_member):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post("/account/login/", {"username": partner_member.email, "password": factories.PASSWORD})
        for _ in range(10):  # ten minutes of activity, one request every minute
            traveller.shift(60)
            assert client.get("/account/").status_code == 200
        traveller.shift(29 * 60)
        assert client.get("/account/").status_code == 200  # 29 idle minutes: still logged in
        traveller.shift(31 * 60)
        response = client.get("/account/")
        assert response.status_code == 302
        assert response.url.startswith("/account/login/")


def test_it_gives_a_visitor_without_a_session_no_session(client):
    response = client.get("/functies/")
    assert response.status_code == 200
    assert not [name for name in response.cookies if "session" in name]
