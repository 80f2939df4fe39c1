"""Target versus actual per year for a quantitative indicator, as plain numbers ready for a small SVG."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 320
HEIGHT = 140
BASE = 120  # y of the axis
TOP = 14


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float


@dataclass
class YearColumn:
    year: int
    target: Decimal | None
    actual: Decimal | None
    target_bar: Bar | None
    actual_bar: Bar | None
    label_x: float
    met: bool | None


@dataclass
class IndicatorChart:
    name: str
    unit: str
    higher_is_better: bool
    columns: list[YearColumn]
    width: int = WIDTH
    height: int = HEIGHT
    base: int = BASE


def indicator_chart(
    *, name: str, unit: str, higher_is_better: bool, targets: dict, actuals: dict, years
) -> IndicatorChart:
    years = list(years)
    values = [v for v in list(targets.values()) + list(actuals.values()) if v is not None]
    top = max([abs(v) for v in values] + [Decimal(1)])
    slot = WIDTH / max(len(years), 1)
    bar_width = min(slot / 3, 28)
    columns = []
    for index, year in enumerate(years):
        target, actual = targets.get(year), actuals.get(year)
        left = index * slot + (slot - 2 * bar_width) / 2

        def bar(value, x):
            if value is None:
                return None
            h = float(abs(value) / top) * (BASE - TOP)
            return Bar(x=round(x, 1), y=round(BASE - h, 1), width=round(bar_width, 1), height=round(h, 1))

        met = None
        if target is not None and actual is not None:
            met = actual >= target if higher_is_better else actual <= target
        columns.append(
            YearColumn(
                year=year,
                target=target,
                actual=actual,
                target_bar=bar(target, left),
                actual_bar=bar(actual, left + bar_width),
                label_x=round(index * slot + slot / 2, 1),
                met=met,
            )
        )
    return IndicatorChart(name=name, unit=unit, higher_is_better=higher_is_better, columns=columns)
