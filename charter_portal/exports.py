"""Every spreadsheet the portal hands out (CSV and XLSX) is written here, so that every one is safe to open.

The API::

    columns = [Column(_("Organisation")), Column(_("Signed on"), DATE), Column(_("Hours"), NUMBER)]
    rows = [["De Brug", date(2026, 3, 2), Decimal("14.5")], ...]
    return export_response("signatories", columns, rows, format="xlsx")        # or format="csv", dialect=...

A file says when it was made and with which filters: pass ``about=About(timezone.localtime(), filters=[(label,
value), ...], notes=[...])`` (``filters_of(form)`` reads them from a bound form or filterset). XLSX gets them as a
second sheet; CSV, one table only, as two last columns on every row. Several tables go into one workbook with
``workbook_response(filename, [Sheet(title, columns, rows), ...], about)``.

``dialect_from(request.GET)`` reads ``?dialect=`` and refuses an unknown one (``BadInput``: a 400 with a
sentence in the person's language, a page for pages and the API's JSON error for the API).

The rules:

- **Text** cells are neutralised wherever a spreadsheet could start a formula: at the start of the cell and
  right after a ``;``, ``,`` or tab inside it (Excel in Dutch splits a CSV line on ``;``, other programs on
  ``,`` or tab, so a value ``Open huis;=1+1;`` would become a cell ``=1+1``). If the next character is ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return, a single quote ``'`` goes in front of it. We add a visible
  quote rather than dropping characters: the text stays complete, a reader sees why it looks odd, and a
  quote is what spreadsheet programs themselves use to mean "this is text". XLSX gets the same text as
  CSV (a workbook cell is never split, but people copy cells onwards as CSV).
- **Numbers and dates** are values of their own kind, never text and never neutralised (a negative number
  stays a number): typed cells in XLSX (dates with a date format), plain numbers and ISO dates in CSV.
  A value that does not fit its column's kind (a "number" that is not one) is written as neutralised text.
- **CSV** comes in two dialects: ``rfc4180`` (the default: comma, ``.`` decimals, UTF-8 without a byte
  order mark, CRLF line ends) and ``excel-nl`` (Excel with Dutch or Belgian settings: ``;`` separator,
  decimal comma, UTF-8 with a byte order mark so that accents read right).
- **XLSX** has a bold, filled header row that stays in view (frozen), an autofilter over the table and
  columns as wide as their content (within limits).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from charter_portal.errors import BadInput

TEXT, NUMBER, DATE = "text", "number", "date"
CSV, XLSX = "csv", "xlsx"
RFC4180, EXCEL_NL = "rfc4180", "excel-nl"
DIALECTS = (RFC4180, EXCEL_NL)
CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A formula can start at the start of a cell or right after a separator inside it.
_FORMULA_PLACE = re.compile(r"(^|[;,\t])(?=[=+\-@\t\r])")
# Characters an XLSX file cannot hold (openpyxl refuses them): old data may have them, the export leaves them out.
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MIN_WIDTH, _MAX_WIDTH = 8, 60


@dataclass(frozen=True)
class Column:
    """A column of an export: its header and the kind of its values (``TEXT``, ``NUMBER`` or ``DATE``)."""

    label: str
    kind: str = TEXT


def neutralise(text: str) -> str:
    """``text`` with a quote before each place where a spreadsheet could start a formula (see the module's doc)."""
    return _FORMULA_PLACE.sub(r"\1'", text)


def dialect_from(query) -> str:
    """The CSV dialect asked for in ``query`` (``request.GET``), the default when none; ``BadInput`` for another."""
    value = query.get("dialect") or RFC4180
    if value not in DIALECTS:
        raise BadInput(
            _(
                "Unknown CSV dialect “%(value)s”: use rfc4180 (comma, the default) "
                "or excel-nl (semicolon and decimal comma, for Excel in Dutch)."
            )
            % {"value": value[:40]},
            field="dialect",
        )
    return value


def _as_number(value) -> int | float | Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        for parse in (datetime.date.fromisoformat, datetime.datetime.fromisoformat):
            try:
                return _as_date(parse(value.strip()))
            except ValueError:
                continue
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(str(value))


def typed(value, kind: str):
    """The value as it goes into a cell: a number or a date when its column holds those, else safe text."""
    if value is None or value == "":
        return None
    if kind == NUMBER:
        number = _as_number(value)
        if number is not None:
            return number
    elif kind == DATE:
        day = _as_date(value)
        if day is not None:
            return day
    return _text(value)


def _csv_number(number, dialect: str) -> str:
    if isinstance(number, int):
        text = str(number)
    else:  # plain digits, never an exponent (1E+2) that a spreadsheet might read otherwise
        text = format(Decimal(str(number)) if isinstance(number, float) else number, "f")
    return text.replace(".", ",") if dialect == EXCEL_NL else text


def _csv_cell(value, dialect: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return _csv_number(value, dialect)
    return value


def csv_content(columns: Sequence[Column], rows: Iterable[Sequence], dialect: str = RFC4180) -> bytes:
    """The rows as CSV in ``dialect``, with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if dialect == EXCEL_NL else ",", lineterminator="\r\n")
    writer.writerow([_text(column.label) for column in columns])
    for row in rows:
        writer.writerow(
            [_csv_cell(typed(value, column.kind), dialect) for column, value in zip(columns, row, strict=True)]
        )
    return out.getvalue().encode("utf-8-sig" if dialect == EXCEL_NL else "utf-8")


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its tab name, columns and rows."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]


@dataclass(frozen=True)
class About:
    """What a file says about itself: when it was made, with which filters, and any note a reader needs.

    XLSX gets a sheet of its own (after the data); CSV, which has room for one table only, gets two last columns
    on every row (the export date and the filters), so that a copy of the file still says where it came from."""

    exported_at: datetime.datetime
    filters: Sequence[tuple[str, str]] = ()
    notes: Sequence[str] = ()

    def filter_text(self) -> str:
        return "; ".join(f"{label}: {value}" for label, value in self.filters) or _("none")

    def sheet(self) -> Sheet:
        rows = [[_("Exported on"), self.exported_at]]
        rows += [[_("Filter: %(label)s") % {"label": label}, value] for label, value in self.filters]
        if not self.filters:
            rows.append([_("Filters"), _("none")])
        rows += [[_("Note"), note] for note in self.notes]
        return Sheet(_("About this export"), [Column(_("Item")), Column(_("Value"), DATE)], rows)


def filters_of(form) -> list[tuple[str, str]]:
    """The filters a bound form (or a django-filter ``FilterSet``'s form) applied, as (label, value) in the
    person's language, for ``About``; empty and invalid fields are left out, as the filter leaves them."""
    if form is None or not form.is_bound or not form.is_valid():
        return []
    applied = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", [], ()):
            continue
        if isinstance(value, bool):
            text = _("yes") if value else _("no")
        elif isinstance(value, datetime.date):
            text = value.isoformat()
        elif (choices := getattr(field, "choices", None) or getattr(field.widget, "choices", None)) and not hasattr(
            value, "pk"
        ):  # a choice, or a text filter shown as a list: the label the person chose, not its code
            labels = {str(key): label for key, label in choices if not isinstance(label, list | tuple)}
            text = str(labels.get(str(value), value))
        else:
            text = str(value)
        applied.append((str(field.label or name), text))
    return applied


def _sheet_title(title: str, taken: set[str]) -> str:
    base = re.sub(r"[\\/*?:\[\]]", "-", str(title))[:31] or "Sheet"
    name, number = base, 2
    while name.lower() in taken:  # tab names are unique, whatever their case
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def _fill_sheet(sheet, columns: Sequence[Column], rows: Iterable[Sequence]) -> None:
    """Header, rows of typed cells, a styled frozen header, an autofilter and fitted widths."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    widths = [len(str(column.label)) for column in columns]
    sheet.append([_NOT_IN_XLSX.sub("", _text(column.label)) for column in columns])
    for row in rows:
        cells = []
        for index, (column, value) in enumerate(zip(columns, row, strict=True)):
            cell = typed(value, column.kind)
            if isinstance(cell, str):
                cell = _NOT_IN_XLSX.sub("", cell)
                widths[index] = max(widths[index], max((len(line) for line in cell.splitlines()), default=0))
            elif isinstance(cell, datetime.datetime):
                widths[index] = max(widths[index], 16)
            elif cell is not None:
                widths[index] = max(widths[index], len(str(cell)))
            cells.append(cell)
        sheet.append(cells)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever openpyxl would guess
            elif isinstance(cell.value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    for cell in sheet[1]:
        cell.font, cell.fill, cell.data_type = bold, fill, "s"
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)


def workbook_content(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as one XLSX workbook, each styled like ``xlsx_content``'s."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for part in sheets:
        _fill_sheet(workbook.create_sheet(_sheet_title(part.title, taken)), part.columns, part.rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_content(columns: Sequence[Column], rows: Iterable[Sequence], title: str = "") -> bytes:
    """The rows as an XLSX workbook of one sheet: styled, frozen header row, autofilter, fitted column widths."""
    return workbook_content([Sheet(title or "Sheet", columns, rows)])


def with_about(columns: Sequence[Column], rows: Iterable[Sequence], about: About) -> tuple[list, Iterable]:
    """CSV's place for ``About``: the export date and the filters as the last two columns of every row."""
    moment, filters = about.exported_at, about.filter_text()
    return (
        [*columns, Column(_("Exported on"), DATE), Column(_("Filters"))],
        ([*row, moment, filters] for row in rows),
    )


def export_response(
    filename: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    format: str = CSV,  # noqa: A002 - the name the portal's URLs use (?format=csv)
    dialect: str = RFC4180,
    *,
    about: About | None = None,
    title: str = "",
) -> HttpResponse:
    """A download of the rows: ``filename`` without its extension, ``format`` ``csv`` or ``xlsx``; with ``about``
    the file says when it was made and with which filters (see ``About``)."""
    if format == XLSX:
        sheets = [Sheet(title or filename, columns, rows)]
        if about is not None:
            sheets.append(about.sheet())
        response = HttpResponse(workbook_content(sheets), content_type=XLSX_MEDIA_TYPE)
    elif format == CSV:
        if about is not None:
            columns, rows = with_about(columns, rows, about)
        response = HttpResponse(csv_content(columns, rows, dialect), content_type=f"{CSV_MEDIA_TYPE}; charset=utf-8")
    else:
        raise ValueError(f"Unknown export format {format!r}")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{format}"'
    return response


def workbook_response(filename: str, sheets: Sequence[Sheet], about: About | None = None) -> HttpResponse:
    """A download of several tables as one XLSX workbook, with ``about`` as its last sheet."""
    sheets = [*sheets, about.sheet()] if about is not None else list(sheets)
    response = HttpResponse(workbook_content(sheets), content_type=XLSX_MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
