"""Too large a request is refused before anything reads it: 413, the API's JSON error under /api/, a page elsewhere.

A request body may hold at most ``REQUEST_BODY_MAX_BYTES`` (1 MB by default: the longest text a field takes,
``charter_portal.text_limits``, many times over); a ``multipart/form-data`` body, the only kind that carries a
file, ``UPLOAD_MAX_BYTES`` (10 MB). The length a client declares is compared before the body is read (under WSGI
a body without a declared length is read as empty); Django's own ceiling for form fields,
``DATA_UPLOAD_MAX_MEMORY_SIZE``, is the same number. Nothing is read, saved or parsed for a refused request.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def body_limit(request) -> int:
    if request.content_type == "multipart/form-data":
        return settings.UPLOAD_MAX_BYTES
    return settings.REQUEST_BODY_MAX_BYTES


def _declared_length(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def too_large_response(request):
    limit = body_limit(request)
    message = _("The request is too large: send at most %(size)s MB.") % {"size": f"{limit / 1_000_000:g}"}
    if request.path_info.startswith(API_PREFIX):
        error = {"status": 413, "code": "request_too_large", "message": message, "fields": {}}
        return JsonResponse({"error": error}, status=413)
    return render(request, "bad_request.html", {"message": message}, status=413)


class RequestSizeMiddleware:
    """Put it before any middleware that reads the body (CSRF, the control-character guard)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _declared_length(request) > body_limit(request):
            return too_large_response(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return too_large_response(request)
        return None
