"""One version token for all of the portal's data, replaced whenever any of it is written.

Rendered page parts and per-person menus are kept per process (``charter_portal.page_cache``) under
this token: a part is only reused while the token it was rendered under is still the current one.

*Which writes count.* Every ``INSERT``, ``UPDATE`` or ``DELETE`` that reaches the database through
Django, whatever wrote it (a model's ``save``, ``QuerySet.update``, ``bulk_create``, a raw cursor, a
management command, the admin), except writes to the tables listed in ``IGNORED_TABLES``: the session
table (a logged-in person's session is renewed once a minute while they read), the database cache
(where this token itself lives) and django-axes's login records. Nothing a page shows comes from
those tables. The statements are watched with a database *execute wrapper* installed on every
connection, so no code path can forget to announce its change.

*When the token changes.* A write in autocommit mode replaces the shared token (in
``settings.CACHES``, shared by every process) once the statement is done: before the connection's
next statement outside a transaction, before the token is read, at the end of the request, or when the
process exits. A write inside a
transaction replaces it when the transaction commits (``transaction.on_commit``), never before: a
process that read the token before the commit and rendered the old data keeps that part under the
old token only. Until the commit, the writing connection itself sees a *private* token (a fresh one
after each of its writes), so the same transaction never reads back a part rendered before its own
change, and nobody else can ever match that private token. A rolled-back transaction (or savepoint)
takes its private token with it.

*While migrating* (``migrate``, between ``pre_migrate`` and ``post_migrate``) writes are not watched
(the cache table itself may not exist yet); the token is replaced once the migrations are done.

*Within a request* the shared token is read at most once (``DataVersionMiddleware``), so a page
that uses several kept parts costs one cache read.
"""

from __future__ import annotations

import atexit
import contextlib
import re
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

VERSION_KEY = "portal:data-version"

# Tables whose writes change nothing a page shows (see the module docstring).
IGNORED_TABLES = frozenset({"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"})

_WRITE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO|TRUNCATE(?:\s+TABLE)?)\s+["`]?(\w+)""",
    re.IGNORECASE,
)

_local = threading.local()
_migrating = False


def _ignored_tables() -> frozenset:
    tables = set(IGNORED_TABLES)
    for options in settings.CACHES.values():
        if options.get("BACKEND", "").endswith("DatabaseCache"):
            tables.add(options["LOCATION"])
    return frozenset(tables)


def written_table(sql) -> str | None:
    """The table an INSERT/UPDATE/DELETE statement writes to, or None for anything else."""
    if not isinstance(sql, str):
        return None
    head = sql.lstrip()[:7].upper()
    if not head.startswith(("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCAT")):
        return None
    match = _WRITE.match(sql)
    return match.group(1).lower() if match else None


# --- the shared token ---------------------------------------------------------------------------------


def read_token(key: str) -> str:
    """A version token shared through the cache; created when the cache has none (after a restart or a
    flush). ``add`` makes sure that processes racing to create it all end up with the same value."""
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    return version


def _read_shared() -> str:
    return read_token(VERSION_KEY)


def replace() -> str:
    """Give the shared token a new value (every process's kept parts become unusable)."""
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, timeout=None)
    if getattr(_local, "in_request", False):
        _local.version = version
    return version


class _PendingChange:
    """Registered with ``transaction.on_commit`` by the first write of a transaction; holds its private token."""

    def __init__(self):
        self.version = uuid.uuid4().hex

    def __call__(self):
        replace()


def _pending(connection) -> _PendingChange | None:
    if not connection.in_atomic_block:
        return None
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _PendingChange):
            return callback
    return None


def flush(connection) -> None:
    """Replace the shared token now if an autocommit write of this connection is still to be announced.

    Not while the connection is inside a transaction: with the database cache, the announcement would
    be written in that transaction and lost if it rolls back, although the write it announces stayed.
    The transaction then works under a private token, and the announcement waits until it is over.
    """
    if not getattr(connection, "_portal_write_to_announce", False):
        return
    if connection.in_atomic_block:
        if _pending(connection) is None:
            connection.on_commit(_PendingChange())
        return
    connection._portal_write_to_announce = False
    replace()


def current(using: str = DEFAULT_DB_ALIAS) -> str:
    """The token to render and look up kept parts under, for the current thread."""
    flush(connections[using])
    pending = _pending(connections[using])
    if pending is not None:
        return pending.version
    version = getattr(_local, "version", None)
    if version is None:
        version = _read_shared()
        if getattr(_local, "in_request", False):
            _local.version = version
    return version


def _written(connection) -> None:
    if connection.in_atomic_block:
        pending = _pending(connection)
        if pending is None:
            connection.on_commit(_PendingChange())
        else:
            pending.version = uuid.uuid4().hex
    else:
        # Announced before this connection's next statement, or when the request or command ends: not
        # at once, because the caller may still be reading the statement's cursor (INSERT ... RETURNING),
        # and the database cache would run its own statements on the same connection in between.
        connection._portal_write_to_announce = True


class _WriteWatcher:
    """The execute wrapper: after a statement that wrote to a portal table, the data changed."""

    def __init__(self):
        self.ignored = None

    def __call__(self, execute, sql, params, many, context):
        flush(context["connection"])
        result = execute(sql, params, many, context)
        if _migrating:
            return result
        table = written_table(sql)
        if table is not None:
            if self.ignored is None:
                self.ignored = _ignored_tables()
            if table not in self.ignored:
                _written(context["connection"])
        return result


watch_writes = _WriteWatcher()


def install(sender=None, connection=None, **kwargs) -> None:
    """Watch the writes of a database connection (connected to ``connection_created``)."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def migrations_starting(sender=None, **kwargs) -> None:
    global _migrating
    _migrating = True


def migrations_done(sender=None, **kwargs) -> None:
    """After ``migrate`` (sent once per app; replacing the token more than once is harmless)."""
    global _migrating
    _migrating = False
    # Without the database cache's table (migrated back to zero) nobody can read a token either.
    with contextlib.suppress(DatabaseError):
        replace()


class DataVersionMiddleware:
    """Reads the shared token at most once per request (and forgets it when the request ends)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _local.in_request = True
        _local.version = None
        try:
            return self.get_response(request)
        finally:
            flush(connections[DEFAULT_DB_ALIAS])
            _local.in_request = False
            _local.version = None


@atexit.register
def _flush_at_exit() -> None:
    """A management command's last autocommit write is announced when the process ends."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(Exception):
            flush(connection)
