"""``?format=csv`` for list endpoints: the rows a spreadsheet user wants, in a file Excel and LibreOffice open.

Flat columns: nested objects become dotted column names (``organization.name``), lists of values are
joined with ``;``, and lists of objects give one column per field with the values of all items joined
with ``;`` (``attributes.taxonomy_term.code`` -> ``leisure;warm_place``). Paginated responses render
their rows (DRF's ``results``, HSDS's ``contents``); a single object is one row. UTF-8 with a byte
order mark, so spreadsheets read accents right, and ``Content-Disposition: attachment``.

Enable it for the whole API by adding it after the JSON renderer (JSON stays the default, the
browsable API stays available)::

    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "charter_portal.api_csv.CSVRenderer",
    ],

or per viewset on its list only, with ``CSVListMixin``.
"""

import csv
import io
import re

from rest_framework.renderers import BaseRenderer

SEPARATOR = ";"
ROW_KEYS = ("results", "contents")
# Cells a spreadsheet would run as a formula (CSV injection): prefix them with an apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


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


def to_csv(data) -> str:
    flat_rows = [flatten(row) for row in rows_of(data)]
    header: dict[str, None] = {}
    for row in flat_rows:
        header.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(header))
    for row in flat_rows:
        writer.writerow([SEPARATOR.join(_cell(v) for v in row.get(column, [])) for column in header])
    return out.getvalue()


def filename_for(request, view) -> str:
    """The endpoint as a file name: /api/v1/hsds/services/ -> hsds-services.csv."""
    path = getattr(request, "path", "") or ""
    path = re.sub(r"^/api/v\d+/", "", path).strip("/")
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", path).strip("-") or getattr(view, "basename", None) or "export"
    return f"{name}.csv"


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        response = renderer_context.get("response")
        if response is not None and response.status_code < 400:
            request, view = renderer_context.get("request"), renderer_context.get("view")
            response["Content-Disposition"] = f'attachment; filename="{filename_for(request, view)}"'
        if data is None:
            return b""
        return ("\ufeff" + to_csv(data)).encode("utf-8")


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

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.offers_csv():
            renderers.append(CSVRenderer())
        return renderers
