"""Import indicator values from CSV or XLSX: validate every row first, then write all or nothing.

The file has a header row: a neighbourhood column (``neighbourhood``, ``wijk``, ``wijknr`` or ``number``:
the neighbourhood's number or name), a year column (``year`` or ``jaar``) and one column per indicator
code. An empty cell is a missing value, not an error.

A file is refused before it is parsed when it would unpack too large, and while it is read at the first row
or column past the limits (``Limits``), with a message that says what to do.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from neighbourhoods.models import Indicator, IndicatorImport, IndicatorValue, Neighbourhood

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
    batch: IndicatorImport | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


class UnreadableFile(ValueError):
    pass


@dataclass(frozen=True)
class Limits:
    """What one import may hold (``settings.INDICATOR_IMPORT_*``): checked before and while the file is read, so
    that a small file that unpacks to millions of rows is refused at once instead of keeping a worker busy."""

    rows: int
    columns: int
    unpacked_bytes: int
    ratio: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            rows=settings.INDICATOR_IMPORT_MAX_ROWS,
            columns=settings.INDICATOR_IMPORT_MAX_COLUMNS,
            unpacked_bytes=settings.INDICATOR_IMPORT_MAX_UNPACKED_BYTES,
            ratio=settings.INDICATOR_IMPORT_MAX_RATIO,
        )


# Small parts of a workbook (styles, the workbook's own XML) compress very well by nature: the ratio counts
# from this size on.
_RATIO_FROM_BYTES = 1024 * 1024


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".")


def _check_zip(content: bytes, limits: Limits) -> None:
    """Refuse an XLSX that unpacks too large, by the sizes its zip directory declares (Python's zipfile never
    unpacks more than a member declares, so they cannot lie past this check), or that holds too many rows."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            total = sum(member.file_size for member in members)
            if total > limits.unpacked_bytes:
                raise UnreadableFile(
                    _(
                        "The file unpacks to %(size)s MB; at most %(max)s MB can be imported. "
                        "Split it into smaller files."
                    )
                    % {"size": _megabytes(total), "max": _megabytes(limits.unpacked_bytes)}
                )
            for member in members:
                packed = max(member.compress_size, 1)
                if member.file_size >= _RATIO_FROM_BYTES and member.file_size > limits.ratio * packed:
                    raise UnreadableFile(
                        _(
                            "The file unpacks to %(ratio)s times its size, far more than a spreadsheet of indicator "
                            "values does. Save it again from your spreadsheet program, or split it."
                        )
                        % {"ratio": member.file_size // packed}
                    )
            for member in members:
                _count_rows(archive, member, limits)
    except UnreadableFile:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise UnreadableFile(_("This is not a readable XLSX file.")) from exc


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def _count_rows(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits) -> None:
    """Count a part's row elements as it unpacks, and stop past the limit. openpyxl would parse a whole sheet
    on opening it when the sheet does not declare its size, whatever rows are asked for afterwards."""
    rows, tail = 0, b""
    with archive.open(member) as part:
        while chunk := part.read(1024 * 1024):
            text = tail + chunk
            # A tag that starts in the last bytes may be cut: it is counted with the next chunk.
            cut = max(len(text) - 64, 0)
            rows += sum(1 for match in _ROW_TAG.finditer(text) if match.start() < cut)
            tail = text[cut:]
            if rows > limits.rows + 1:  # the header and ``rows`` rows of values
                raise _too_many_rows(limits)
    if rows + len(_ROW_TAG.findall(tail)) > limits.rows + 1:
        raise _too_many_rows(limits)


def _too_many_rows(limits: Limits) -> UnreadableFile:
    return UnreadableFile(_("The file has more than %(max)s rows. Split it into smaller files.") % {"max": limits.rows})


def _too_many_columns(limits: Limits) -> UnreadableFile:
    return UnreadableFile(
        _("The file has more than %(max)s columns; one per indicator code, a neighbourhood and a year are needed.")
        % {"max": limits.columns}
    )


def _filled(cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def _bounded(rows: Iterable[Sequence], limits: Limits) -> list[list]:
    """The non-empty rows, refusing at the first row or column past the limits (the rest is never read).

    Every row read counts, empty ones too: a sheet of a million empty rows costs as much to read as a full one."""
    kept = []
    for count, row in enumerate(rows):
        if count > limits.rows:  # the header and ``rows`` rows of values have been read: this is one more
            raise _too_many_rows(limits)
        cells = list(row)
        if any(_filled(cell) for cell in cells[limits.columns :]):
            raise _too_many_columns(limits)
        if any(_filled(cell) for cell in cells):
            kept.append(cells[: limits.columns])
    return kept


def read_rows(name: str, content: bytes, limits: Limits | None = None) -> list[list]:
    """The file's rows as lists of cells (header first). Raises ``UnreadableFile`` with a readable reason, also
    when the file is past ``limits`` (by default the settings')."""
    limits = limits or Limits.from_settings()
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        _check_zip(content, limits)
        try:
            # read_only streams the sheet row by row; max_col keeps a row from being widened to a declared
            # 16,384 columns.
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                return _bounded(sheet.iter_rows(max_col=limits.columns + 1, values_only=True), limits)
            finally:
                workbook.close()
        except UnreadableFile:
            raise
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise UnreadableFile(_("This is not a readable XLSX file.")) from exc
    if name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(_("The CSV file must be UTF-8 encoded.")) from exc
        try:
            dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        try:
            return _bounded(csv.reader(io.StringIO(text), dialect), limits)
        except csv.Error as exc:
            raise UnreadableFile(_("This is not a readable CSV file.")) from exc
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


def range_text(low: Decimal | None, high: Decimal | None) -> str:
    """A valid range in words: "0 to 100", "at least 0", "at most 10" (empty without limits)."""

    def shown(number: Decimal) -> str:
        return f"{number.normalize():f}"

    if low is not None and high is not None:
        return _("%(low)s to %(high)s") % {"low": shown(low), "high": shown(high)}
    if low is not None:
        return _("at least %(low)s") % {"low": shown(low)}
    if high is not None:
        return _("at most %(high)s") % {"high": shown(high)}
    return ""


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
    ranges = {indicator.pk: indicator.valid_range() for indicator in value_cols.values()}
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
            low, high = ranges[indicator.pk]
            if (low is not None and value < low) or (high is not None and value > high):
                report.problems.append(
                    Problem(
                        line,
                        _("%(value)s in column %(code)s is outside its valid range (%(range)s).")
                        % {"value": _text(cell), "code": indicator.code, "range": range_text(low, high)},
                    )
                )
                continue
            if neighbourhood_id is not None and year is not None:
                values.append((indicator, neighbourhood_id, year, value))
    if report.rows == 0:
        report.problems.append(Problem(1, _("The file has a header but no rows.")))
    return report, ([] if report.problems else values)


def indicator_values_import(
    *,
    rows: list[list],
    file_name: str = "",
    by=None,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> ImportReport:
    """Validate ``rows``; when all are fine, write every value in one transaction (all or nothing), recorded as one
    ``IndicatorImport`` (the file, who, when, how many rows) that each value it wrote points to."""
    report, values = validate(rows)
    if not report.ok:
        return report
    with transaction.atomic():
        batch = IndicatorImport.objects.create(
            file_name=file_name[:255],
            imported_by=by,
            rows=report.rows,
            indicator_codes=sorted({indicator.code for indicator, *_rest in values}),
            years=sorted({year for _indicator, _area, year, _value in values}),
        )
        for indicator, neighbourhood_id, year, value in progress(values):
            _, created = IndicatorValue.objects.update_or_create(
                indicator=indicator,
                neighbourhood_id=neighbourhood_id,
                year=year,
                defaults={"value": value, "source_import": batch},
            )
            if created:
                report.created += 1
            else:
                report.updated += 1
        batch.created, batch.updated = report.created, report.updated
        batch.save(update_fields=["created", "updated"])
    report.batch = batch
    return report
