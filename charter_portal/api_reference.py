"""The API's reference as a page of the portal: read from the same OpenAPI schema as the interactive explorer.

The interactive explorer (Swagger UI, third-party software) is hard to use with a screen reader or the keyboard
alone. This page says the same things as plain HTML in the portal's layout: every operation with its
parameters, request body, answers and the shape of each object, each with an anchor to link to.

The schema depends only on the code, so it is built once per process; building it takes about a second.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")
REF = "#/components/schemas/"


@dataclass
class Property:
    name: str
    type: str
    required: bool
    read_only: bool
    description: str
    schema_ref: str = ""  # the anchor of the object this property holds, when it holds one
    choices: list[str] = field(default_factory=list)


@dataclass
class Parameter:
    name: str
    where: str
    required: bool
    type: str
    description: str


@dataclass
class Answer:
    status: str
    description: str
    schema_ref: str = ""


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[Parameter]
    body_ref: str
    answers: list[Answer]  # the answers of success (2xx, 3xx)
    errors: list[str]  # the error statuses it can answer, described once for the whole API


@dataclass
class Group:
    name: str
    anchor: str
    operations: list[Operation]


@dataclass
class Shape:
    name: str
    anchor: str
    description: str
    properties: list[Property]


@dataclass
class Reference:
    title: str
    version: str
    description: str
    groups: list[Group]
    shapes: list[Shape]
    errors: list[Answer]


def _anchor(*parts: str) -> str:
    text = "-".join(parts).lower()
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")


def _ref_name(schema: dict) -> str:
    ref = schema.get("$ref", "")
    if not ref and schema.get("allOf"):
        ref = schema["allOf"][0].get("$ref", "")
    return ref[len(REF) :] if ref.startswith(REF) else ""


def _type_of(schema: dict) -> tuple[str, str]:
    """A short type for a person ("integer", "list of Offer", "date") and the anchor of the object it names."""
    name = _ref_name(schema)
    if name:
        return name, _anchor("schema", name)
    kind = schema.get("type", "")
    if isinstance(kind, list):
        kind = " | ".join(k for k in kind if k != "null")
    if kind == "array":
        item, anchor = _type_of(schema.get("items") or {})
        return f"[{item}]", anchor
    if schema.get("format") and kind == "string":
        return schema["format"], ""
    if schema.get("oneOf"):
        names = [_type_of(option)[0] for option in schema["oneOf"]]
        return " | ".join(n for n in names if n), ""
    return kind or "object", ""


def _properties(schema: dict, components: dict) -> list[Property]:
    name = _ref_name(schema)
    if name:
        schema = components.get(name, {})
    required = set(schema.get("required") or [])
    found = []
    for prop_name, prop in (schema.get("properties") or {}).items():
        kind, anchor = _type_of(prop)
        choice_schema = prop
        ref = _ref_name(prop)
        if ref and "enum" in components.get(ref, {}):
            choice_schema = components[ref]
            kind, anchor = components[ref].get("type", "string"), ""
        found.append(
            Property(
                name=prop_name,
                type=kind,
                required=prop_name in required,
                read_only=bool(prop.get("readOnly")),
                description=prop.get("description") or choice_schema.get("description") or "",
                schema_ref=anchor,
                choices=[str(c) for c in choice_schema.get("enum") or [] if c not in (None, "")],
            )
        )
    return found


def _body_ref(operation: dict) -> str:
    content = (operation.get("requestBody") or {}).get("content") or {}
    for media in ("application/json", *content):
        schema = (content.get(media) or {}).get("schema")
        if schema:
            return _type_of(schema)[1]
    return ""


def _answers(operation: dict) -> list[Answer]:
    answers = []
    for status, answer in sorted((operation.get("responses") or {}).items()):
        schema = ((answer.get("content") or {}).get("application/json") or {}).get("schema") or {}
        answers.append(Answer(status=status, description=answer.get("description", ""), schema_ref=_type_of(schema)[1]))
    return answers


def _parameters(operation: dict) -> list[Parameter]:
    return [
        Parameter(
            name=p["name"],
            where=p.get("in", ""),
            required=bool(p.get("required")),
            type=_type_of(p.get("schema") or {})[0],
            description=p.get("description", ""),
        )
        for p in operation.get("parameters") or []
    ]


def build(schema: dict) -> Reference:
    components = (schema.get("components") or {}).get("schemas") or {}
    groups: dict[str, list[Operation]] = {}
    errors: dict[str, Answer] = {}
    for path, item in (schema.get("paths") or {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["api"])[0]
            answers = _answers(operation)
            for answer in answers:
                if answer.status >= "400":
                    errors.setdefault(answer.status, answer)
            groups.setdefault(tag, []).append(
                Operation(
                    method=method.upper(),
                    path=path,
                    anchor=operation.get("operationId") or _anchor(method, path),
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=_parameters(operation),
                    body_ref=_body_ref(operation),
                    answers=[a for a in answers if a.status < "400"],
                    errors=[a.status for a in answers if a.status >= "400"],
                )
            )
    shapes = [
        Shape(
            name=name,
            anchor=_anchor("schema", name),
            description=component.get("description", ""),
            properties=_properties(component, components),
        )
        for name, component in sorted(components.items())
        if component.get("properties")
    ]
    _unlink_missing(groups, shapes)
    info = schema.get("info") or {}
    return Reference(
        title=info.get("title", ""),
        version=info.get("version", ""),
        description=info.get("description", ""),
        groups=[Group(name=tag, anchor=_anchor("group", tag), operations=ops) for tag, ops in sorted(groups.items())],
        shapes=shapes,
        errors=[errors[status] for status in sorted(errors)],
    )


def _unlink_missing(groups: dict, shapes: list[Shape]) -> None:
    """Link only to objects the page describes (an enumeration or a shape without properties has no section)."""
    described = {shape.anchor for shape in shapes}
    for operations in groups.values():
        for operation in operations:
            if operation.body_ref not in described:
                operation.body_ref = ""
            for answer in operation.answers:
                if answer.schema_ref not in described:
                    answer.schema_ref = ""
    for shape in shapes:
        for prop in shape.properties:
            if prop.schema_ref not in described:
                prop.schema_ref = ""


# The API speaks English to programmers: its field names, codes and descriptions. The reference is in that one
# language on every page (marked as English for screen readers), so a Dutch page never mixes the two in a table.
LANGUAGE = "en"


@lru_cache(maxsize=1)
def reference() -> Reference:
    with translation.override(LANGUAGE):
        return build(SchemaGenerator().get_schema(request=None, public=True))


@lru_cache(maxsize=1)
def reference_html() -> str:
    """The reference as HTML: it holds nothing of the request (no token, no person), so it is rendered once per
    process, like the schema it is read from."""
    with translation.override(LANGUAGE):
        return render_to_string("api/_reference_body.html", {"reference": reference(), "language": LANGUAGE})
