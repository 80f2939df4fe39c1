"""Lean list pages for the API: one query for the rows, their links aggregated in the database, no model instances.

A DRF list builds a model instance per row, prefetches each many-to-many relation in a query of its own and
runs every field of the serializer on every row: most of the time of a page of 50 offers. ``LeanListMixin``
reads the same page as plain values in one query, where every many-to-many relation of the serializer is one
correlated subquery that aggregates the linked ids or codes (``StringAgg``, which Django offers on every
database), and turns the rows into exactly what the serializer would give (a test compares the two, row by
row, for every lean list). The count of the paginator is Django's ``COUNT(*)`` over the filtered rows, without
the subqueries; it is exact.

What it reads is derived from the viewset's serializer, field by field:

- a many-to-many relation (``PrimaryKeyRelatedField`` or ``SlugRelatedField`` with ``many=True``): its ids or
  slugs in the related model's ordering, as the prefetch would give them;
- a foreign key (``PrimaryKeyRelatedField``): the ``_id`` column;
- a model field or a field of a related row (``source="organisation.name"``): its column, through a join;
  values of types that DRF formats (decimals, dates, times, UUIDs) go through the serializer field's own
  ``to_representation``, so formats stay the serializer's;
- anything else (a method field, a custom field): the viewset names it in ``lean_extra`` with an
  expression, and may finish rows in ``lean_finish``.

A field the module cannot read raises ``ImproperlyConfigured`` on the first request; lists without
``LeanListMixin`` keep DRF's way.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connection, models
from django.db.models import F, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast
from rest_framework import relations, serializers
from rest_framework.response import Response

SEPARATOR = ","
# Fields whose value from the database is already what the serializer writes (or None).
_AS_IS = (
    serializers.BooleanField,
    serializers.CharField,
    serializers.IntegerField,
)


@dataclass(frozen=True)
class Linked:
    """For ``lean_extra``: the ``value_field`` values of the rows that point to each row through the reverse
    foreign key ``name`` (e.g. a signal's theme rows), as a list in the related model's ordering."""

    name: str
    value_field: str
    where: tuple = ()  # (lookup, value) pairs that the related rows must match
    order_by: tuple = ()  # instead of the related model's ordering


def _link_columns(model, name: str, value_field: str, link: Linked | None = None):
    """The rows that link ``model`` to the values of its many-to-many ``name`` (or the rows of its reverse
    foreign key ``name``), the column there that points to ``model``, the value's column and the ordering,
    as lookups on those rows."""
    field = model._meta.get_field(name)
    if field.one_to_many:  # a reverse foreign key: the related rows hold the values themselves
        related = field.related_model
        rows = related._default_manager.filter(**dict(link.where)) if link else related._default_manager.all()
        ordering = list((link and link.order_by) or related._meta.ordering or ["pk"])
        return rows, field.field.attname, value_field, [*ordering, "pk"]
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    ordering = [
        f"-{target}__{item[1:]}" if item.startswith("-") else f"{target}__{item}"
        for item in (field.related_model._meta.ordering or ["pk"])
    ]
    column = f"{target}__{value_field}" if value_field != "pk" else f"{target}_id"
    return through._default_manager.all(), f"{source}_id", column, [*ordering, f"{target}_id"]


def linked(model, name: str, value_field: str = "pk", link: Linked | None = None):
    """The ids (or ``value_field`` values) linked to each row of ``model`` by its many-to-many ``name``, joined by
    commas in the related model's ordering: a correlated subquery, one value per row. Needs a database that
    orders inside an aggregate (PostgreSQL, SQLite 3.44+); ``linked_rows`` is the fallback."""
    rows, source, column, ordering = _link_columns(model, name, value_field, link)
    values = (
        rows.filter(**{source: OuterRef("pk")})
        .order_by()
        .values(source)
        .annotate(values=StringAgg(Cast(column, models.TextField()), Value(SEPARATOR), order_by=ordering))
        .values("values")
    )
    return Subquery(values, output_field=models.TextField())


def linked_rows(model, name: str, value_field: str, ids: list, link: Linked | None = None) -> dict:
    """The fallback of ``linked`` for a page of rows: one ordered query for all of them, values by row id."""
    rows, source, column, ordering = _link_columns(model, name, value_field, link)
    found: dict = {}
    for row_id, value in rows.filter(**{f"{source}__in": ids}).order_by(*ordering).values_list(source, column):
        found.setdefault(row_id, []).append(value)
    return found


def _split(text: str | None, convert) -> list:
    return [convert(item) for item in text.split(SEPARATOR)] if text else []


class _Plan:
    """How to read and write each field of a serializer from a values() row."""

    def __init__(self, serializer: serializers.Serializer, model, extra: dict):
        self.columns: dict[str, object] = {}  # alias -> expression for .values()
        self.later: list[tuple] = []  # links read after the rows, where the database cannot aggregate them
        self.writers: list[tuple[str, str, object]] = []  # (output name, alias, convert or None)
        for name, field in serializer.fields.items():
            if field.write_only and name not in extra:  # unless the viewset writes it itself (lean_extra)
                continue
            alias = f"lean_{name}"
            if isinstance(extra.get(name), Linked):
                link = extra[name]
                convert = int if link.value_field == "pk" or link.value_field.endswith("_id") else str
                self._link(name, alias, model, link.name, link.value_field, convert, link)
            elif name in extra:
                self.columns[alias] = extra[name]
                self.writers.append((name, alias, None))
            elif isinstance(field, relations.ManyRelatedField):
                self._many(name, alias, field, model)
            elif isinstance(field, relations.PrimaryKeyRelatedField):
                self.columns[alias] = F(_path(field.source) + "_id")
                self.writers.append((name, alias, None))
            elif isinstance(field, serializers.ModelField | relations.RelatedField | serializers.SerializerMethodField):
                raise ImproperlyConfigured(f"{type(serializer).__name__}.{name}: name it in lean_extra")
            elif isinstance(field, serializers.Field) and not isinstance(field, serializers.BaseSerializer):
                self._value(name, alias, field, model, type(serializer).__name__)
            else:
                raise ImproperlyConfigured(f"{type(serializer).__name__}.{name}: nested serializers are not lean")

    def _many(self, name, alias, field, model):
        child = field.child_relation
        try:
            model._meta.get_field(field.source)
        except FieldDoesNotExist:
            raise ImproperlyConfigured(f"{name}: {field.source} is not a relation of {model.__name__}") from None
        if isinstance(child, relations.SlugRelatedField):
            value_field, convert = child.slug_field, str
        elif isinstance(child, relations.PrimaryKeyRelatedField):
            value_field, convert = "pk", int
        else:
            raise ImproperlyConfigured(f"{name}: only id and slug relations are read lean")
        self._link(name, alias, model, field.source, value_field, convert)

    def _link(self, name, alias, model, relation, value_field, convert, link=None):
        if connection.features.supports_aggregate_order_by_clause:
            self.columns[alias] = linked(model, relation, value_field, link)
            self.writers.append((name, alias, functools.partial(_split, convert=convert)))
        else:  # filled in by ``complete`` with one query per relation for the whole page
            self.columns.setdefault("lean_pk", F("pk"))
            self.later.append((alias, model, relation, value_field, link))
            self.writers.append((name, alias, None))

    def complete(self, rows: list[dict]) -> None:
        """Add the links that the database could not aggregate in order (see ``linked_rows``)."""
        if not self.later:
            return
        ids = [row["lean_pk"] for row in rows]
        for alias, model, name, value_field, link in self.later:
            found = linked_rows(model, name, value_field, ids, link) if ids else {}
            for row in rows:
                row[alias] = found.get(row["lean_pk"], [])

    def _value(self, name, alias, field, model, serializer_name):
        path = _path(field.source)
        try:
            _resolve(model, path)
        except FieldDoesNotExist:
            message = f"{serializer_name}.{name}: {field.source} is no column; name it in lean_extra"
            raise ImproperlyConfigured(message) from None
        self.columns[alias] = F(path)
        if type(field) in _AS_IS or isinstance(field, serializers.ChoiceField):  # a choice of any kind
            self.writers.append((name, alias, None))
        else:
            represent = field.to_representation
            self.writers.append((name, alias, lambda value, f=represent: None if value is None else f(value)))

    def write(self, row: dict) -> dict:
        return {name: row[alias] if convert is None else convert(row[alias]) for name, alias, convert in self.writers}


def _path(source: str) -> str:
    return source.replace(".", "__")


def _resolve(model, path: str):
    *joins, last = path.split("__")
    for part in joins:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(last)


class LeanListMixin:
    """For a viewset's ``list``: read the page as values (see the module's docstring). ``lean_extra`` maps an
    output field to an expression for values(); ``lean_finish(rows)`` may complete the written rows."""

    lean_extra: dict = {}

    def lean_finish(self, rows: list[dict]) -> list[dict]:
        return rows

    def _lean_plan(self) -> _Plan:
        cls = type(self)
        key = "_lean_plan_cache"
        plan = cls.__dict__.get(key)
        if plan is None:
            serializer = self.get_serializer()
            plan = _Plan(serializer, self.get_queryset().model, self.lean_extra)
            setattr(cls, key, plan)
        return plan

    def list(self, request, *args, **kwargs):
        plan = self._lean_plan()
        queryset = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        rows = queryset.values(**plan.columns)
        page = self.paginate_queryset(rows)
        rows = list(rows if page is None else page)
        plan.complete(rows)
        written = self.lean_finish([plan.write(row) for row in rows])
        if page is None:
            return Response(written)
        return self.get_paginated_response(written)
