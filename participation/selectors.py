"""Reads for the pages, exports and the API: what young people say (suppressed) and an organisation's own lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Prefetch, Q

from participation import voice
from participation.models import AgeBand, MomentPoint, MomentQuote, OfferFeedback, ParticipationMoment
from participation.services import FEEDBACK_THRESHOLD
from participation.voice import ALL, CITY, Figure


@dataclass(frozen=True)
class ThemeFigure:
    code: str
    label: str
    raised_by: Figure
    moments: int


def _theme_labels() -> dict:
    from signals.models import Theme

    return dict(Theme.choices)


def themes_of(table, period: str, row) -> list[ThemeFigure]:
    """The themes raised in ``row``: shown figures first, largest first; suppressed ones after, by name (their order
    among themselves would tell which is larger)."""
    labels = _theme_labels()
    items = [
        ThemeFigure(code, labels[code], table.figure(period, row, code), table.moment_count(period, row, code))
        for code in table.columns
        if table.value(period, row, code) > 0
    ]
    shown = sorted((i for i in items if not i.raised_by.hidden), key=lambda i: (-i.raised_by.value, str(i.label)))
    hidden = sorted((i for i in items if i.raised_by.hidden), key=lambda i: str(i.label))
    return shown + hidden


def bands_of(table, period: str, row) -> list[tuple[str, Figure]]:
    return [(label, table.figure(period, row, band)) for band, label in AgeBand.choices]


@dataclass
class Scope:
    """What one public page shows for one period: the themes, the participants and their ages, the moments."""

    themes: list
    participants: Figure
    mentions: Figure
    bands: list
    moments: int


def scope_figures(year: int, quarter: int | None, row) -> Scope:
    tables = voice.year_voice(year)
    period = voice.period_key(quarter)
    return Scope(
        themes=themes_of(tables.themes, period, row),
        participants=tables.bands.figure(period, row, ALL),
        mentions=tables.themes.figure(period, row, ALL),
        bands=bands_of(tables.bands, period, row),
        moments=tables.bands.moment_count(period, row),
    )


@dataclass(frozen=True)
class AreaFigure:
    neighbourhood: object
    participants: Figure
    moments: int
    theme: Figure | None = None


def neighbourhood_figures(year: int, quarter: int | None, theme: str | None = None) -> tuple[list, dict]:
    """Per neighbourhood (and the city-wide moments): participants, moments and, for a theme page, that theme."""
    from neighbourhoods.models import Neighbourhood

    tables = voice.year_voice(year)
    period = voice.period_key(quarter)
    rows = []
    for area in Neighbourhood.objects.defer("geometry").order_by("name"):
        rows.append(
            AreaFigure(
                area,
                tables.bands.figure(period, area.pk, ALL),
                tables.bands.moment_count(period, area.pk),
                tables.themes.figure(period, area.pk, theme) if theme else None,
            )
        )
    city = {
        "participants": tables.bands.figure(period, CITY, ALL),
        "moments": tables.bands.moment_count(period, CITY),
        "theme": tables.themes.figure(period, CITY, theme) if theme else None,
    }
    return rows, city


def public_quotes(year: int, quarter: int | None, *, neighbourhood=None, theme: str | None = None, limit: int = 6):
    """Quotes the organisations marked public, from moments of the period (and of the area or the theme)."""
    from neighbourhoods.models import MovementCircle

    start, end = voice.period_dates(year, quarter)
    moments = ParticipationMoment.objects.active().in_period(start, end)
    if neighbourhood is not None:
        circles = MovementCircle.objects.filter(neighbourhoods=neighbourhood).values("pk")
        moments = moments.filter(Q(neighbourhoods=neighbourhood) | Q(movement_circle__in=circles))
    if theme:
        moments = moments.filter(themes__code=theme)
    return list(
        MomentQuote.objects.filter(is_public=True, moment__in=moments.values("pk"))
        .select_related("moment")
        .order_by("-moment__held_on", "position")[:limit]
    )


@dataclass(frozen=True)
class ChartBar:
    year: int
    figure: Figure
    length: float


@dataclass(frozen=True)
class ChartTheme:
    label: str
    bars: list


def theme_chart(row, years: list[int], width: int = 240) -> dict | None:
    """Themes per year for ``row`` as bars: lengths are computed from shown figures only; a suppressed figure gets
    no bar, just its words, so that the drawing never tells more than the numbers."""
    labels = _theme_labels()
    years = sorted(years)[-3:]
    tables = {year: voice.year_voice(year).themes for year in years}
    codes = (
        [
            code
            for code in next(iter(tables.values())).columns
            if any(tables[y].value(voice.YEAR, row, code) for y in years)
        ]
        if tables
        else []
    )
    if not codes:
        return None
    top = (
        max(
            (tables[y].figure(voice.YEAR, row, c).value or 0 for y in years for c in codes),
            default=0,
        )
        or 1
    )
    # Each theme's name on a line of its own above its bars, so that a long name never runs into a bar on a phone.
    bar_height, gap, label_width = 14, 10, 0
    themes, y = [], 0
    for code in codes:
        label_y = y + 13
        y += 18
        bars = []
        for year in years:
            figure = tables[year].figure(voice.YEAR, row, code)
            bars.append(
                {
                    "year": year,
                    "figure": figure,
                    "length": 0 if figure.hidden else round(width * figure.value / top, 1),
                    "y": y,
                    "colour": years.index(year),
                }
            )
            y += bar_height + 2
        themes.append({"label": labels[code], "bars": bars, "label_y": label_y})
        y += gap
    return {
        "themes": themes,
        "years": [{"year": year, "colour": i} for i, year in enumerate(years)],
        "height": y,
        "width": label_width + width + 110,
        "label_width": label_width,
        "bar_height": bar_height,
    }


def moments_for_lists(queryset):
    return queryset.for_lists()


def moment_for_detail(queryset, pk: int):
    return (
        queryset.select_related("organisation", "movement_circle")
        .prefetch_related(
            "neighbourhoods",
            "themes",
            "quotes",
            Prefetch("points", queryset=MomentPoint.objects.select_related("function", "neighbourhood")),
        )
        .filter(pk=pk)
        .first()
    )


def feedback_totals(offer_ids) -> dict[int, dict]:
    """Per offer: answers, the average face and how many would come back, only from 5 answers on (R12)."""
    rows = (
        OfferFeedback.objects.filter(offer_id__in=offer_ids)
        .values("offer_id")
        .annotate(
            answers=Count("pk"),
            average=Avg("rating"),
            asked_back=Count("pk", filter=Q(comes_back__isnull=False)),
            back=Count("pk", filter=Q(comes_back=True)),
        )
    )
    totals = {}
    for row in rows:
        if row["answers"] < FEEDBACK_THRESHOLD:
            totals[row["offer_id"]] = {"answers": Figure(None)}
            continue
        come_back = None
        if row["asked_back"] >= FEEDBACK_THRESHOLD:
            come_back = round(100 * row["back"] / row["asked_back"])
        totals[row["offer_id"]] = {
            "answers": Figure(row["answers"]),
            "average": round(row["average"], 1),
            "come_back_percent": come_back,
        }
    return totals
