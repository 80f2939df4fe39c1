"""Refuse invisible control characters in what a request sends, before any view reads it.

A NUL in a filter value (``?indicator=%00``) reached PostgreSQL, which refuses NUL in text, and the portal
answered 500; other control characters would be stored and shown. No one types them on purpose, so
``ControlCharacterMiddleware`` answers 400 and nothing is read or written:

- in every query parameter (name and value), every control character (Unicode category Cc: U+0000-U+001F
  and U+007F-U+009F);
- in body fields (form fields, every string and key of a JSON body), the same except tab, line feed and
  carriage return, which multi-line text needs. (Django drops them from the names of uploaded files itself.)

Pages get a 400 page with the sentence from ``ControlCharacterMiddleware``; the same answer serves ``BadInput``
raised by a page's view (an unknown export dialect, ``charter_portal.exports``). The API is checked by
``ControlCharacterCheck`` after authentication and the permission check, as every other validation there (a bad
token is still a 401, an anonymous call of a private endpoint still asks for credentials), and answers its JSON
error (``charter_portal.api_errors``: code ``invalid``, the message under the parameter's name in ``fields``).
"""

import json
import re

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework import exceptions

from charter_portal.errors import BadInput

API_PREFIX = "/api/"
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_JSON_TYPES = ("application/json", "application/vnd.api+json")


def _shown(name: str) -> str:
    """A field name safe to repeat in a message."""
    return CONTROL.sub("\N{REPLACEMENT CHARACTER}", name)[:60] or "?"


def _in_json(value, path: str = ""):
    """The dotted path of the first string (or key) in a JSON value with a forbidden character, or None."""
    if isinstance(value, str):
        return (path or "non_field_errors") if CONTROL_IN_TEXT.search(value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        name = f"{path}.{key}" if path else str(key)
        if isinstance(key, str) and CONTROL_IN_TEXT.search(key):
            return name
        found = _in_json(item, name)
        if found:
            return found
    return None


def control_in_query(request) -> str | None:
    """The name of the first query parameter with a control character in its name or a value."""
    for name, values in request.GET.lists():
        if CONTROL.search(name) or any(CONTROL.search(value) for value in values):
            return name
    return None


def control_in_body(request) -> str | None:
    """The name of the first body field with a forbidden control character, or None.

    A body Django cannot read (too large, too many fields, not JSON) is left to the view, which refuses it as
    it does today."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    try:
        if request.content_type in _JSON_TYPES:
            if not request.body:
                return None
            return _in_json(json.loads(request.body))
        for name, values in request.POST.lists():
            if CONTROL_IN_TEXT.search(name) or any(CONTROL_IN_TEXT.search(value) for value in values):
                return name
    except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, ValueError, RecursionError):
        return None
    return None


def _refusal(request) -> tuple[str, str] | None:
    """(field, sentence) for the first query parameter or body field with a forbidden character, or None."""
    name = control_in_query(request)
    if name is not None:
        message = _("The address contains an invisible control character in “%(name)s”. Remove it and try again.")
        return _shown(name), message % {"name": _shown(name)}
    name = control_in_body(request)
    if name is not None:
        message = _(
            "“%(name)s” contains an invisible control character. Only tabs and line breaks are allowed: "
            "remove it and send again."
        )
        return _shown(name), message % {"name": _shown(name)}
    return None


def bad_request_page(request, message):
    return render(request, "bad_request.html", {"message": message}, status=400)


class ControlCharacterMiddleware:
    """For pages (the API has ``ControlCharacterCheck``). Put it after the authentication and message middleware:
    the 400 page shows the person's menu."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            refusal = _refusal(request)
            if refusal is not None:
                return bad_request_page(request, refusal[1])
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BadInput) and not request.path_info.startswith(API_PREFIX):
            return bad_request_page(request, exception.message)
        return None


class ControlCharacterCheck:
    """The API's check, first in ``REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]``. It throttles nothing: the
    throttles are DRF's one hook that runs for every API view after authentication and the permission check."""

    def allow_request(self, request, view) -> bool:
        refusal = _refusal(request._request)
        if refusal is not None:
            field, message = refusal
            raise exceptions.ValidationError({field: [message]})
        return True

    def wait(self):
        return None
