"""Throttling: anonymous and authenticated rates from the settings, 429 with Retry-After and the error shape."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db

LOW = {"anon": "3/minute", "user": "5/minute"}


@pytest.fixture
def low_rates(monkeypatch):
    settings = {**api_settings.user_settings, "DEFAULT_THROTTLE_RATES": LOW}
    settings["EXCEPTION_HANDLER"] = "charter_portal.api_errors.exception_handler"
    with override_settings(REST_FRAMEWORK=settings):
        # DRF copies the rates onto the throttle class when it is imported; follow the overridden settings.
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", LOW)
        cache.clear()
        yield
        cache.clear()


def test_it_answers_429_with_retry_after_to_an_anonymous_burst(api_client, low_rates):
    statuses = [api_client.get("/api/v1/hsds/taxonomies/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api_client.get("/api/v1/hsds/taxonomies/")
    assert response.status_code == 429
    # At most the rest of this minute plus the part of the next one in which this minute's requests still count.
    assert 0 < int(response["Retry-After"]) <= 120
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (429, "throttled")


def test_it_gives_logged_in_users_their_own_higher_rate(partner_member, low_rates):
    client = api_client_for(partner_member)
    statuses = [client.get("/api/v1/hsds/taxonomies/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_it_counts_people_separately(partner_member, other_admin, low_rates):
    first, second = api_client_for(partner_member), api_client_for(other_admin)
    for _ in range(5):
        first.get("/api/v1/hsds/taxonomies/")
    assert first.get("/api/v1/hsds/taxonomies/").status_code == 429
    assert second.get("/api/v1/hsds/taxonomies/").status_code == 200


def test_it_reads_the_rates_from_the_environment():
    from django.conf import settings

    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert set(rates) == {"anon", "user"}
    classes = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    assert "charter_portal.throttling.AnonRateThrottle" in classes


# --- how it counts ---------------------------------------------------------------------------------------------

WINDOW_START = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)  # a multiple of 60 s since the epoch


def test_it_keeps_a_count_per_caller_and_minute_not_every_request(partner_member, low_rates):
    """DRF's throttles keep the time of every request of the last minute; ours keep one number per minute."""
    client = api_client_for(partner_member)
    with time_machine.travel(WINDOW_START + datetime.timedelta(seconds=5), tick=False):
        for _ in range(3):
            client.get("/api/v1/hsds/taxonomies/")
        assert cache.get(f"throttle_user_{partner_member.pk}:{int(WINDOW_START.timestamp()) // 60}") == 3


def test_the_previous_minute_counts_for_the_part_of_it_still_within_the_last_minute(partner_member, low_rates):
    client = api_client_for(partner_member)
    with time_machine.travel(WINDOW_START + datetime.timedelta(seconds=50), tick=False):
        assert [client.get("/api/v1/hsds/taxonomies/").status_code for _ in range(5)] == [200] * 5
    # 30 s into the next minute, half of the previous one is within the last minute: 2.5 of its 5 requests.
    with time_machine.travel(WINDOW_START + datetime.timedelta(seconds=90), tick=False):
        assert [client.get("/api/v1/hsds/taxonomies/").status_code for _ in range(3)] == [200, 200, 429]


def test_retry_after_says_when_the_next_request_fits(partner_member, low_rates):
    client = api_client_for(partner_member)
    start = WINDOW_START + datetime.timedelta(seconds=50)
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            client.get("/api/v1/hsds/taxonomies/")
        refused = client.get("/api/v1/hsds/taxonomies/")
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 10 < wait <= 60  # past the end of this minute, and no longer than a minute
    with time_machine.travel(start + datetime.timedelta(seconds=wait - 1), tick=False):
        assert client.get("/api/v1/hsds/taxonomies/").status_code == 429
    with time_machine.travel(start + datetime.timedelta(seconds=wait), tick=False):
        assert client.get("/api/v1/hsds/taxonomies/").status_code == 200


# --- every endpoint ---------------------------------------------------------------------------------------------

NONE_LEFT = {"anon": "0/minute", "user": "0/minute"}
PATH_VALUES = {"id": "1", "number": "1", "period_id": "1", "code": "leisure"}


def _operations():
    import re

    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for path, item in sorted(paths.items()):
        url = re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES[m.group(1)], path)
        for method in sorted(item):
            if method in {"get", "post", "put", "patch", "delete"}:
                public = {} in item[method].get("security", [])
                yield pytest.param(method, url, public, id=f"{method.upper()} {path}")


@pytest.fixture
def no_requests_left(monkeypatch):
    settings = {**api_settings.user_settings, "DEFAULT_THROTTLE_RATES": NONE_LEFT}
    with override_settings(REST_FRAMEWORK=settings):
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", NONE_LEFT)
        cache.clear()
        yield
        cache.clear()


@pytest.mark.parametrize(("method", "url", "public"), list(_operations()))
def test_it_answers_429_with_retry_after_on_every_endpoint(
    method, url, public, city_admin, api_client, no_requests_left
):
    response = getattr(api_client_for(city_admin), method)(url, {}, format="json")
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 60
    assert response.json()["error"]["code"] == "throttled"
    anonymous = getattr(api_client, method)(url, {}, format="json")
    # Anonymous callers are throttled where they may come, and refused before they are counted elsewhere.
    if public:
        assert anonymous.status_code == 429
        assert int(anonymous["Retry-After"]) == 60
    else:
        assert anonymous.status_code == 401
