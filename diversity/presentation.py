"""Aggregates as rows for tables, the chart, the export and the API: a suppressed figure reads "fewer than 5"."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from diversity import categories

FEWER_THAN_5 = _("fewer than 5")


@dataclass(frozen=True)
class Row:
    key: str
    scope: str
    category: str  # "" for a total
    label: str
    values: list  # per column: int, None (fewer than 5) or "" (nothing published)
    shares: list  # per column: float | None


def rows(aggregates: list) -> list[Row]:
    """One row per figure, one column per aggregate (``None`` in ``aggregates``: nothing to show)."""
    result = []
    for scope in categories.SCOPES:
        key = categories.total_key(scope.code)
        result.append(Row(key, scope.code, "", str(scope.label), *_column_values(aggregates, key, total=True)))
        for category in categories.CATEGORIES:
            labels = [*category.cells, (categories.NOT_KNOWN, categories.NOT_KNOWN_LABEL)]
            for cell, label in labels:
                key = categories.cell_key(scope.code, category.code, cell)
                row_label = f"{category.label}: {label}"
                result.append(Row(key, scope.code, category.code, row_label, *_column_values(aggregates, key)))
    return result


def _column_values(aggregates, key, total=False):
    values, shares = [], []
    for aggregate in aggregates:
        if aggregate is None or not aggregate.published:
            values.append("")
            shares.append(None)
        else:
            values.append(aggregate.value(key))
            shares.append(None if total else aggregate.share(key))
    return values, shares


def display(value) -> str:
    """A figure as the pages show it."""
    if value is None:
        return str(FEWER_THAN_5)
    if value == "":
        return "–"
    return str(value)


# The chart shows, per group, the share of these cells in paid staff.
CHART_KEYS = (
    ("staff_gender_women", _("Women")),
    ("staff_age_under_26", _("Under 26")),
    ("staff_foreign_origin_yes", _("Of foreign origin")),
    ("staff_disability_yes", _("With a disability")),
    ("staff_low_education_yes", _("Low level of education")),
)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the value as text, "fewer than 5" or "not published"
    series: int
    name: str  # the series' name (the group)


@dataclass(frozen=True)
class BarGroup:
    label: str
    x: float
    bars: list
    lines: tuple = ()  # the label in short lines, so that neighbouring labels never overlap


def _short_lines(text: str, width: int = 13) -> tuple:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return (*lines, current) if current else tuple(lines)


def chart(aggregates: list, names: list, *, width: int = 640, height: int = 280) -> dict:
    """Grouped bars (share of paid staff, in %) per chart key, one bar per aggregate, as SVG coordinates."""
    top, bottom, left, right = 16, 56, 40, 40
    plot_h = height - top - bottom
    group_w = (width - left - right) / len(CHART_KEYS)
    bar_w = (group_w - 16) / max(len(aggregates), 1)
    groups = []
    for i, (key, label) in enumerate(CHART_KEYS):
        x0 = left + i * group_w + 8
        bars = []
        for j, aggregate in enumerate(aggregates):
            share = aggregate.share(key) if aggregate is not None and aggregate.published else None
            if aggregate is None or not aggregate.published:
                text = str(_("not published"))
            elif share is None:
                text = str(FEWER_THAN_5)
            else:
                text = f"{share:.1f} %"
            h = plot_h * (share or 0) / 100
            bars.append(Bar(x0 + j * bar_w, top + plot_h - h, bar_w - 2, h, text, j, str(names[j])))
        groups.append(BarGroup(str(label), x0 + (group_w - 16) / 2, bars, _short_lines(str(label))))
    ticks = [(v, top + plot_h - plot_h * v / 100) for v in (0, 25, 50, 75, 100)]
    return {
        "width": width,
        "height": height,
        "groups": groups,
        "ticks": ticks,
        "left": left,
        "right": width - right,
        "baseline": top + plot_h,
    }
