"""The API reference page: every operation and object of the OpenAPI schema as a page of the portal."""

import re

import pytest
from django.urls import reverse

from charter_portal import api_reference

pytestmark = pytest.mark.django_db

SCHEMA = {
    "info": {"title": "T", "version": "1.0.0", "description": ""},
    "paths": {
        "/api/v1/things/": {
            "get": {
                "operationId": "things_list",
                "tags": ["things"],
                "summary": "Things",
                "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer"}, "description": "Page."}],
                "responses": {
                    "404": {"description": "Not found."},
                    "200": {
                        "description": "",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    },
                },
            },
            "post": {
                "operationId": "things_create",
                "tags": ["things"],
                "requestBody": {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingRequest"}}}
                },
                "responses": {"201": {"description": "Made."}},
            },
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "integer", "readOnly": True},
                    "kind": {"$ref": "#/components/schemas/KindEnum"},
                    "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}},
                },
            },
            "ThingRequest": {"type": "object", "properties": {"title": {"type": "string", "description": "A title."}}},
            "Part": {"type": "object", "properties": {"on": {"type": "string", "format": "date"}}},
            "KindEnum": {"enum": ["a", "b"], "type": "string", "description": "* `a` - A"},
        }
    },
}


def test_it_reads_operations_parameters_bodies_answers_and_objects():
    reference = api_reference.build(SCHEMA)
    [group] = reference.groups
    get, post = group.operations
    assert (get.method, get.path, get.anchor) == ("GET", "/api/v1/things/", "things_list")
    assert [(p.name, p.where, p.type) for p in get.parameters] == [("page", "query", "integer")]
    assert [(a.status, a.schema_ref) for a in get.answers] == [("200", "schema-thing")]
    assert get.errors == ["404"] and post.errors == []
    assert [(e.status, e.description) for e in reference.errors] == [("404", "Not found.")]
    assert post.body_ref == "schema-thingrequest"
    shapes = {shape.name: shape for shape in reference.shapes}
    assert set(shapes) == {"Thing", "ThingRequest", "Part"}  # an enumeration is described where it is used
    kind = {p.name: p for p in shapes["Thing"].properties}
    assert kind["kind"].choices == ["a", "b"] and kind["kind"].schema_ref == ""
    assert kind["id"].required and kind["id"].read_only
    assert (kind["parts"].type, kind["parts"].schema_ref) == ("[Part]", "schema-part")
    assert shapes["Part"].properties[0].type == "date"


@pytest.mark.parametrize(("language", "title"), [("nl", "API-referentie"), ("en", "API reference")])
def test_the_page_describes_every_operation_of_the_schema_with_working_anchors(client, language, title):
    from drf_spectacular.generators import SchemaGenerator

    response = client.get(reverse("api:docs"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{title}</h1>" in page
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = [
        op["operationId"] for item in schema["paths"].values() for m, op in item.items() if m in api_reference.METHODS
    ]
    assert len(operations) > 50
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    assert set(operations) <= ids
    assert set(re.findall(r'href="#([^"]+)"', page)) <= ids  # no link leads nowhere
    assert reverse("api:docs_interactive") in page and reverse("api:schema") in page
    # The reference itself is in English, as the API, and marked so.
    assert '<div lang="en" class="api-reference">' in page


def test_the_interactive_explorer_stays_beside_it(client):
    assert client.get(reverse("api:docs_interactive")).status_code == 200
