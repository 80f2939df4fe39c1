"""Idempotency keys for the API's creates and actions: a retry after a dropped connection does not do it twice.

A client sends ``Idempotency-Key: <up to 255 visible ASCII characters>`` with a POST (a create or an action). The
first request with a key claims it in the shared cache (``django.core.cache``, so every app server sees it), per
person: another person's key never collides. Then:

- the same key with the same request (method, path with query string, content type and body, byte for byte)
  replays the stored answer: status, body and the headers that describe it (Content-Type, Location, ETag), with
  ``Idempotent-Replayed: true``; nothing runs again;
- the same key with another request answers 422 (``idempotency_key_reused``);
- the same key while the first request still runs answers 409 (``idempotency_key_in_use``).

Only an answer that did something (2xx) is kept, for ``IDEMPOTENCY_KEEP_SECONDS`` (24 hours). A refused request
(4xx, 5xx) changed nothing, so its key is released and a retry runs again. A claim whose request never finished
(a killed worker) expires after ``IDEMPOTENCY_RUNNING_SECONDS``. Keys are checked after authentication and the
permission check: a bad token is still a 401, and anonymous callers (who cannot create anything) are not keyed.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status

HEADER = "Idempotency-Key"
MAX_LENGTH = 255
REPLAYED_HEADER = "Idempotent-Replayed"
KEPT_HEADERS = ("Content-Type", "Location", "ETag")
PARAMETER_SCHEMA = {"type": "string", "minLength": 1, "maxLength": MAX_LENGTH, "pattern": "^[!-~]+$"}


def keep_seconds() -> int:
    return getattr(settings, "IDEMPOTENCY_KEEP_SECONDS", 24 * 60 * 60)


def running_seconds() -> int:
    return getattr(settings, "IDEMPOTENCY_RUNNING_SECONDS", 5 * 60)


class KeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("This Idempotency-Key was used before with another request. Use a new key for a new request.")
    default_code = "idempotency_key_reused"


class KeyInUse(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _(
        "A request with this Idempotency-Key is still running. Wait for its answer, then retry with the same key."
    )
    default_code = "idempotency_key_in_use"


class _Replay(Exception):
    def __init__(self, stored: dict):
        super().__init__("replay")
        self.stored = stored


def _valid(key: str) -> bool:
    return 0 < len(key) <= MAX_LENGTH and all("!" <= char <= "~" for char in key)


def _fingerprint(request) -> str:
    """The request as sent; read before DRF parses the body (the stream can be read only once)."""
    digest = hashlib.sha256()
    for part in (request.method, request.get_full_path(), request.content_type or ""):
        digest.update(part.encode() + b"\0")
    digest.update(request.body)
    return digest.hexdigest()


class IdempotentMixin:
    """For an API view with creates or actions (POST): honours ``Idempotency-Key`` as the module says."""

    idempotent_methods = ("POST",)
    _idempotency_claim: str | None = None

    def initial(self, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        keyed = key is not None and request.method in self.idempotent_methods
        fingerprint = _fingerprint(request._request) if keyed else None
        super().initial(request, *args, **kwargs)  # authentication, permissions, throttles first
        if not keyed or not request.user.is_authenticated:
            return
        if not _valid(key):
            raise exceptions.ValidationError(
                {HEADER: [_("Send at most 255 visible ASCII characters (no spaces) as the Idempotency-Key.")]}
            )
        cache_key = f"idempotency:{request.user.pk}:{hashlib.sha256(key.encode()).hexdigest()}"
        if cache.add(cache_key, {"fingerprint": fingerprint, "running": True}, running_seconds()):
            self._idempotency_claim = cache_key
            self._idempotency_fingerprint = fingerprint
            return
        stored = cache.get(cache_key)
        if stored is None:  # expired between the two calls: the key is free again, ask the client to retry
            raise KeyInUse()
        if stored["fingerprint"] != fingerprint:
            raise KeyReused()
        if stored.get("running"):
            raise KeyInUse()
        raise _Replay(stored)

    def handle_exception(self, exc):
        if isinstance(exc, _Replay):
            stored = exc.stored
            response = HttpResponse(stored["content"], status=stored["status"])
            for name, value in stored["headers"].items():
                response[name] = value
            response[REPLAYED_HEADER] = "true"
            return response
        return super().handle_exception(exc)

    def dispatch(self, request, *args, **kwargs):
        try:
            response = super().dispatch(request, *args, **kwargs)
        except BaseException:
            self._release()
            raise
        claim = self._idempotency_claim
        if claim is not None:
            if 200 <= response.status_code < 300:
                if hasattr(response, "render"):
                    response.render()
                stored = {
                    "fingerprint": self._idempotency_fingerprint,
                    "status": response.status_code,
                    "content": response.content,
                    "headers": {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
                }
                cache.set(claim, stored, keep_seconds())
                self._idempotency_claim = None
            else:
                self._release()
        return response

    def _release(self):
        if self._idempotency_claim is not None:
            cache.delete(self._idempotency_claim)
            self._idempotency_claim = None
