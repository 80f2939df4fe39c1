"""The response dashboard: pure computation over plain rows (no requests, no queries)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from statistics import median

from django.utils import timezone


@dataclass
class Row:
    status: str
    service_id: int | None
    themes: list
    submitted_at: object
    acknowledged_at: object
    answered_at: object
    answered_on_time: bool | None
    due_on: date | None
    actions_done: int = 0
    actions_done_on_time: int = 0
    actions_overdue: int = 0


@dataclass
class Figures:
    label: str
    count: int
    median_days_to_acknowledge: float | None
    median_days_to_answer: float | None
    answered_on_time_share: float | None  # 0..1, None when nothing answered yet
    overdue_now: int
    actions_done_on_time_share: float | None = None  # 0..1 of the follow-up actions done, None when none is done
    actions_overdue: int = 0


def _days(start, end) -> float:
    return round((end - start).total_seconds() / 86400, 1)


def figures(label: str, rows: list[Row], today: date) -> Figures:
    ack = [_days(r.submitted_at, r.acknowledged_at) for r in rows if r.acknowledged_at]
    ans = [_days(r.submitted_at, r.answered_at) for r in rows if r.answered_at]
    judged = [r.answered_on_time for r in rows if r.answered_on_time is not None]
    done = sum(r.actions_done for r in rows)
    return Figures(
        label=label,
        count=len(rows),
        median_days_to_acknowledge=round(median(ack), 1) if ack else None,
        median_days_to_answer=round(median(ans), 1) if ans else None,
        answered_on_time_share=(sum(judged) / len(judged)) if judged else None,
        overdue_now=sum(1 for r in rows if r.due_on is not None and today > r.due_on),
        actions_done_on_time_share=(sum(r.actions_done_on_time for r in rows) / done) if done else None,
        actions_overdue=sum(r.actions_overdue for r in rows),
    )


def by_group(rows: list[Row], key, labels: dict, today: date) -> list[Figures]:
    groups = defaultdict(list)
    for row in rows:
        for k in key(row):
            groups[k].append(row)
    return [figures(labels[k], groups[k], today) for k in labels if k in groups]


def months_back(today: date, count: int) -> list[date]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def per_month(rows: list[Row], statuses: list[str], today: date, count: int = 12) -> list[dict]:
    """Signals reported per month (the last ``count`` months), split by their current status."""
    months = months_back(today, count)
    table = {m: dict.fromkeys(statuses, 0) for m in months}
    for row in rows:
        local = timezone.localtime(row.submitted_at).date().replace(day=1)
        if local in table:
            table[local][row.status] += 1
    return [{"month": m, "counts": table[m], "total": sum(table[m].values())} for m in months]


STATUS_COLOURS = {
    "submitted": "#b3261e",
    "acknowledged": "#d97706",
    "in_progress": "#1d4ed8",
    "answered": "#047857",
    "closed": "#4b5563",
}


def chart_bars(months: list[dict], statuses: list[str], *, width=720, height=240, left=36, bottom=28, top=10):
    """Stacked bars as plain coordinates for the SVG template."""
    peak = max([m["total"] for m in months] + [1])
    plot_h = height - bottom - top
    slot = (width - left) / max(len(months), 1)
    bar_w = slot * 0.7
    bars = []
    for i, month in enumerate(months):
        x = left + i * slot + (slot - bar_w) / 2
        y = height - bottom
        segments = []
        for status in statuses:
            n = month["counts"][status]
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            segments.append(
                {
                    "x": round(x, 1),
                    "y": round(y, 1),
                    "w": round(bar_w, 1),
                    "h": round(h, 1),
                    "fill": STATUS_COLOURS[status],
                    "status": status,
                    "n": n,
                }
            )
        bars.append(
            {"month": month["month"], "segments": segments, "label_x": round(x + bar_w / 2, 1), "total": month["total"]}
        )
    ticks = sorted({0, peak // 2, peak})
    gridlines = [{"value": t, "y": round(height - bottom - plot_h * t / peak, 1)} for t in ticks]
    return {
        "bars": bars,
        "gridlines": gridlines,
        "width": width,
        "height": height,
        "left": left,
        "axis_y": height - bottom,
        "label_y": height - 8,
    }
