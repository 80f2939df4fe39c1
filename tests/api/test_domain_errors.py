"""API errors speak the portal's words: no database constraint names, no primary-key wording (issue 25, item 5)."""

import re

import pytest
from django.utils import translation
from rest_framework import exceptions, relations, serializers
from rest_framework.schemas.generators import EndpointEnumerator

from charter_portal import api_domain_words
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db

COVENANTS = "/api/v1/covenants/"
FRAMEWORK_WORDING = re.compile(r"\bpk\b|constraint|beperking|_one_|object does not exist|bestaat niet", re.IGNORECASE)


@pytest.fixture
def covenant_payload(city_org, partner_org):
    return {
        "reference": "API-1",
        "title": "Via the API",
        "city_service": city_org.pk,
        "partner_organisation": partner_org.pk,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    }


def _post(user, payload, language):
    response = api_client_for(user).post(COVENANTS, payload, format="json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    return response.json()["error"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_covenant_without_a_partner_is_refused_without_the_constraint_s_name(city_staff, covenant_payload, language):
    error = _post(city_staff, {**covenant_payload, "partner_organisation": None}, language)
    text = str(error)
    assert "covenant_one_partner" not in text
    assert not FRAMEWORK_WORDING.search(text)
    assert ("samenwerkingsverband" if language == "nl" else "collaboration") in error["message"]


@pytest.mark.parametrize(("language", "thing"), [("nl", "organisatie met het id"), ("en", "organisation with the id")])
def test_an_organisation_that_is_no_city_service_is_named_as_such(
    city_staff, covenant_payload, partner_org, language, thing
):
    error = _post(city_staff, {**covenant_payload, "city_service": partner_org.pk}, language)
    [message] = error["fields"]["city_service"]
    assert not FRAMEWORK_WORDING.search(message)
    assert f"{thing} {partner_org.pk}" in message
    assert ("stadsdienst" if language == "nl" else "city service") in message


@pytest.mark.parametrize(("language", "words"), [("nl", "een geheel getal"), ("en", "a whole number")])
def test_an_id_that_is_no_number_says_what_to_send(city_staff, covenant_payload, language, words):
    error = _post(city_staff, {**covenant_payload, "city_service": "abc"}, language)
    [message] = error["fields"]["city_service"]
    assert words in message
    assert not FRAMEWORK_WORDING.search(message)


def _writable_related_fields():
    """Every writable related field of every serializer the API's views use to read a body: (name, field)."""
    found = {}
    for _path, method, callback in EndpointEnumerator().get_api_endpoints():
        if method not in ("POST", "PUT", "PATCH"):
            continue
        view_class = getattr(callback, "cls", None)
        actions = getattr(callback, "actions", None) or {}
        view = view_class(**getattr(callback, "initkwargs", {}))
        view.action = actions.get(method.lower())
        view.format_kwarg = None
        view.request = None
        view.kwargs = {}
        try:
            serializer_class = view.get_serializer_class()
        except (AssertionError, AttributeError, TypeError, KeyError):
            continue
        for serializer in _serializers_in(serializer_class()):
            for name, field in serializer.fields.items():
                if field.read_only:
                    continue
                child = field.child_relation if isinstance(field, relations.ManyRelatedField) else field
                if isinstance(child, relations.RelatedField):
                    found[f"{type(serializer).__name__}.{name}"] = field
    return found


def _serializers_in(serializer):
    yield serializer
    for field in serializer.fields.values():
        if isinstance(field, serializers.ListSerializer):
            field = field.child
        if isinstance(field, serializers.Serializer):
            yield from _serializers_in(field)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_related_field_of_the_api_speaks_of_primary_keys(language):
    fields = _writable_related_fields()
    assert len(fields) >= 10, sorted(fields)
    with translation.override(language):
        for name, field in fields.items():
            for value in (987654321, "not-an-id"):
                try:
                    field.run_validation([value] if isinstance(field, relations.ManyRelatedField) else value)
                except exceptions.ValidationError as exc:
                    text = str(api_domain_words.speak(exc, {"view": _ViewOf(field)}).detail)
                    assert not FRAMEWORK_WORDING.search(text), (name, text)
                else:
                    pytest.fail(f"{name} took {value!r}")


class _ViewOf:
    """A view whose serializer is the field alone, as the handler sees a field's own error."""

    def __init__(self, field):
        self.field = field

    def get_serializer(self):
        return self.field


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_model_error_loses_the_constraint_name_and_keeps_the_rest(language):
    from django.core.exceptions import ValidationError
    from django.db.models import CheckConstraint, Q

    with translation.override(language):
        named = str(CheckConstraint(condition=Q(a=1), name="offer_some_rule").get_violation_error_message())
        assert "offer_some_rule" in named
        alone = api_domain_words.speak(api_domain_words.from_model_validation(ValidationError([named])), {})
        assert "offer_some_rule" not in str(alone.detail)
        assert alone.detail["non_field_errors"]
        both = api_domain_words.speak(
            api_domain_words.from_model_validation(ValidationError({"title": ["Choose a partner.", named]})), {}
        )
        assert both.detail == {"title": ["Choose a partner."]}
