"""Computed values and rendered page parts, kept in Django's shared cache under per-domain version numbers.

Every kept value names the data *domains* it shows (``offers``, ``organisations``, ``coverage`` ...). Its
cache key is made of those domains' current version numbers and the caller's key parts, so a value is
only found again while none of its domains changed. The code that changes a domain calls
``bump(domain)`` (a service, the admin, a write in the API, a management command); the new version
numbers are written once the transaction commits, so nobody keeps data of a transaction that may
still roll back. Writes that bypass all of these (a SQL console, another program) show after the
expiry backstop, ``settings.CACHE_KEEP_SECONDS``.

A version is the time of the last bump in nanoseconds with a random part: it never returns to an
earlier value after a restart or an eviction of the cache, and two bumps never write the same one (the
database cache's ``incr`` is not atomic). Because a key holds the versions, the value under a key never
changes, so each process may also keep a copy of what it read (``_Copies``) without serving it stale.
The cache is shared by every process (Redis in production, the database cache by default), so a bump in
one process is seen by the next request of every process.

A failing cache makes kept values slower, not wrong: they are computed for each request (logged).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

DOMAINS = frozenset(
    {
        "accounts",
        "charter",
        "covenants",
        "coverage",
        "neighbourhoods",
        "notifications",
        "offers",
        "organisations",
        "participation",
        "signals",
        "support",
    }
)
# What the coverage (the engine's report, the review page, the coverage API) is computed from.
COVERAGE_DOMAINS = ("offers", "organisations", "neighbourhoods", "coverage")


def placeholder(label: str) -> str:
    """A stand-in for a request's own value (its CSRF token, CSP nonce ...) inside a kept part, replaced when the part
    is served. A part rendered by one process is served by every other, so all processes of a deployment must agree
    on it: it is derived from SECRET_KEY (unguessable, so no text a person writes can contain it)."""
    return label + salted_hmac("charter_portal.caching.placeholder", label, algorithm="sha256").hexdigest()[:48]


CSRF_PLACEHOLDER = placeholder("csrf")
NONCE_PLACEHOLDER = placeholder("nonce")
# In every key, so that parts rendered with the placeholders of another SECRET_KEY (before a key rotation, or by
# another deployment sharing the cache) are never found.
_KEY_SALT = CSRF_PLACEHOLDER[-12:]

_MISSING = object()
_local = threading.local()


def _new_version() -> str:
    """The time in nanoseconds and a random part: never the same twice, also under a frozen clock in tests."""
    return f"{time.time_ns()}.{secrets.token_hex(6)}"


def _version_key(domain: str) -> str:
    return f"portal:version:{domain}"


def _check(domains: Iterable[str]) -> tuple[str, ...]:
    domains = tuple(sorted(set(domains)))
    unknown = set(domains) - DOMAINS
    if unknown or not domains:
        raise ValueError(f"Unknown cache domain(s): {sorted(unknown) or 'none given'}")
    return domains


# --- bumping -------------------------------------------------------------------------------------------------


def _pending(using: str) -> set:
    """Domains this thread's transaction on ``using`` changed and will bump when it commits."""
    pending = getattr(_local, "pending", None)
    if pending is None:
        pending = _local.pending = {}
    connection = connections[using]
    if not connection.in_atomic_block:
        pending.pop(using, None)  # a rolled-back transaction leaves its bumps behind; they are void
    return pending.setdefault(using, set())


def forget_pending() -> None:
    """Forget the bumps of transactions that never committed. Each test of the suite runs in a transaction that
    is rolled back without ever leaving the atomic block, so the suite calls this between tests; a process
    forgets them by itself at its next ``kept`` outside a transaction."""
    _local.pending = {}


def _write_versions(domains: tuple[str, ...], using: str) -> None:
    getattr(_local, "pending", {}).get(using, set()).difference_update(domains)
    now = _new_version()
    snapshot = getattr(_local, "versions", None)
    if snapshot:
        snapshot.update(dict.fromkeys(domains, now))  # this request reads what it wrote
    try:
        cache.set_many({_version_key(domain): now for domain in domains}, timeout=None)
    except Exception:
        # The write itself stands; kept values of these domains are at most the expiry backstop old.
        logger.exception("Could not bump the cache versions of %s", ", ".join(domains))


def bump(*domains: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """Make every value kept under ``domains`` unfindable, once the current transaction commits (now without one)."""
    domains = _check(domains)
    if connections[using].in_atomic_block:
        _pending(using).update(domains)
    transaction.on_commit(lambda: _write_versions(domains, using), using=using, robust=True)


def domain_of(model) -> str:
    """The domain of a model: its app's label (every app of the portal is a domain)."""
    return model._meta.app_label


def bump_model(model, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Bump the domain of ``model`` if it has one (models of Django's own apps have none)."""
    domain = domain_of(model)
    if domain in DOMAINS:
        bump(domain, using=using)


def bump_all() -> None:
    """For commands that write across the portal (imports, seeding)."""
    bump(*DOMAINS)


def bumps(*domains: str):
    """Decorator for a service function: bump ``domains`` after it wrote (after the commit, see ``bump``)."""
    domains = _check(domains)

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            result = function(*args, **kwargs)
            bump(*domains)
            return result

        return wrapper

    return decorate


# --- keeping ---------------------------------------------------------------------------------------------


def _read_versions(domains: Iterable[str]) -> dict[str, str]:
    keys = {_version_key(domain): domain for domain in domains}
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        # After a restart or an eviction: ``add`` lets racing processes agree on one number.
        now = _new_version()
        for key in missing:
            cache.add(key, now, timeout=None)
        found.update(cache.get_many(missing))
    return {keys[key]: value for key, value in found.items()}


def _versions(domains: tuple[str, ...]) -> tuple:
    snapshot = getattr(_local, "versions", None)
    if snapshot is None:  # outside a request: read what these domains are now
        found = _read_versions(domains)
    else:  # inside a request: every domain's version, read once (one round trip), then from the snapshot
        if not snapshot:
            snapshot.update(_read_versions(DOMAINS))
        found = snapshot
    return tuple(found.get(domain) for domain in domains)


class RequestVersionsMiddleware:
    """Read the version numbers of every domain once per request, at its first kept value, instead of once per
    kept value: one round trip to the cache for the whole page, and every part of one page sees the same
    state of the data. The request's own writes update the snapshot when they commit (``_write_versions``).
    Place it before anything that reads kept values (the session's user, the menu)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _local.versions = {}
        try:
            return self.get_response(request)
        finally:
            _local.versions = None


def cache_key(domains: Iterable[str], key_parts: tuple) -> str:
    """The cache key of a value: its domains' current version numbers and the caller's key parts, hashed."""
    domains = _check(domains)
    raw = repr((domains, _versions(domains), key_parts, _KEY_SALT)).encode()
    return "portal:kept:" + hashlib.sha256(raw).hexdigest()


class _Copies:
    """This process's copies of values read from the shared cache, by their full key.

    A full key holds the version numbers of the value's domains, so the value under it never changes: a
    bump makes new keys, it never alters an old one. A copy is therefore never stale, and needs no
    invalidation; the version numbers themselves are always read from the shared cache. Bounded (least
    recently used out first) and short-lived (the expiry backstop), so memory stays small.
    """

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._items: OrderedDict[str, tuple[float, object]] = OrderedDict()

    def get(self, key: str, lifetime: int):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return _MISSING
            if time.time() - item[0] > lifetime:
                del self._items[key]
                return _MISSING
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: str, value) -> None:
        with self._lock:
            self._items[key] = (time.time(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


copies = _Copies(max_entries=500)


def kept(
    domains: Iterable[str],
    key_parts: tuple,
    compute: Callable,
    *,
    timeout: int | None = None,
    asker: bool = False,
    variants: str | None = None,
):
    """``compute()``'s value for ``key_parts``, computed once for all processes until one of ``domains`` is bumped.

    Inside a transaction that changed one of ``domains`` (its bump waits for the commit) the value is
    computed and not kept: it would show data that others cannot see yet. Callers must not change what
    they get: it may be this process's copy (``_Copies``).

    ``variants``: for a value whose key holds what a caller typed (a query string marked by ``request_key``), the
    name of its family: with the rest of the key (language, path, audience ...) it makes the family the value is
    counted in (``_variant_family``). A family keeps at most ``settings.CACHE_KEEP_VARIANTS`` values per version
    of its domains; beyond that a new key is computed for each request and not kept, so nobody can fill the cache
    by sending ever new queries (``_admitted``).

    ``settings.CACHE_KEEP_BYPASS`` (the benchmark's cold run) computes every value for each request, except
    those about who is asking (``asker=True``: the person, their token, their memberships): a change of the
    data a page shows leaves those kept, so the first caller after it finds them.
    """
    domains = _check(domains)
    if (settings.CACHE_KEEP_BYPASS and not asker) or _pending(DEFAULT_DB_ALIAS) & set(domains):
        return compute()
    lifetime = timeout if timeout is not None else settings.CACHE_KEEP_SECONDS
    try:
        key = cache_key(domains, key_parts)
    except Exception:
        logger.exception("The cache did not answer; computing without it")
        return compute()
    value = copies.get(key, lifetime)
    if value is not _MISSING:
        return value
    try:
        value = cache.get(key, _MISSING)
    except Exception:
        logger.exception("The cache did not answer; computing without it")
        return compute()
    if value is _MISSING:
        value = compute()
        if variants is not None and not _admitted(domains, _variant_family(variants, key_parts), lifetime):
            return value
        try:
            cache.set(key, value, timeout=lifetime)
        except Exception:
            logger.exception("The cache did not keep a value")
    copies.put(key, value)
    return value


def _admitted(domains: tuple[str, ...], family: tuple, lifetime: int) -> bool:
    """Whether one more value of ``family`` may be kept under the current versions of ``domains``: a counter per
    family and versions, expiring with the values it counts (so about twice the limit at most live at once)."""
    counter = cache_key(domains, ("variants", *family))
    limit = settings.CACHE_KEEP_VARIANTS
    try:
        cache.add(counter, 0, timeout=lifetime)
        count = cache.incr(counter)
    except ValueError:  # the counter expired between add and incr: count again from here
        return True
    except Exception:
        logger.exception("The cache did not count the kept variants")
        return False
    if count == limit + 1:
        logger.warning("%s has %s kept variants: further ones are not kept until its data changes", family[0], limit)
    return count <= limit


# --- page parts -------------------------------------------------------------------------------------------


def audience(actor) -> tuple:
    """What a person may see, as far as the portal's rules go: a visitor, or their (organisation, role)
    pairs (city staff are members of a city service; public bodies are known by their organisations too),
    and whether they are one of the city's charter coordinators (a mark on a membership, not a role);
    superusers see everything. Never who they are."""
    if not actor.is_authenticated:
        return ("visitor",)
    return (
        "superuser" if actor.is_superuser else "member",
        tuple(sorted(actor.roles.items())),
        "coordinator" if actor.is_charter_coordinator else "",
    )


def request_key(request, actor, *, personal: bool = False, leave_out: tuple[str, ...] = ()) -> tuple:
    """Who asks what, in which language, on which day: everything a part may depend on besides the data.
    ``leave_out``: query parameters the value does not depend on (which page of a list, for its total)."""
    query = ("query", *sorted((name, tuple(values)) for name, values in request.GET.lists() if name not in leave_out))
    person = (actor.user.pk,) if personal and actor.is_authenticated else ()
    return (
        translation.get_language(),
        timezone.localdate().isoformat(),
        request.path,
        query,
        audience(actor),
        *person,
    )


def _variant_family(name: str, key: tuple) -> tuple:
    """The family of a kept value whose key holds a query string: ``name`` and the key without the query (its
    language, day, path, audience ...), so that each audience's and language's variants are counted apart and
    nobody's stream of new queries leaves another audience without its kept parts."""
    return (name, hashlib.sha256(repr(tuple(part for part in key if not _is_query(part))).encode()).hexdigest())


def _is_query(part) -> bool:
    return isinstance(part, tuple) and part[:1] == ("query",)


def render_part(request, template_name: str, context: Callable[[], dict], **options) -> SafeString:
    """Render ``template_name`` with ``context()`` (only called when the part is not kept), keep it and serve it.

    The part is rendered without the request's context processors: it sees ``context()`` and the
    ``actor`` only, so neither the page header, the person's name nor the menu can end up in it. The
    CSRF token and CSP nonce are placeholders, replaced by the request's own when the part is served.
    The key: the template, language, day, path, query string, the caller's audience (``audience``) and
    ``vary``. ``options`` are ``kept_part``'s: ``domains``; ``public=True``: the part is the same for everyone
    (rendered for a visitor, kept once); ``personal=True`` adds the person's id, for a part that shows their own
    private data; ``leave_out``: query parameters the part does not depend on.
    """
    return serve(request, kept_part(request, template_name, context, **options))


def kept_part(
    request,
    template_name: str,
    context: Callable[[], dict],
    *,
    domains: Iterable[str],
    vary: tuple = (),
    public: bool = False,
    personal: bool = False,
    leave_out: tuple[str, ...] = (),
) -> SafeString:
    """``render_part``'s HTML as it is kept, placeholders and all: for a part inside another kept part (the part
    that holds it serves both), e.g. the filters of a list, which ``leave_out=("page",)`` keeps once for all its
    pages."""
    from charter_portal.permissions.core import ANONYMOUS, actor_for

    actor = ANONYMOUS if public else actor_for(getattr(request, "user", None))

    def render() -> str:
        values = context()
        values.setdefault("actor", actor)
        values["csrf_token"] = CSRF_PLACEHOLDER
        values["csp_nonce"] = NONCE_PLACEHOLDER
        return render_to_string(template_name, values)

    key = ("part", template_name, *request_key(request, actor, personal=personal, leave_out=leave_out), *vary)
    return mark_safe(kept(domains, key, render, variants=template_name))  # noqa: S308 - the template engine's output


def serve(request, html: str, own: dict[str, str] | None = None) -> SafeString:
    """A kept part as this request gets it: the CSRF token and CSP nonce placeholders replaced by the request's own,
    and each other placeholder of ``own`` by its value (which the caller has escaped)."""
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    if NONCE_PLACEHOLDER in html:
        nonce = get_nonce(request)  # a lazy object: evaluating it puts the nonce into the CSP header
        html = html.replace(NONCE_PLACEHOLDER, str(nonce) if nonce is not None else "")
    for stand_in, value in (own or {}).items():
        html = html.replace(stand_in, value)
    return mark_safe(html)  # noqa: S308 - the output of the template engine, autoescaped when rendered
