"""One shape for every API error, and that shape in the OpenAPI schema.

Every error the API answers looks the same, whatever went wrong::

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"title": ["..."]}}}

``status`` repeats the HTTP status, ``code`` is a stable machine-readable code (DRF's codes:
``invalid``, ``parse_error``, ``not_authenticated``, ``authentication_failed``,
``permission_denied``, ``not_found``, ``method_not_allowed``, ``not_acceptable``,
``unsupported_media_type``, ``conflict``, ``throttled``; the portal's own: ``version_required`` (428),
``transition_refused`` (409), ``idempotency_key_reused`` (422), ``idempotency_key_in_use`` (409)), ``message``
is a sentence in the request's language and ``fields`` holds the messages per field of a validation error (nested
fields and list items with dotted names: ``indicators.0.target``); it is empty for other errors.

Switch it on with ``REST_FRAMEWORK["EXCEPTION_HANDLER"] = "charter_portal.api_errors.exception_handler"``
and add ``add_error_responses`` to ``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler

from charter_portal import api_domain_words as domain_words

ERROR_COMPONENT = "ErrorResponse"


def _generic_message(status: int) -> str:
    messages = {
        400: _("The request is not valid."),
        401: _("Authentication is needed for this request."),
        403: _("You may not do this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        406: _("The requested format is not available."),
        409: _("Someone else changed this in the meantime. Reload it and apply your change again."),
        413: _("The request is too large."),
        415: _("This content type is not supported."),
        422: _("This Idempotency-Key was used before with another request. Use a new key for a new request."),
        428: _("Send the version you read (the field version) with this change."),
        429: _("Too many requests. Try again later."),
    }
    return messages.get(status, _("The request could not be handled."))


def flatten_field_errors(detail, prefix: str = "") -> dict[str, list[str]]:
    """Validation messages per field, nested serializers and list items as dotted names."""
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in flatten_field_errors(value, name).items():
                fields.setdefault(field, []).extend(messages)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            if detail:
                fields[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                if item:
                    name = f"{prefix}.{index}" if prefix else str(index)
                    for field, messages in flatten_field_errors(item, name).items():
                        fields.setdefault(field, []).extend(messages)
    elif detail not in (None, ""):
        fields[prefix or "non_field_errors"] = [str(detail)]
    return fields


def _first_code(codes) -> str | None:
    if isinstance(codes, str):
        return codes
    if isinstance(codes, dict):
        codes = list(codes.values())
    if isinstance(codes, list):
        for item in codes:
            found = _first_code(item)
            if found:
                return found
    return None


def error_body(exc: exceptions.APIException, status: int) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        fields = flatten_field_errors(exc.detail)
        general = fields.pop("non_field_errors", None)
        if general and not fields:
            message = " ".join(general)
        else:
            message = _("The data you sent is not valid: see the messages per field.")
            if general:
                fields["non_field_errors"] = general
        return {"status": status, "code": "invalid", "message": message, "fields": fields}
    code = _first_code(exc.get_codes()) or exc.default_code
    if status == 404:
        # Django's Http404 can carry "No <Model> matches the given query.": never tell what exists.
        message = _generic_message(404)
    elif isinstance(exc.detail, str) and str(exc.detail):
        message = str(exc.detail)
    else:
        message = _generic_message(status)
    return {"status": status, "code": code, "message": message, "fields": {}}


class StepNotAllowedError(exceptions.APIException):
    status_code = 409
    default_code = "transition_refused"


def _domain_refusal(exc):
    """The services' refusals, answered the same way by every endpoint: a stale ``version`` and a step that is
    not allowed now are both 409 (``charter_portal.concurrency``, ``charter_portal.errors``); a value the portal
    cannot take is 400 ``invalid``, under its field when it has one."""
    from charter_portal.concurrency import ConflictError, StaleObjectError
    from charter_portal.errors import BadInput, StepNotAllowed

    if isinstance(exc, StaleObjectError):
        return ConflictError()
    if isinstance(exc, StepNotAllowed):
        return StepNotAllowedError(str(exc.message))
    if isinstance(exc, BadInput):
        message = str(exc.message)
        return exceptions.ValidationError({exc.field: [message]} if exc.field else [message])
    if isinstance(exc, DjangoValidationError):
        return domain_words.from_model_validation(exc)
    return exc


def exception_handler(exc, context):
    """DRF's handler (headers such as Retry-After and WWW-Authenticate included), with the portal's error shape."""
    exc = _domain_refusal(exc)
    if isinstance(exc, exceptions.ValidationError):
        exc = domain_words.speak(exc, context)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django answers 500 and logs it with its traceback
    if isinstance(exc, exceptions.APIException):
        api_exc = exc
    else:  # Http404 or PermissionDenied, converted by DRF's handler
        api_exc = exceptions.NotFound() if response.status_code == 404 else exceptions.PermissionDenied()
    response.data = {"error": error_body(api_exc, response.status_code)}
    request = context.get("request")
    if request is not None:
        from charter_portal.api_csv import answer_errors_in_json

        answer_errors_in_json(request)
    return response


# --- the schema ---------------------------------------------------------------------------------------------------


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status code.")
    code = serializers.CharField(help_text="A stable machine-readable code, e.g. invalid, not_found, throttled.")
    message = serializers.CharField(help_text="What went wrong, in the language of the request.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field of a validation error (dotted names for nested fields); empty otherwise.",
    )


class ErrorResponseSerializer(serializers.Serializer):
    """Use in ``extend_schema(responses={409: ErrorResponseSerializer})`` for an error the hook does not add."""

    error = ErrorDetailSerializer()


ERROR_SCHEMA = {
    "type": "object",
    "description": "The shape of every error the API answers.",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message", "fields"],
            "properties": {
                "status": {"type": "integer", "description": "The HTTP status code."},
                "code": {"type": "string", "description": "A stable machine-readable code."},
                "message": {"type": "string", "description": "What went wrong, in the language of the request."},
                "fields": {
                    "type": "object",
                    "description": "Messages per field of a validation error; empty otherwise.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}

ERROR_EXAMPLES = {
    400: (
        "invalid",
        "The data you sent is not valid: see the messages per field.",
        {"title": ["This field is required."]},
    ),
    401: ("not_authenticated", "Authentication credentials were not provided.", {}),
    403: ("permission_denied", "You do not have permission to perform this action.", {}),
    404: ("not_found", "Not found.", {}),
    409: ("conflict", "Someone else changed this in the meantime. Reload it and apply your change again.", {}),
    413: ("request_too_large", "The request is too large.", {}),
    422: (
        "idempotency_key_reused",
        "This Idempotency-Key was used before with another request. Use a new key for a new request.",
        {},
    ),
    428: (
        "version_required",
        "Send the version you read (the field version) with this change, so that nobody's change is overwritten "
        "unseen. Read the object first if you do not have it.",
        {},
    ),
    429: ("throttled", "Request was throttled. Expected available in 42 seconds.", {}),
}

ERROR_DESCRIPTIONS = {
    400: "The request is not valid (messages per field in error.fields).",
    401: "Authentication is needed, or the credentials sent are not valid.",
    403: "Authenticated, but not allowed to do this.",
    404: "Not found, or not visible to you.",
    409: "Someone else changed the object since you read it (send the current version), the step does not fit its "
    "state now, or a request with the same Idempotency-Key is still running.",
    413: "The request body is larger than the API accepts.",
    422: "The Idempotency-Key was used before (within 24 hours) with another method, path or body.",
    428: "The change does not say which version it started from: send version (the number you read).",
    429: "Too many requests; the Retry-After header says how many seconds to wait.",
}

_HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _error_response(status: int) -> dict:
    code, message, fields = ERROR_EXAMPLES[status]
    response = {
        "description": ERROR_DESCRIPTIONS[status],
        "content": {
            "application/json": {
                "schema": {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"},
                "example": {"error": {"status": status, "code": code, "message": message, "fields": fields}},
            }
        },
    }
    if status == 429:
        response["headers"] = {
            "Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}}
        }
    return response


# Answered in front of the portal (gunicorn, a proxy), not by it: no body in the API's error shape.
URI_TOO_LONG = {"description": "The path and query string are too long (answered by the server in front of the API)."}


def _request_properties(result, operation) -> dict:
    """The properties of an operation's JSON request body (its component), empty when it has none."""
    content = (operation.get("requestBody") or {}).get("content") or {}
    schema = (content.get("application/json") or {}).get("schema") or {}
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        schema = result["components"]["schemas"].get(ref.rsplit("/", 1)[1], {})
    return schema.get("properties") or {}


def _statuses(result, method: str, operation) -> list[int]:
    statuses = [400, 401, 403, 404, 429]
    versioned = "version" in _request_properties(result, operation)
    if method in {"put", "patch", "post"}:
        statuses.append(413)
    if method in {"put", "patch"} or versioned:
        statuses.append(409)  # a stale version (also a step that does not fit the state now)
    if method in {"put", "patch"} and versioned:
        statuses.append(428)  # version is required to change a versioned object
    if any(p.get("in") == "header" and p.get("name") == "Idempotency-Key" for p in operation.get("parameters", [])):
        statuses += [409, 422]
    return statuses


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error shape as a component, and on every operation the errors it can
    answer that it does not document itself: 400/401/403/404/429 everywhere, 413 with a body, 409 on writes of a
    versioned object, 428 on PUT and PATCH of one (version is required), 409 and 422 where an Idempotency-Key is
    accepted; 414 (from the server in front) without a body."""
    result.setdefault("components", {}).setdefault("schemas", {}).setdefault(ERROR_COMPONENT, ERROR_SCHEMA)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in _HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status in _statuses(result, method, operation):
                responses.setdefault(str(status), _error_response(status))
            responses.setdefault("414", dict(URI_TOO_LONG))
    return result


def error_responses(*statuses: int) -> dict:
    """``extend_schema(responses={200: X, **error_responses(409)})``: errors the hook does not add, in the one shape.

    The hook adds 400, 401, 403, 404 and 429 to every operation (and 409 to PUT and PATCH); use this for a 409 that a
    POST action can answer, with its own description where the generic one does not say enough.
    """
    from drf_spectacular.utils import OpenApiExample, OpenApiResponse

    responses = {}
    for status in statuses:
        code, message, fields = ERROR_EXAMPLES[status]
        example = {"error": {"status": status, "code": code, "message": message, "fields": fields}}
        responses[status] = OpenApiResponse(
            response=ErrorResponseSerializer,
            description=ERROR_DESCRIPTIONS[status],
            examples=[OpenApiExample(code, value=example, status_codes=[str(status)], response_only=True)],
        )
    return responses


# --- paths under /api/ that match no route ------------------------------------------------------------------------

API_PREFIX = "/api/"


class ApiNotFoundMiddleware:
    """A path under /api/ that matches no route (``/api/v1/nothing/``, ``/api/v1/covenants/1/versions/x/``) answers
    the API's JSON 404 in the request's language, also with DEBUG on, instead of Django's HTML page. A route that
    matched answers its own 404 (a DRF view already shapes it). Put it after LocaleMiddleware and before
    CommonMiddleware, so that a missing trailing slash is still redirected first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path_info.startswith(API_PREFIX)
            and getattr(request, "resolver_match", None) is None
        ):
            from django.http import JsonResponse

            refusal = _unrouted_refusal(request)
            response = JsonResponse({"error": error_body(refusal, refusal.status_code)}, status=refusal.status_code)
            if isinstance(refusal, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
                response["WWW-Authenticate"] = _authenticate_header(request)
        return response


def _unrouted_refusal(request) -> exceptions.APIException:
    """What a path that routes nowhere answers, asked as a route would: credentials first (a bad token is a 401,
    and so is a change asked without credentials, since every change of the API needs them), then the 404."""
    from rest_framework.request import Request
    from rest_framework.settings import api_settings

    drf_request = Request(request, authenticators=[cls() for cls in api_settings.DEFAULT_AUTHENTICATION_CLASSES])
    try:
        authenticated = drf_request.user.is_authenticated
    except exceptions.AuthenticationFailed as exc:
        return exc
    except exceptions.APIException:  # a session without its CSRF token: nothing is done, so nothing to refuse
        authenticated = True
    if not authenticated and request.method not in ("GET", "HEAD", "OPTIONS"):
        return exceptions.NotAuthenticated()
    return exceptions.NotFound()


def _authenticate_header(request) -> str:
    from rest_framework.settings import api_settings

    for cls in api_settings.DEFAULT_AUTHENTICATION_CLASSES:
        header = cls().authenticate_header(request)
        if header:
            return header
    return "Token"
