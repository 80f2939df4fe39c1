"""Throttling: anonymous and authenticated rates from the settings, 429 with Retry-After and the error shape."""

import pytest
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
    assert 0 < int(response["Retry-After"]) <= 60
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
    assert "rest_framework.throttling.AnonRateThrottle" in classes
