"""Fuzzing the API with schemathesis against the portal's own OpenAPI schema.

Generic on purpose: every operation in the schema is exercised, with a bounded number of
deterministic examples, as a city admin, as a partner (token authentication), anonymously and with
a bad token. Checks: no server error, every response (status code, content type, body) matches the
schema, and operations that require authentication refuse requests without valid credentials.

The schema is generated here with the portal's schema class, the error-shape hook and the exception
handler switched on, so the test holds before and after they are configured in the settings.
"""

import json
import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.utils.encoders import JSONEncoder
from schemathesis import checks as st_checks
from schemathesis.specs.openapi import checks as openapi_checks

from tests.hsds.conftest import offer_landscape  # noqa: F401  (realistic data for the endpoints to return)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Examples per operation and persona; derandomized, so every run sends the same requests.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "15"))
HOOKS = ["drf_spectacular.hooks.postprocess_schema_enums", "charter_portal.api_errors.add_error_responses"]
CHECKS = [
    st_checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]
FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def requires_authentication(case) -> bool:
    """The schema says so: no empty security requirement (``{}``) among the alternatives."""
    security = case.operation.definition.raw.get("security")
    if security is None:
        security = case.operation.schema.raw_schema.get("security", [])
    return bool(security) and {} not in security


def refuses_without_credentials(ctx, response, case):
    if requires_authentication(case) and response.status_code not in (401, 403):
        raise AssertionError(
            f"{case.method} {case.formatted_path} answered {response.status_code} without valid credentials"
        )
    return True


@pytest.fixture(autouse=True)
def fuzz_environment(monkeypatch, offer_landscape):  # noqa: F811
    """The error shape on, throttling out of the way, a fast cache."""
    rest = {**api_settings.user_settings, "EXCEPTION_HANDLER": "charter_portal.api_errors.exception_handler"}
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(REST_FRAMEWORK=rest, CACHES=caches):
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"})
        cache.clear()
        # As Django's test client does: requests served through the WSGI handler must not close the test's
        # database connection (PostgreSQL would lose the test transaction).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            yield
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def build_schema():
    """The portal's OpenAPI schema, generated in-process, served by the WSGI application under test."""
    from charter_portal.wsgi import application

    rest = {**api_settings.user_settings, "DEFAULT_SCHEMA_CLASS": "charter_portal.api_schema.PortalAutoSchema"}
    with override_settings(REST_FRAMEWORK=rest), patched_settings({"POSTPROCESSING_HOOKS": HOOKS}):
        raw = SchemaGenerator().get_schema(request=None, public=True)
    # Round-trip through JSON: lazy translations and other objects become plain values.
    raw = json.loads(json.dumps(raw, cls=JSONEncoder))
    loaded = schemathesis.openapi.from_dict(raw)
    loaded.app = application
    loaded.config.generation.update(modes=["positive"], deterministic=True, max_examples=MAX_EXAMPLES)
    return loaded


# Loaded when the module is imported (schemathesis' lazy fixture loader does not support pytest 9 yet).
schema = build_schema()


def _token(user) -> dict:
    token, _created = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


@schema.parametrize()
@FUZZ_SETTINGS
def test_it_holds_for_a_city_admin(case, city_admin):
    case.call_and_validate(headers=_token(city_admin), checks=CHECKS)


@schema.parametrize()
@FUZZ_SETTINGS
def test_it_holds_for_a_partner(case, partner_admin):
    case.call_and_validate(headers=_token(partner_admin), checks=CHECKS)


@schema.parametrize()
@FUZZ_SETTINGS
def test_it_holds_anonymously_and_refuses_what_needs_authentication(case):
    case.call_and_validate(checks=[*CHECKS, refuses_without_credentials])


@schema.parametrize()
@settings(FUZZ_SETTINGS, max_examples=3)
def test_it_refuses_a_bad_token(case):
    case.call_and_validate(headers={"Authorization": "Token 0000bad0000"}, checks=CHECKS)
    response = case.call(headers={"Authorization": "Token 0000bad0000"})
    # A bad token is never accepted, not even on public endpoints.
    assert response.status_code in (401, 403)


def test_it_flags_an_operation_that_answers_without_the_credentials_it_requires():
    from types import SimpleNamespace

    def fake_case(security):
        operation = SimpleNamespace(definition=SimpleNamespace(raw={"security": security}), schema=None)
        return SimpleNamespace(operation=operation, method="GET", formatted_path="/api/v1/x/")

    private = fake_case([{"cookieAuth": []}, {"tokenAuth": []}])
    with pytest.raises(AssertionError, match="without valid credentials"):
        refuses_without_credentials(None, SimpleNamespace(status_code=200), private)
    assert refuses_without_credentials(None, SimpleNamespace(status_code=403), private)
    public = fake_case([{"cookieAuth": []}, {}])
    assert refuses_without_credentials(None, SimpleNamespace(status_code=200), public)
