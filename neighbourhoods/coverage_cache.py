"""The computed coverage, kept per process until anything it depends on changes.

Computing the coverage of every area reads whole tables (10 queries) and runs the engine over every
offer: cheap for Ghent, about a second for a region of 20,000 areas and 100,000 offers. Pages ask for
it on every request, so each process keeps the last few reports, keyed by the day, whether geometry
was loaded, and a *version token* shared by all processes through the cache (``settings.CACHES``).

Exact invalidation: every save or delete of an offer, collaboration, collaboration member,
organisation, neighbourhood, movement circle or function, and every change of their links (functions,
areas, circles of offers and collaborations, neighbourhoods of circles), replaces the token; so do
the services that write with ``QuerySet.update`` (the priority recomputation) and ``seed_scale``.
The token is replaced at once (so the same transaction sees its own change) and again after the
commit (so a report computed by another process during the transaction, from the old data, is never
kept under the new token).
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction

from charter_portal import data_version

VERSION_KEY = "coverage:version"
KEEP = 4  # reports kept per process (a few days or with/without geometry)

_lock = threading.Lock()
_reports: OrderedDict[tuple, object] = OrderedDict()


def current_version() -> str:
    """The shared token (one cache read); created when the cache has none (after a restart or a clear)."""
    return data_version.read_token(VERSION_KEY)


def _replace_token() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate() -> None:
    """Forget every computed coverage, in every process: now and once the current transaction commits."""
    _replace_token()
    transaction.on_commit(_replace_token)


def cached(key: tuple, compute):
    """The report for ``key`` under the current token, computed by ``compute()`` when this process has none."""
    full_key = (current_version(), *key)
    with _lock:
        report = _reports.get(full_key)
        if report is not None:
            _reports.move_to_end(full_key)
            return report
    report = compute()
    with _lock:
        _reports[full_key] = report
        while len(_reports) > KEEP:
            _reports.popitem(last=False)
    return report


def clear_local() -> None:
    with _lock:
        _reports.clear()


def _on_change(sender, **kwargs):
    invalidate()


def _on_links_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate()


def connect() -> None:
    """Hook the invalidation to the models the coverage reads (called from the app's ``ready``)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from neighbourhoods.models import MovementCircle, Neighbourhood
    from offers.models import Collaboration, CollaborationMember, Offer
    from organisations.models import Function, Organisation

    for model in (Offer, Collaboration, CollaborationMember, Organisation, Neighbourhood, MovementCircle, Function):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"coverage-cache-save-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"coverage-cache-delete-{model.__name__}")
    for through in (
        Offer.functions.through,
        Offer.neighbourhoods.through,
        Offer.movement_circles.through,
        Collaboration.neighbourhoods.through,
        Collaboration.movement_circles.through,
        MovementCircle.neighbourhoods.through,
    ):
        m2m_changed.connect(_on_links_changed, sender=through, dispatch_uid=f"coverage-cache-links-{through.__name__}")
