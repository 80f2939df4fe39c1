"""``?format=csv`` for list endpoints: the rows a spreadsheet user wants, in a file Excel and LibreOffice open.

Flat columns: nested objects become dotted column names (``organization.name``), lists of values are
joined with ``;``, and lists of objects give one column per field with the values of all items joined
with ``;`` (``attributes.taxonomy_term.code`` -> ``leisure;warm_place``). Paginated responses render
their rows (DRF's ``results``, HSDS's ``contents``); a single object is one row. The file is written by the
portal's export helper (``charter_portal.exports``: text neutralised against formulas, numbers and dates as
such): RFC 4180 by default, ``?dialect=excel-nl`` for Excel with Dutch settings (``;``, decimal comma, a byte
order mark); an unknown dialect is a 400. ``Content-Disposition: attachment``.

Enable it for the whole API by adding it after the JSON renderer (JSON stays the default, the
browsable API stays available)::

    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "charter_portal.api_csv.CSVRenderer",
    ],

or per viewset on its list only, with ``CSVListMixin`` (which also refuses an unknown ``dialect`` with a 400).
"""

import re

from django.http import Http404
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer
from rest_framework.settings import api_settings

from charter_portal import exports
from charter_portal.errors import BadInput

SEPARATOR = ";"
ROW_KEYS = ("results", "contents")
_NUMBER_FIELDS = (serializers.IntegerField, serializers.FloatField, serializers.DecimalField)
_DATE_FIELDS = (serializers.DateField, serializers.DateTimeField)


def flatten(value, prefix: str = "") -> dict[str, list]:
    """Column name -> the values in that column for one row (several when the value came from a list)."""
    columns: dict[str, list] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for column, values in flatten(item, name).items():
                columns.setdefault(column, []).extend(values)
    elif isinstance(value, list | tuple):
        columns.setdefault(prefix, [])
        for item in value:
            if isinstance(item, dict | list | tuple):
                for column, values in flatten(item, prefix).items():
                    columns.setdefault(column, []).extend(values)
            else:
                columns[prefix].append(item)
        if not columns[prefix] and len(columns) > 1:
            del columns[prefix]
    else:
        columns[prefix or "value"] = [value]
    return columns


def rows_of(data) -> list:
    if isinstance(data, dict):
        for key in ROW_KEYS:
            if isinstance(data.get(key), list):
                return data[key]
        return [data]
    if isinstance(data, list):
        return data
    return [{"value": data}]


def field_kinds(serializer, prefix: str = "", depth: int = 4) -> dict[str, str]:
    """Column name -> ``exports.NUMBER`` or ``exports.DATE`` for the serializer's numeric and date fields (DRF
    writes decimals as strings: the serializer, not the value, says they are numbers)."""
    kinds: dict[str, str] = {}
    for name, field in serializer.fields.items():
        column = f"{prefix}.{name}" if prefix else name
        while isinstance(field, serializers.ListSerializer | serializers.ListField):
            field = field.child
        if isinstance(field, serializers.Serializer) and depth:
            kinds.update(field_kinds(field, column, depth - 1))
        elif isinstance(field, _NUMBER_FIELDS):
            kinds[column] = exports.NUMBER
        elif isinstance(field, _DATE_FIELDS):
            kinds[column] = exports.DATE
    return kinds


def _kind_from_values(values: list) -> str:
    """A column the serializer says nothing about: numbers when every value in it is one."""
    found = [value for value in values if value is not None]
    if found and all(isinstance(v, int | float) and not isinstance(v, bool) for v in found):
        return exports.NUMBER
    return exports.TEXT


def table(data, kinds: dict[str, str] | None = None) -> tuple[list[exports.Column], list[list]]:
    """The export helper's columns and rows for API data; ``kinds`` from ``field_kinds`` where known."""
    flat_rows = [flatten(row) for row in rows_of(data)]
    header: dict[str, None] = {}
    for row in flat_rows:
        header.update(dict.fromkeys(row))
    rows = []
    for flat in flat_rows:
        cells = []
        for name in header:
            values = flat.get(name, [])
            if len(values) == 1:
                cells.append(values[0])
            else:  # none, or several values of a list: one text cell
                cells.append(SEPARATOR.join(exports.typed(v, exports.TEXT) or "" for v in values) or None)
        rows.append(cells)
    kinds = kinds or {}
    columns = []
    for index, name in enumerate(header):
        kind = kinds.get(name) or _kind_from_values([row[index] for row in rows])
        columns.append(exports.Column(name, kind))
    return columns, rows


def filename_for(request, view) -> str:
    """The endpoint as a file name without extension: /api/v1/hsds/services/ -> hsds-services."""
    path = getattr(request, "path", "") or ""
    path = re.sub(r"^/api/v\d+/", "", path).strip("/")
    return re.sub(r"[^A-Za-z0-9_-]+", "-", path).strip("-") or getattr(view, "basename", None) or "export"


def _kinds_for(view, request) -> dict[str, str]:
    # The serializer class's fields, without the view's context (which may read the database).
    try:
        return field_kinds(view.get_serializer_class()(context={"request": request, "view": view}))
    except Exception:  # a view without a plain serializer: the values decide
        return {}


class CSVRenderer(BaseRenderer):
    media_type = exports.CSV_MEDIA_TYPE
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        response = renderer_context.get("response")
        request, view = renderer_context.get("request"), renderer_context.get("view")
        if response is not None and response.status_code < 400:
            response["Content-Disposition"] = f'attachment; filename="{filename_for(request, view)}.csv"'
        if data is None:
            return b""
        try:
            dialect = exports.dialect_from(getattr(request, "query_params", {}))
        except BadInput:  # CSVListMixin has refused it already; enabled API-wide, the default applies
            dialect = exports.RFC4180
        columns, rows = table(data, _kinds_for(view, request) if view is not None else {})
        return exports.csv_content(columns, rows, dialect)


def answer_errors_in_json(request) -> None:
    """Errors keep the API's JSON error shape, also when CSV was asked for (a spreadsheet of an error helps no one)."""
    if isinstance(getattr(request, "accepted_renderer", None), CSVRenderer):
        from rest_framework.renderers import JSONRenderer

        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type


class CSVListMixin:
    """Offer ``?format=csv`` on a viewset's list action only (JSON stays the default).

    On a plain list view (``ListAPIView``, a ``GenericAPIView`` that lists), which has no actions, its GET offers it.
    """

    csv_actions = ("list",)

    def handle_exception(self, exc):
        answer_errors_in_json(self.request)
        return super().handle_exception(exc)

    def offers_csv(self) -> bool:
        if hasattr(self, "action"):  # a viewset: its list action only
            return self.action in self.csv_actions
        request = getattr(self, "request", None)
        return request is None or request.method in ("GET", "HEAD")

    def perform_content_negotiation(self, request, force=False):
        # A method the view does not take answers 405, not a 404 for a ?format=csv only its GET offers.
        force = force or request.method not in self.allowed_methods
        if request.query_params.get(api_settings.URL_FORMAT_OVERRIDE) == "":
            # DRF reads an empty ?format= as none at all; the schema lists the formats, so it is an unknown one.
            self.unknown_format = True
            return super().perform_content_negotiation(request, force=True)
        try:
            return super().perform_content_negotiation(request, force=force)
        except Http404:
            # An unknown ?format= is a 404 like any other refusal: after authentication and the permission check.
            self.unknown_format = True
            return super().perform_content_negotiation(request, force=True)

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.offers_csv():
            renderers.append(CSVRenderer())
        return renderers

    unknown_format = False

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.unknown_format:
            raise Http404
        if self.offers_csv() and "dialect" in request.query_params:
            exports.dialect_from(request.query_params)  # an unknown dialect: 400, whatever the format asked
