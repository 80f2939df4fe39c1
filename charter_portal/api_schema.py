"""The portal's OpenAPI schema class: it tells the truth about which operations anyone may call.

drf-spectacular marks an operation as open to anonymous callers (an empty ``{}`` security
requirement) only for DRF's own ``AllowAny`` and ``IsAuthenticatedOrReadOnly``. The portal's own
permission classes (``ReadOnlyOrCityAdmin``, public read endpoints) would be documented as
"authentication required" although anyone may read. This schema class asks the view's permission
classes about an anonymous request with the operation's method instead, so the schema (and the
fuzz test that relies on it) matches what the API does.

It also names every choice set after the Django choices class it comes from (``Signal`` status
values become ``SignalsStatusEnum``, an organisation's kind ``OrganisationKindEnum``), so that fields
with the same name but different choices (``status`` of offers, signals and covenants) each get their
own, stable enum component instead of a hashed name. Choice sets that are not a choices class are left
to drf-spectacular's enum hook.

Switch it on with ``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "charter_portal.api_schema.PortalAutoSchema"``.
"""

from functools import cache

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models.enums import Choices
from django.http import HttpRequest
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, safe_ref
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.request import Request

from charter_portal import exports, idempotency

ENUM_SUFFIX = "Enum"
# A local time of day as the API writes it ("16:30:00") and reads it ("16:30", "16:30:00", "16:30:00.5").
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$"


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@cache
def _choice_classes() -> dict[tuple, str]:
    """The portal's choices classes by their values: values -> component name (ambiguous value sets left out)."""
    found: dict[tuple, set[str]] = {}
    for cls in _subclasses(Choices):
        config = apps.get_containing_app_config(cls.__module__)
        if config is None or cls.__module__.startswith("django."):
            continue
        if "." in cls.__qualname__:  # nested in its model: Offer.Status -> OfferStatus
            name = cls.__qualname__.replace(".", "")
        else:  # a module-level class: signals.Status -> SignalsStatus
            name = config.label.capitalize() + cls.__qualname__
        found.setdefault(tuple(cls.values), set()).add(name + ENUM_SUFFIX)
    return {values: names.pop() for values, names in found.items() if len(names) == 1}


def enum_name_for(choices) -> str | None:
    return _choice_classes().get(tuple(value for value in choices if value not in ("", None)))


CSV_MEDIA_TYPE = exports.CSV_MEDIA_TYPE
CSV_SCHEMA = {
    "type": "string",
    "description": "CSV (RFC 4180 by default: comma, '.' decimals, UTF-8 without a byte order mark; see the "
    "dialect parameter): a header row, then one row per item. Nested fields are dotted column names; several "
    "values in one cell are separated by ';'. Text that a spreadsheet could run as a formula gets a leading "
    "quote (') at the start and after each ';', ',' or tab; numbers and dates are written as such.",
}


class PortalAutoSchema(AutoSchema):
    def offers_csv(self) -> bool:
        from charter_portal.api_csv import CSVRenderer

        return any(isinstance(renderer, CSVRenderer) for renderer in self.view.get_renderers())

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method in idempotency.IdempotentMixin.idempotent_methods and isinstance(
            self.view, idempotency.IdempotentMixin
        ):
            parameters.append(
                OpenApiParameter(
                    idempotency.HEADER,
                    idempotency.PARAMETER_SCHEMA,
                    OpenApiParameter.HEADER,
                    description="A key of your choice (a UUID, say) to retry this request safely: the same key with "
                    "the same request within 24 hours replays the first answer (with Idempotent-Replayed: true) "
                    "instead of doing it again; with another request 422; while the first still runs 409. Kept per "
                    "person; only answers that did something (2xx) are kept.",
                )
            )
        if self.method == "GET" and self.offers_csv():
            parameters.append(
                OpenApiParameter(
                    "format",
                    str,
                    enum=["json", "csv"],
                    description="csv: the items of this page as a spreadsheet file (text/csv). Default: json.",
                )
            )
            parameters.append(
                OpenApiParameter(
                    "dialect",
                    str,
                    enum=list(exports.DIALECTS),
                    description="With format=csv: rfc4180 (the default: comma, '.' decimals, UTF-8) or excel-nl "
                    "(Excel with Dutch or Belgian settings: ';' separator, decimal comma, UTF-8 with a byte order "
                    "mark). Another value is refused with 400.",
                )
            )
        return parameters

    def _get_response_for_code(self, *args, **kwargs):
        response = super()._get_response_for_code(*args, **kwargs)
        content = response.get("content") or {}
        if CSV_MEDIA_TYPE in content:
            content[CSV_MEDIA_TYPE] = {"schema": dict(CSV_SCHEMA)}
        return response

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.TimeField) and isinstance(schema, dict) and schema.get("format") == "time":
            # JSON Schema's "time" is RFC 3339's full-time, with an offset ("16:30:00+01:00"); the portal's times are
            # local wall-clock times ("16:30:00"). Say what they are: a pattern, not a format they do not follow.
            schema = {k: v for k, v in schema.items() if k != "format"}
            schema["pattern"] = TIME_PATTERN
            schema.setdefault("example", "16:30:00")
        if (
            isinstance(field, serializers.ChoiceField)
            and not isinstance(field, serializers.MultipleChoiceField)
            and isinstance(schema, dict)
            and "enum" in schema
        ):
            name = enum_name_for(field.choices)
            if name:
                return self._enum_component(name, schema)
        return schema

    def _enum_component(self, name: str, schema: dict) -> dict:
        """The choice set as a named component, as drf-spectacular's enum hook would make it."""
        schema = dict(schema)
        original = schema.pop("enum")
        schema.pop("x-spec-enum-id", None)
        enum_schema = {"enum": [value for value in original if value not in ("", None)]}
        if "type" in schema:
            enum_schema["type"] = schema.pop("type")
        description = schema.get("description", "")
        if description.startswith("*"):
            enum_schema["description"] = schema.pop("description")
        elif "\n\n*" in description:
            before, _sep, after = description.partition("\n\n*")
            schema["description"] = before
            enum_schema["description"] = "*" + after
        components = [ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=enum_schema, object=name)]
        if "" in original:
            components.append(self._plain_component("Blank" + ENUM_SUFFIX, {"enum": [""]}))
        if None in original:
            components.append(self._plain_component("Null" + ENUM_SUFFIX, {"enum": [None]}))
        for component in components:
            self.registry.register_on_missing(component)
        if len(components) == 1:
            schema.update(components[0].ref)
        else:
            schema["oneOf"] = [component.ref for component in components]
        return safe_ref(schema)

    @staticmethod
    def _plain_component(name: str, schema: dict) -> ResolvedComponent:
        return ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name)

    def get_auth(self):
        auths = super().get_auth()
        if auths and {} not in auths and self.anonymous_allowed():
            auths.append({})
        return auths

    def anonymous_allowed(self) -> bool:
        """Whether every permission of the view lets an anonymous request with this method through."""
        http_request = HttpRequest()
        http_request.method = self.method
        request = Request(http_request)
        request.user = AnonymousUser()
        request.auth = None
        try:
            return all(permission.has_permission(request, self.view) for permission in self.view.get_permissions())
        except Exception:  # a permission that needs more than a bare request: assume authentication is needed
            return False
