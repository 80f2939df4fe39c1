"""Rendered page parts and per-person menus, kept per process under the data version token.

A list page of the portal (the offer directory, the signal list, the coverage review, a covenant) is
read far more often than its data changes. Such a page renders its main part through
``render_part``: the part is kept in this process under a key made of

- the part's template, the language, the logged-in person (or none), today's date in Ghent,
- the request's query string (filters and page number) and whatever else the view names,
- and the data version token (``charter_portal.data_version``), which changes on every write,

so a kept part is only ever served to the same person, for the same question, in the same language,
on the same day, while no data has changed since it was rendered. Everything else on the page (the
header, the menu, messages, the CSRF token of forms) is rendered for each request as before. Forms
inside a kept part work: the part is rendered with a placeholder for the CSRF token, replaced by
the request's own token whenever the part is served.

Memory is bounded (``MAX_ENTRIES`` parts and ``MAX_BYTES`` of text per process, least recently used
first out); a restart or a data change simply renders again.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from charter_portal import data_version

MAX_ENTRIES = 2000
MAX_BYTES = 64 * 1024 * 1024

# Stands in for the CSRF token inside kept parts; random per process, never shown to anyone.
CSRF_PLACEHOLDER = "csrf" + secrets.token_hex(24)


class _Store:
    """A thread-safe least-recently-used store with a size limit, keyed by tuples."""

    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple, tuple[object, int]] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item[0]

    def put(self, key: tuple, value, size: int = 0) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._items[key] = (value, size)
            self._bytes += size
            while self._items and (len(self._items) > self.max_entries or self._bytes > self.max_bytes):
                _key, (_value, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)


store = _Store(MAX_ENTRIES, MAX_BYTES)


def clear_local() -> None:
    store.clear()


def kept(kind: str, key: tuple, compute, size=None):
    """``compute()``'s value for ``key`` under the current data version, computed once per process."""
    full_key = (kind, data_version.current(), *key)
    value = store.get(full_key)
    if value is None:
        value = compute()
        store.put(full_key, value, size(value) if size else 0)
    return value


def request_key(request, *extra) -> tuple:
    """Who asks what, in which language, on which day: everything a part may depend on besides the data."""
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    query = tuple(sorted((name, tuple(values)) for name, values in request.GET.lists()))
    return (user_id, translation.get_language(), timezone.localdate().isoformat(), request.path, query, *extra)


def render_part(request, template_name: str, context, *, vary: tuple = ()) -> SafeString:
    """Render ``template_name`` with ``context()`` (a callable, only called when the part is not kept).

    ``vary`` names anything else the part depends on that the request key does not cover.
    """

    def render() -> str:
        values = context()
        values["csrf_token"] = CSRF_PLACEHOLDER
        return render_to_string(template_name, values, request=request)

    html = kept("part", (template_name, *request_key(request, *vary)), render, size=len)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # noqa: S308 - the output of the template engine, autoescaped when rendered
