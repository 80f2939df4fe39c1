"""Where the coverage review gets its offers and collaborations.

Coverage rules belong here (``neighbourhoods.coverage``); the offers and collaborations they count belong to
the offers app, a layer above. That app registers a module at start-up (``provide_coverage_sources`` in
``offers/apps.py``) with ``load_offers(day)``, ``load_collaborations(day)`` (as the engine's records) and
``offers_by_ids(ids)``, ``collaborations_by_ids(ids)`` (model rows for display), and for a past day
``load_offers_as_of(day, before)``, ``load_collaborations_as_of(day, before)``: the same records as they stood
then, from the change history (``before`` is the end of that day).
"""

from django.core.exceptions import ImproperlyConfigured

_source = None


def provide_coverage_sources(source) -> None:
    global _source
    _source = source


def _provided():
    if _source is None:
        raise ImproperlyConfigured("No app provides the offers that coverage counts: is the offers app installed?")
    return _source


def load_offers(day):
    return _provided().load_offers(day)


def load_collaborations(day):
    return _provided().load_collaborations(day)


def load_offers_as_of(day, before):
    return _provided().load_offers_as_of(day, before)


def load_collaborations_as_of(day, before):
    return _provided().load_collaborations_as_of(day, before)


def offers_by_ids(ids):
    return _provided().offers_by_ids(ids)


def collaborations_by_ids(ids):
    return _provided().collaborations_by_ids(ids)


# Declared roles of the members of collaborations (who takes up which function), shown beside the offers that
# coverage counts; an app above registers ``roles(collaboration_ids) -> {collaboration id: [rows]}``.
_role_source = None


def provide_collaboration_roles(source) -> None:
    global _role_source
    _role_source = source


def collaboration_roles(ids) -> dict:
    return _role_source(ids) if _role_source is not None else {}
