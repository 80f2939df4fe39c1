"""API errors in the portal's words, not the database's or the framework's.

Two kinds of message would otherwise reach an API client as they are:

- Django's message for a model constraint without its own message names the constraint ("Constraint
  “covenant_one_partner” is violated."). A model's own validation usually says the same thing in words already;
  the constraint's message is then dropped, and where it stands alone it becomes a sentence without the name.
- Django REST framework's related fields speak of primary keys ('Invalid pk "2" - object does not exist.',
  "Incorrect type. Expected pk value, received str."). They become a sentence that names the kind of object the
  field takes and, where the field describes it, which ones are allowed.

``charter_portal.api_errors.exception_handler`` calls ``speak`` on every validation error, and turns a model's
``ValidationError`` (from ``full_clean`` in a service) into the API's own with ``from_model_validation``.
"""

import re
from functools import cache

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models.constraints import BaseConstraint
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import exceptions, relations, serializers
from rest_framework.exceptions import ErrorDetail

RELATED_CODES = {"does_not_exist", "incorrect_type"}
QUOTED = re.compile(r"[\"“‘']([^\"”’']*)[\"”’']")


@cache
def _constraint_default(language: str | None) -> re.Pattern:
    """Django's message, in ``language``, for a constraint without a message of its own, with any name."""
    with translation.override(language):
        template = str(BaseConstraint.default_violation_error_message)
    return re.compile(re.escape(template).replace(re.escape("%(name)s"), ".+"))


def names_a_constraint(message) -> bool:
    return bool(_constraint_default(translation.get_language()).fullmatch(str(message)))


def _without_constraint_names(messages: list) -> list:
    kept = [m for m in messages if not names_a_constraint(m)]
    if kept or not messages:
        return kept
    return [ErrorDetail(_("These values do not go together. Check the fields you sent."), code="invalid")]


def from_model_validation(exc: DjangoValidationError) -> exceptions.ValidationError:
    """A model's validation error as the API's: messages per field, the model's general ones as non_field_errors."""
    if hasattr(exc, "error_dict"):
        detail = {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    else:
        detail = {"non_field_errors": exc.messages}
    return exceptions.ValidationError(detail)


def _serializer(context):
    view = (context or {}).get("view")
    get_serializer = getattr(view, "get_serializer", None)
    if get_serializer is None:
        return None
    try:
        return get_serializer()
    except (AssertionError, AttributeError, TypeError, KeyError):
        # A view without a serializer of its own (an action that reads its body by hand): no field to describe.
        return None


def _fields_of(field) -> dict:
    if isinstance(field, serializers.ListSerializer):
        field = field.child
    return getattr(field, "fields", None) or {}


def _related_message(field, message: ErrorDetail) -> ErrorDetail:
    if isinstance(field, relations.ManyRelatedField):
        field = field.child_relation
    queryset = getattr(field, "queryset", None)
    thing = queryset.model._meta.verbose_name if queryset is not None else _("object")
    if message.code == "incorrect_type":
        text = _("Send the id of a %(thing)s: a whole number.") % {"thing": thing}
    else:
        value = QUOTED.search(str(message))
        text = _("No %(thing)s with the id %(value)s can be chosen here.") % {
            "thing": thing,
            "value": value.group(1) if value else "",
        }
    if getattr(field, "help_text", None):
        text = f"{text} {field.help_text}"
    return ErrorDetail(text, code=message.code)


def _speak(detail, field):
    """``detail`` with its messages in the portal's words; ``field`` is the serializer or field it belongs to."""
    if isinstance(detail, dict):
        fields = _fields_of(field)
        return {key: _speak(value, fields.get(key)) for key, value in detail.items()}
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            messages = [
                _related_message(field, item)
                if field is not None and getattr(item, "code", None) in RELATED_CODES
                else item
                for item in detail
            ]
            return _without_constraint_names(messages)
        return [_speak(item, getattr(field, "child", None)) for item in detail]
    return detail


def speak(exc: exceptions.ValidationError, context) -> exceptions.ValidationError:
    """The same error with constraint names and primary-key wording replaced by the portal's words."""
    exc.detail = _speak(exc.detail, _serializer(context))
    return exc
