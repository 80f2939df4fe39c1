"""What young people say, in aggregate: the tables behind the public pages, the exports, the API and the chart.

For one calendar year the portal builds two tables, each keyed ``(period, row, column)``:

- periods: ``"year"`` and the quarters ``"q1"`` to ``"q4"`` (fixed periods only: no free date range, so that two
  overlapping periods cannot be subtracted);
- rows: each neighbourhood's id (a moment counts for the neighbourhoods it names and for every neighbourhood
  of its movement circle), ``CITY`` (moments that name no area) and ``ALL`` (every moment once);
- columns: the themes (how many young people raised each) or the age bands (how many took part), and ``ALL``.

Every figure then goes through ``participation.suppression`` over all of its lines at once (a row adds up its
columns, ``ALL`` adds up the rows plus what counts city-wide only, a year adds up its quarters), and is handed out
as a ``Figure`` that is either a number of 5 or more or "fewer than 5". Moments themselves are not people: their
counts are shown as they are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from charter_portal import caching
from participation.models import AGE_BAND_FIELDS, AgeBand, MomentTheme, ParticipationMoment
from participation.suppression import THRESHOLD, Line, suppress

YEAR = "year"
QUARTERS = ("q1", "q2", "q3", "q4")
PERIODS = (YEAR, *QUARTERS)
CITY = "city"
ALL = "*"
FEWER_THAN_5 = _("fewer than 5")
NOT_SHOWN = _("not shown")
# The token the API and the exports use for a suppressed figure, the same in every language.
SUPPRESSED_TOKEN = "fewer than 5"  # noqa: S105 - a word, not a secret
NOT_SHOWN_TOKEN = "not shown"  # noqa: S105 - a word, not a secret
DOMAINS = ("participation", "neighbourhoods")


@dataclass(frozen=True)
class Figure:
    """A figure about young people as it may be shown: ``value`` is None when it is suppressed, below 5 or (with
    ``secondary``) because it would let someone work out a number below 5."""

    value: int | None
    secondary: bool = False

    @property
    def hidden(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        if self.value is not None:
            return str(self.value)
        return str(NOT_SHOWN if self.secondary else FEWER_THAN_5)

    def as_data(self) -> int | str:
        if self.value is not None:
            return self.value
        return NOT_SHOWN_TOKEN if self.secondary else SUPPRESSED_TOKEN


def quarter_of(day: datetime.date) -> str:
    return QUARTERS[(day.month - 1) // 3]


def period_dates(year: int, quarter: int | None) -> tuple[datetime.date, datetime.date]:
    if not quarter:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    end = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


def period_key(quarter: int | None) -> str:
    return QUARTERS[quarter - 1] if quarter else YEAR


@dataclass(frozen=True)
class MomentFacts:
    """One moment reduced to what the tables count."""

    pk: int
    quarter: str
    neighbourhood_ids: frozenset
    themes: dict
    bands: dict


def circle_members() -> dict[int, set]:
    from neighbourhoods.models import MovementCircle

    members = defaultdict(set)
    for circle_id, neighbourhood_id in MovementCircle.neighbourhoods.through.objects.values_list(
        "movementcircle_id", "neighbourhood_id"
    ):
        members[circle_id].add(neighbourhood_id)
    return members


def moment_facts(moments) -> list[MomentFacts]:
    """``moments`` (a queryset) as facts, in four queries whatever their number."""
    moments = list(moments.values_list("pk", "held_on", "movement_circle_id", *AGE_BAND_FIELDS.values()))
    ids = [row[0] for row in moments]
    areas = defaultdict(set)
    for moment_id, neighbourhood_id in ParticipationMoment.neighbourhoods.through.objects.filter(
        participationmoment_id__in=ids
    ).values_list("participationmoment_id", "neighbourhood_id"):
        areas[moment_id].add(neighbourhood_id)
    themes = defaultdict(dict)
    for moment_id, code, raised_by in MomentTheme.objects.filter(moment_id__in=ids).values_list(
        "moment_id", "code", "raised_by"
    ):
        themes[moment_id][code] = raised_by
    members = circle_members() if any(row[2] for row in moments) else {}
    facts = []
    for pk, held_on, circle_id, *bands in moments:
        neighbourhoods = set(areas[pk])
        if circle_id:
            neighbourhoods |= members.get(circle_id, set())
        facts.append(
            MomentFacts(
                pk=pk,
                quarter=quarter_of(held_on),
                neighbourhood_ids=frozenset(neighbourhoods),
                themes=themes[pk],
                bands=dict(zip(AGE_BAND_FIELDS, bands, strict=True)),
            )
        )
    return facts


@dataclass
class Table:
    """One year's figures for one kind of column, with what must stay hidden and how many moments stand behind."""

    columns: tuple
    rows: tuple
    values: dict = field(default_factory=dict)
    moments: dict = field(default_factory=dict)
    hidden: frozenset = frozenset()

    def figure(self, period: str, row, column) -> Figure:
        key = (period, row, column)
        value = self.values.get(key, 0)
        if value < THRESHOLD:
            return Figure(None)
        return Figure(None, secondary=True) if key in self.hidden else Figure(value)

    def moment_count(self, period: str, row, column=ALL) -> int:
        return self.moments.get((period, row, column), 0)

    def value(self, period: str, row, column) -> int:
        """The true value, for computations that never show it (the priority indicator); never for display."""
        return self.values.get((period, row, column), 0)


def build_table(facts: list[MomentFacts], columns: tuple, counts_of, rows: tuple) -> Table:
    """Add up ``counts_of(fact)`` (column -> count) per period, row and column; then suppress."""
    values: dict = defaultdict(int)
    moments: dict = defaultdict(int)
    for fact in facts:
        counts = counts_of(fact)
        targets = [*fact.neighbourhood_ids] if fact.neighbourhood_ids else [CITY]
        for period in (YEAR, fact.quarter):
            for row in (*targets, ALL):
                for column, count in counts.items():
                    if count:
                        values[(period, row, column)] += count
                        values[(period, row, ALL)] += count
                        moments[(period, row, column)] += 1
                moments[(period, row, ALL)] += 1
    lines = []
    area_rows = [row for row in rows if row != ALL]
    for period in PERIODS:
        for row in (*area_rows, ALL):
            lines.append(Line((period, row, ALL), tuple((period, row, c) for c in columns)))
        for column in (*columns, ALL):
            lines.append(Line((period, ALL, column), tuple((period, r, column) for r in area_rows)))
    for row in (*area_rows, ALL):
        for column in (*columns, ALL):
            lines.append(Line((YEAR, row, column), tuple((q, row, column) for q in QUARTERS)))
    return Table(
        columns=columns,
        rows=tuple(area_rows),
        values=dict(values),
        moments=dict(moments),
        hidden=suppress(values, lines),
    )


@dataclass
class YearVoice:
    year: int
    themes: Table
    bands: Table


def _compute_year(year: int) -> YearVoice:
    from neighbourhoods.models import Neighbourhood
    from signals.models import Theme

    start, end = period_dates(year, None)
    facts = moment_facts(ParticipationMoment.objects.active().in_period(start, end))
    rows = (*Neighbourhood.objects.order_by("number").values_list("pk", flat=True), CITY)
    return YearVoice(
        year=year,
        themes=build_table(facts, tuple(Theme.values), lambda fact: fact.themes, rows),
        bands=build_table(facts, tuple(AgeBand.values), lambda fact: fact.bands, rows),
    )


def year_voice(year: int) -> YearVoice:
    """The suppressed tables of ``year``, kept until a moment or an area changes (every aggregate at once)."""
    return caching.kept(DOMAINS, ("youth-voice", year), lambda: _compute_year(year))


def years_with_moments() -> list[int]:
    """The years the period choice offers: from the first moment (or this year) to this year."""
    from django.utils import timezone

    this_year = timezone.localdate().year
    first = ParticipationMoment.objects.active().order_by("held_on").values_list("held_on", flat=True).first()
    first_year = min(first.year, this_year) if first else this_year
    return list(range(this_year, first_year - 1, -1))
