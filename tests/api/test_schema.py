import pytest
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from rest_framework.settings import api_settings

from tests.api import urls

pytestmark = pytest.mark.django_db


def _security(path, method):
    rest = {**api_settings.user_settings, "DEFAULT_SCHEMA_CLASS": "charter_portal.api_schema.PortalAutoSchema"}
    with override_settings(REST_FRAMEWORK=rest):
        schema = SchemaGenerator(patterns=urls.urlpatterns).get_schema(request=None, public=True)
    return schema["paths"][path][method]["security"]


def test_it_documents_public_reads_of_the_portals_own_permissions_as_open():
    assert {} in _security("/t/public-read/", "get")


def test_it_keeps_writes_and_private_reads_behind_authentication():
    assert {} not in _security("/t/public-read/", "post")
    assert {} not in _security("/t/private/", "get")


def test_it_leaves_drfs_allow_any_as_it_was():
    assert _security("/t/missing/", "get").count({}) == 1


# --- the portal's whole schema ------------------------------------------------------------------------------------


@pytest.fixture
def generator_stats():
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    yield GENERATOR_STATS
    GENERATOR_STATS.reset()


def test_it_generates_the_schema_without_warnings_or_errors(generator_stats):
    """What ``manage.py spectacular --validate --fail-on-warn`` checks, in-process."""
    from drf_spectacular.validation import validate_schema

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert list(generator_stats._warn_cache) == []
    assert list(generator_stats._error_cache) == []
    validate_schema(schema)  # raises on anything the OpenAPI 3 meta-schema does not allow


def test_it_passes_the_spectacular_command_with_fail_on_warn(generator_stats, tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "openapi: 3" in target.read_text()


def test_it_catches_a_warning(generator_stats):
    from drf_spectacular.drainage import warn

    warn("a schema problem")
    assert generator_stats


def test_it_names_choice_sets_after_their_choices_class(generator_stats):
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    assert schemas["SignalsStatusEnum"]["enum"] == ["submitted", "acknowledged", "in_progress", "answered", "closed"]
    assert schemas["OfferStatusEnum"]["enum"] == ["draft", "published", "archived"]
    assert schemas["Signal"]["properties"]["status"]["allOf"] == [{"$ref": "#/components/schemas/SignalsStatusEnum"}]
    timeline = schemas["TimelineEntry"]["properties"]["status_after"]
    assert {"$ref": "#/components/schemas/SignalsStatusEnum"} in timeline.get("oneOf", timeline.get("allOf", []))


EXAMPLED = [
    ("get", "/api/v1/offers/"),
    ("post", "/api/v1/offers/"),
    ("get", "/api/v1/collaborations/"),
    ("post", "/api/v1/collaborations/{id}/accept/"),
    ("get", "/api/v1/coverage/"),
    ("get", "/api/v1/neighbourhoods/geojson/"),
    ("get", "/api/v1/signals/"),
    ("post", "/api/v1/signals/"),
    *[("post", f"/api/v1/signals/{{id}}/{step}/") for step in ("acknowledge", "start", "answer", "close", "reopen")],
    ("post", "/api/v1/signals/{id}/endorse/"),
    ("get", "/api/v1/covenants/"),
    ("post", "/api/v1/covenants/{id}/propose-version/"),
    ("patch", "/api/v1/covenants/{id}/versions/{number}/"),
    ("post", "/api/v1/covenants/{id}/versions/{number}/approve/"),
    ("post", "/api/v1/covenants/{id}/reports/{period_id}/review/"),
    ("get", "/api/v1/charter/"),
    ("get", "/api/v1/signatories/"),
    ("get", "/api/v1/signatures/verify/{code}/"),
    ("get", "/api/v1/organisations/"),
    ("get", "/api/v1/neighbourhoods/"),
    ("get", "/api/v1/movement-circles/"),
]


REQUEST_EXAMPLED = [
    ("post", "/api/v1/offers/"),
    ("post", "/api/v1/collaborations/"),
    ("post", "/api/v1/signals/"),
    *[("post", f"/api/v1/signals/{{id}}/{step}/") for step in ("acknowledge", "answer", "reopen", "endorse")],
    ("post", "/api/v1/covenants/"),
    ("patch", "/api/v1/covenants/{id}/versions/{number}/"),
    ("post", "/api/v1/covenants/{id}/versions/{number}/approve/"),
    ("post", "/api/v1/covenants/{id}/reports/{period_id}/review/"),
    ("post", "/api/v1/organisations/"),
]


def test_it_gives_examples_for_the_main_operations():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for method, path in EXAMPLED:
        operation = paths[path][method]
        success = next(code for code in operation["responses"] if code.startswith("2"))
        content = operation["responses"][success]["content"]["application/json"]
        assert content.get("examples"), f"{method.upper()} {path} has no response example"
    for method, path in REQUEST_EXAMPLED:
        body = paths[path][method]["requestBody"]["content"]["application/json"]
        assert body.get("examples"), f"{method.upper()} {path} has no request example"


def test_it_documents_the_request_of_each_signal_step():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    expected = {
        "acknowledge": "AcknowledgeRequest",
        "start": "VersionedActionRequest",
        "answer": "AnswerRequest",
        "close": "VersionedActionRequest",
        "reopen": "ReopenRequest",
        "endorse": "EndorseRequest",
    }
    for step, component in expected.items():
        operation = paths[f"/api/v1/signals/{{id}}/{step}/"]["post"]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": f"#/components/schemas/{component}"}, step
        assert "409" in operation["responses"], step


def test_it_documents_times_of_day_as_the_api_writes_them():
    """JSON Schema's "time" format wants an offset ("16:30:00+01:00"); the API writes local times ("16:30:00"),
    which the fuzz suite found out of schema against the demo data. They are documented by a pattern."""
    import re

    from charter_portal.api_schema import TIME_PATTERN

    components = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    for name in ("OfferTime", "Slot"):
        for field in ("starts_at", "ends_at"):
            schema = components[name]["properties"][field]
            assert "format" not in schema
            assert schema["pattern"] == TIME_PATTERN
    for written in ("16:30:00", "09:00", "23:59:59.5"):
        assert re.fullmatch(TIME_PATTERN.strip("^$"), written)
    for wrong in ("24:00:00", "9:00", "16:30:00+01:00"):
        assert not re.fullmatch(TIME_PATTERN.strip("^$"), wrong)
