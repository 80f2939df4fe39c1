import pytest
from django.test import override_settings
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings
from rest_framework.settings import api_settings

from charter_portal import api_errors
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db

HANDLER = "charter_portal.api_errors.exception_handler"
HOOKS = ["drf_spectacular.hooks.postprocess_schema_enums", "charter_portal.api_errors.add_error_responses"]


@pytest.fixture
def error_shape():
    with override_settings(REST_FRAMEWORK={**api_settings.user_settings, "EXCEPTION_HANDLER": HANDLER}):
        yield


def _error(response):
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert body["error"]["status"] == response.status_code
    return body["error"]


@pytest.mark.urls("tests.api.urls")
def test_it_keeps_messages_per_field_for_validation_errors(api_client, error_shape):
    response = api_client.post(
        "/t/validate/",
        {"title": "far too long a title", "indicators": [{"target": 1}, {"target": -1}]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"title", "indicators.1.target"}
    # In the caller's language.
    assert error["fields"]["title"] == ["Zorg ervoor dat dit veld niet meer dan 10 karakters bevat."]


@pytest.mark.urls("tests.api.urls")
def test_it_uses_the_message_of_an_object_level_validation_error(api_client, error_shape):
    response = api_client.post("/t/validate/", {"title": "same", "indicators": []}, format="json")
    error = _error(response)
    assert error["message"] == "Title and code may not be the same."
    assert error["fields"] == {}


@pytest.mark.urls("tests.api.urls")
def test_it_answers_a_parse_error_in_the_same_shape(api_client, error_shape):
    response = api_client.generic("POST", "/t/validate/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert _error(response)["code"] == "parse_error"


@pytest.mark.urls("tests.api.urls")
def test_it_refuses_anonymous_requests_in_the_same_shape(api_client, error_shape):
    response = api_client.get("/t/private/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"  # how to authenticate (RFC 9110, 401 Unauthorized)
    assert _error(response)["code"] == "not_authenticated"


@pytest.mark.urls("tests.api.urls")
def test_it_refuses_a_bad_token_in_the_same_shape(api_client, error_shape):
    response = api_client.get("/t/private/", HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert _error(response)["code"] == "authentication_failed"


@pytest.mark.urls("tests.api.urls")
def test_it_answers_403_with_the_reason(api_client, error_shape):
    response = api_client.get("/t/forbidden/")
    assert response.status_code == 403
    error = _error(response)
    assert error["code"] == "permission_denied"


@pytest.mark.urls("tests.api.urls")
def test_it_answers_404_without_telling_what_exists(api_client, error_shape):
    response = api_client.get("/t/missing/")
    error = _error(response)
    assert error["code"] == "not_found"
    assert "Signal" not in error["message"]


@pytest.mark.urls("tests.api.urls")
def test_it_answers_405_and_409_in_the_same_shape(api_client, error_shape):
    assert _error(api_client.delete("/t/missing/"))["code"] == "method_not_allowed"
    response = api_client.put("/t/conflict/", {}, format="json")
    assert response.status_code == 409
    assert _error(response)["code"] == "conflict"


@pytest.mark.urls("tests.api.urls")
def test_it_translates_the_messages(api_client, error_shape):
    with translation.override("nl"):
        response = api_client.post("/t/validate/", {"indicators": []}, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    error = _error(response)
    assert error["fields"]["title"] == ["Dit veld is vereist."]


def test_it_shapes_errors_of_the_real_api(api_client, error_shape, city_admin):
    assert _error(api_client.get("/api/v1/hsds/services/nope/"))["code"] == "not_found"
    assert _error(api_client_for(city_admin).post("/api/v1/hsds/services/", {}))["code"] == "method_not_allowed"


def test_it_flattens_nested_field_errors():
    detail = {"a": ["x"], "b": {"c": ["y"]}, "d": [{}, {"e": ["z"]}], "non_field_errors": ["w"]}
    assert api_errors.flatten_field_errors(detail) == {
        "a": ["x"],
        "b.c": ["y"],
        "d.1.e": ["z"],
        "non_field_errors": ["w"],
    }


def test_it_adds_the_error_shape_to_every_operation_in_the_schema(db):
    with patched_settings({"POSTPROCESSING_HOOKS": HOOKS}):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    assert schema["components"]["schemas"]["ErrorResponse"]["required"] == ["error"]
    operations = [op for item in schema["paths"].values() for op in item.values() if isinstance(op, dict)]
    assert operations
    for operation in operations:
        for status in ("400", "401", "403", "404", "429"):
            ref = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/ErrorResponse"
    assert "Retry-After" in operations[0]["responses"]["429"]["headers"]


def test_it_keeps_error_responses_an_endpoint_documents_itself():
    schema = {"paths": {"/x/": {"put": {"responses": {"404": {"description": "own"}}}}}}
    result = api_errors.add_error_responses(result=schema, generator=None, request=None, public=True)
    responses = result["paths"]["/x/"]["put"]["responses"]
    assert responses["404"] == {"description": "own"}
    assert "409" in responses
