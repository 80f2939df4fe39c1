"""Fuzzing the API with schemathesis against the portal's own OpenAPI schema.

Generic on purpose: every operation in the schema is exercised, with a bounded number of
deterministic examples (``FUZZ_MAX_EXAMPLES``, 8 by default), each sent with a bad token, anonymously, as a
partner and as a city admin (token authentication), against realistic data (offers, signals in every state, an
agreed covenant, a collaboration with an open invitation, a signature); most generated ids are mapped onto
existing objects so the fuzzer reaches them. Checks: no server error, every response (status code, content
type, body) matches the schema, operations that require authentication refuse requests without valid credentials,
and a bad token is a 401 everywhere; requests valid and invalid by the schema, and every check of schemathesis but
positive_data_acceptance (requests the schema forbids are refused, ...). ``FUZZ_CHECKS=basic``: the first four
checks only, with valid requests.

The schema is generated here with the portal's schema class, the error-shape hook and the exception
handler switched on, so the test holds before and after they are configured in the settings.
"""

import json
import os
import zlib

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings
from hypothesis import HealthCheck, settings
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.utils.encoders import JSONEncoder
from schemathesis import checks as st_checks
from schemathesis.specs.openapi import checks as openapi_checks

from tests import factories
from tests.hsds.conftest import offer_landscape  # noqa: F401  (realistic data for the endpoints to return)

pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.fuzz]

# Examples per operation and persona; derandomized, so every run sends the same requests.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "8"))
HOOKS = ["drf_spectacular.hooks.postprocess_schema_enums", "charter_portal.api_errors.add_error_responses"]
# Every check schemathesis has, except positive_data_acceptance (a business rule that a schema cannot state, such as
# an age range, a step that does not fit the state or the version a change must send, may refuse a schema-valid
# body), with requests the schema forbids as well (issue 17). FUZZ_CHECKS=basic: only the first four checks, with
# schema-valid requests, for a quick look while working on one endpoint.
FULL = os.environ.get("FUZZ_CHECKS", "all") != "basic"
if FULL:
    st_checks.load_all_checks()
    CHECKS = [check for check in st_checks.CHECKS.get_all() if check.__name__ != "positive_data_acceptance"]
else:
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
    if requires_authentication(case) and response.status_code != 401:
        raise AssertionError(
            f"{case.method} {case.formatted_path} answered {response.status_code} without valid credentials"
        )
    return True


# Existing objects per path parameter, filled by the ``landscape`` fixture: most generated ids are mapped onto
# them (deterministically, from the generated value), so the fuzzer also reaches objects that exist.
KNOWN: dict[str, list] = {}


@pytest.fixture
def landscape(offer_landscape, partner_org, other_org, city_org, partner_member, partner_admin, city_staff):  # noqa: F811
    """Offers (from the HSDS tests) plus a signal in every state, an agreed covenant with a reporting period,
    a collaboration with an open invitation and a signature of the charter."""
    from charter.initial import create_first_version
    from charter.models import Article, ChainHead, CharterVersion
    from covenants.models import Covenant, ReportingPeriod
    from neighbourhoods.models import Indicator, IndicatorValue, MovementCircle, Neighbourhood
    from offers.models import Collaboration, Offer
    from organisations.models import Function, Organisation
    from signals.models import Signal, Status
    from tests.charter.conftest import quick_signature
    from tests.covenants.conftest import agree, fill_draft, make_covenant
    from tests.signals.conftest import advance, report

    for status in Status.values:
        signal = report(partner_member, partner_org, title=f"Signal {status}")
        advance(signal, status, reporter=partner_member, responsible=city_staff, service=city_org)
    covenant = make_covenant(city_org, partner_org, by=city_staff)
    fill_draft(covenant.versions.get(number=1))
    agree(covenant, city_staff, partner_admin)
    collaboration = factories.collaboration(partner_org, neighbourhoods=[offer_landscape["rabot"]])
    collaboration.members.create(organisation=other_org, status="invited")
    entry = quick_signature(partner_org, create_first_version(CharterVersion, Article, ChainHead))
    indicator = Indicator.objects.create(code="fuzz", name="Fuzz indicator", source="test")
    IndicatorValue.objects.create(indicator=indicator, neighbourhood=offer_landscape["rabot"], year=2025, value=1)
    KNOWN.update(
        {
            "/api/v1/offers/{id}/": list(Offer.objects.values_list("pk", flat=True)),
            "/api/v1/signals/{id}/": list(Signal.objects.values_list("pk", flat=True)),
            "/api/v1/covenants/{id}/": list(Covenant.objects.values_list("pk", flat=True)),
            "/api/v1/collaborations/{id}/": list(Collaboration.objects.values_list("pk", flat=True)),
            "/api/v1/organisations/{id}/": list(Organisation.objects.values_list("pk", flat=True)),
            "/api/v1/neighbourhoods/{id}/": list(Neighbourhood.objects.values_list("pk", flat=True)),
            "/api/v1/movement-circles/{id}/": list(MovementCircle.objects.values_list("pk", flat=True)),
            "/api/v1/indicators/{id}/": [indicator.pk],
            "/api/v1/hsds/services/{id}/": [str(uuid) for uuid in Offer.objects.values_list("uuid", flat=True)],
            "/api/v1/indicator-values/{id}/": list(IndicatorValue.objects.values_list("pk", flat=True)),
            "number": [1, 2],
            "period_id": list(ReportingPeriod.objects.values_list("pk", flat=True)),
            "code": [*Function.objects.values_list("code", flat=True), entry.receipt_display],
        }
    )
    yield
    KNOWN.clear()


def _known(key: str, value):
    """Two out of three generated values become an existing one (chosen by the value, so runs stay the same)."""
    known = KNOWN.get(key)
    if not known:
        return value
    if isinstance(value, bool) or not isinstance(value, type(known[0])) or (isinstance(value, int) and value < 1):
        return value  # not an id the schema allows (requests invalid by the schema): it must stay invalid
    index = abs(value) if isinstance(value, int) else zlib.crc32(str(value).encode())
    return value if index % 3 == 0 else known[index % len(known)]


@pytest.fixture(autouse=True)
def fuzz_environment(monkeypatch, landscape):
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
    # Invalid requests too (unless FUZZ_CHECKS=basic): negative_data_rejection checks that they are refused.
    modes = ["positive", "negative"] if FULL else ["positive"]
    loaded.config.generation.update(modes=modes, deterministic=True, max_examples=MAX_EXAMPLES)
    return loaded


# Loaded when the module is imported (schemathesis' lazy fixture loader does not support pytest 9 yet).
schema = build_schema()


@schema.hook("map_path_parameters")
def existing_objects(context, path_parameters):
    if not path_parameters:
        return path_parameters
    path = context.operation.path
    mapped = dict(path_parameters)
    for name, value in path_parameters.items():
        if name == "id":
            prefix = path[: path.index("{id}") + len("{id}/")]
            mapped[name] = _known(prefix, value)
        else:
            mapped[name] = _known(name, value)
    return mapped


def _token(user) -> dict:
    from accounts.models import ApiToken
    from accounts.services import api_token_issue

    ApiToken.objects.revoke_all(user=user)  # one active token per persona, a fresh one for each case
    _token, key = api_token_issue(user=user, name="fuzz")
    return {"Authorization": f"Token {key}"}


BAD_TOKEN = {"Authorization": "Token 0000bad0000"}


def _as(who: str, call):
    try:
        return call()
    except Exception as exc:  # schemathesis' failure group, or an assertion: say for whom it failed
        exc.add_note(f"(calling as {who})")
        raise


@schema.parametrize()
@FUZZ_SETTINGS
def test_it_holds_for_every_kind_of_caller(case, city_admin, partner_admin):
    """Each generated request is sent with a bad token, anonymously, as a partner and as a city admin.

    One test per operation for the four callers (rather than four tests) keeps the run short: the data is made
    and the requests are generated once per operation.
    """
    _as("a bad token", lambda: case.call_and_validate(headers=BAD_TOKEN, checks=CHECKS))
    # A bad token is never accepted, not even on public endpoints or on a path that routes nowhere.
    assert _as("a bad token", lambda: case.call(headers=BAD_TOKEN)).status_code == 401
    _as("anonymous", lambda: case.call_and_validate(checks=[*CHECKS, refuses_without_credentials]))
    _as("a partner", lambda: case.call_and_validate(headers=_token(partner_admin), checks=CHECKS))
    _as("a city admin", lambda: case.call_and_validate(headers=_token(city_admin), checks=CHECKS))


def test_it_flags_an_operation_that_answers_without_the_credentials_it_requires():
    from types import SimpleNamespace

    def fake_case(security):
        operation = SimpleNamespace(definition=SimpleNamespace(raw={"security": security}), schema=None)
        return SimpleNamespace(operation=operation, method="GET", formatted_path="/api/v1/x/")

    private = fake_case([{"cookieAuth": []}, {"tokenAuth": []}])
    with pytest.raises(AssertionError, match="without valid credentials"):
        refuses_without_credentials(None, SimpleNamespace(status_code=200), private)
    with pytest.raises(AssertionError, match="answered 403"):  # refused, but without asking for credentials
        refuses_without_credentials(None, SimpleNamespace(status_code=403), private)
    assert refuses_without_credentials(None, SimpleNamespace(status_code=401), private)
    public = fake_case([{"cookieAuth": []}, {}])
    assert refuses_without_credentials(None, SimpleNamespace(status_code=200), public)
