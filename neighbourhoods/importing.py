"""Import indicator values from CSV or XLSX: validate every row first, then write all or nothing.

The file has a header row: a neighbourhood column (``neighbourhood``, ``wijk``, ``wijknr`` or ``number``:
the neighbourhood's number or name), a year column (``year`` or ``jaar``) and one column per indicator
code. An empty cell is a missing value, not an error.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from neighbourhoods.models import Indicator, IndicatorValue, Neighbourhood

AREA_COLUMNS = ("neighbourhood", "wijk", "wijknr", "number", "nummer")
YEAR_COLUMNS = ("year", "jaar")
MIN_YEAR = 1990


@dataclass
class Problem:
    row: int
    message: str


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class UnreadableFile(ValueError):
    pass


def read_rows(name: str, content: bytes) -> list[list]:
    """The file's rows as lists of cells (header first). Raises ``UnreadableFile`` with a readable reason."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise UnreadableFile(_("This is not a readable XLSX file.")) from exc
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True) if any(c not in (None, "") for c in row)]
    if name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(_("The CSV file must be UTF-8 encoded.")) from exc
        try:
            dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [row for row in csv.reader(io.StringIO(text), dialect) if any(cell.strip() for cell in row)]
    raise UnreadableFile(_("Upload a .csv or .xlsx file."))


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def _number(cell) -> Decimal:
    if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
        return Decimal(str(cell))
    text = _text(cell).replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # Belgian decimal comma
    value = Decimal(text)
    if not value.is_finite():
        raise InvalidOperation
    return value


def validate(rows: list[list]) -> tuple[ImportReport, list[tuple[Indicator, int, int, Decimal]]]:
    """Check every row; return the report and, when there is no problem, the values to write."""
    report = ImportReport()
    if not rows:
        report.problems.append(Problem(1, _("The file is empty.")))
        return report, []
    header = [_text(cell).lower() for cell in rows[0]]
    area_col = next((i for i, name in enumerate(header) if name in AREA_COLUMNS), None)
    year_col = next((i for i, name in enumerate(header) if name in YEAR_COLUMNS), None)
    if area_col is None:
        report.problems.append(Problem(1, _("There is no neighbourhood column (neighbourhood, wijk or wijknr).")))
    if year_col is None:
        report.problems.append(Problem(1, _("There is no year column (year or jaar).")))
    indicators = {i.code.lower(): i for i in Indicator.objects.filter(source_kind=Indicator.SourceKind.IMPORTED)}
    value_cols = {}
    for index, name in enumerate(header):
        if index in (area_col, year_col) or not name:
            continue
        if name in indicators:
            value_cols[index] = indicators[name]
        else:
            report.problems.append(Problem(1, _("Unknown indicator column “%(name)s”.") % {"name": name}))
    by_number, by_name = {}, {}
    for pk, number, name in Neighbourhood.objects.values_list("id", "number", "name"):
        by_number[str(number)] = pk
        by_name[name.casefold()] = pk
    max_year = timezone.localdate().year + 1
    seen: dict[tuple[int, int], int] = {}
    values = []
    for line, row in enumerate(rows[1:], start=2):
        report.rows += 1
        cells = list(row) + [None] * (len(header) - len(row))
        neighbourhood_id = year = None
        if area_col is not None:
            key = _text(cells[area_col])
            neighbourhood_id = by_number.get(key) or by_name.get(key.casefold())
            if neighbourhood_id is None:
                report.problems.append(Problem(line, _("Unknown neighbourhood “%(name)s”.") % {"name": key}))
        if year_col is not None:
            try:
                year = int(_number(cells[year_col]))
            except (InvalidOperation, ValueError):
                report.problems.append(
                    Problem(line, _("The year “%(value)s” is not a number.") % {"value": _text(cells[year_col])})
                )
            else:
                if not MIN_YEAR <= year <= max_year:
                    report.problems.append(
                        Problem(
                            line,
                            _("The year %(year)s is outside %(min)s-%(max)s.")
                            % {"year": year, "min": MIN_YEAR, "max": max_year},
                        )
                    )
                    year = None
        if neighbourhood_id is not None and year is not None:
            first = seen.setdefault((neighbourhood_id, year), line)
            if first != line:
                report.problems.append(
                    Problem(line, _("Duplicate: row %(row)s has the same neighbourhood and year.") % {"row": first})
                )
        for index, indicator in value_cols.items():
            cell = cells[index]
            if _text(cell) == "":
                continue
            try:
                value = _number(cell)
            except (InvalidOperation, ValueError):
                report.problems.append(
                    Problem(
                        line,
                        _("“%(value)s” in column %(code)s is not a number.")
                        % {"value": _text(cell), "code": indicator.code},
                    )
                )
                continue
            if neighbourhood_id is not None and year is not None:
                values.append((indicator, neighbourhood_id, year, value))
    if report.rows == 0:
        report.problems.append(Problem(1, _("The file has a header but no rows.")))
    return report, ([] if report.problems else values)


def indicator_values_import(
    *, rows: list[list], progress: Callable[[Iterable], Iterable] = lambda items: items
) -> ImportReport:
    """Validate ``rows``; when all are fine, write every value in one transaction (all or nothing)."""
    report, values = validate(rows)
    if not report.ok:
        return report
    with transaction.atomic():
        for indicator, neighbourhood_id, year, value in progress(values):
            _, created = IndicatorValue.objects.update_or_create(
                indicator=indicator, neighbourhood_id=neighbourhood_id, year=year, defaults={"value": value}
            )
            if created:
                report.created += 1
            else:
                report.updated += 1
    return report
