"""What young people raised, as a built-in indicator of the priority of areas (``neighbourhoods.builtin_indicators``).

Per neighbourhood: the young people who raised a theme in the moments of that area in the 12 months up to the
data year (the sum over the themes of how many raised each). A movement circle's moment counts for each of its
neighbourhoods; a city-wide moment counts for none. A value below 5 counts as 0, so that the priority decision,
which keeps every value it used, never holds a small number about young people (R12).
"""

from collections import defaultdict
from decimal import Decimal

from neighbourhoods.builtin_indicators import twelve_months_up_to
from neighbourhoods.models import Neighbourhood
from participation.models import ParticipationMoment
from participation.suppression import THRESHOLD
from participation.voice import moment_facts

SOURCE_KIND = "builtin_youth"
CODE = "youth_themes"


def youth_raised_per_neighbourhood(start, end) -> dict[int, int]:
    """The true sums per neighbourhood id (for computing only, never for showing)."""
    totals: dict[int, int] = defaultdict(int)
    for fact in moment_facts(ParticipationMoment.objects.active().in_period(start, end)):
        raised = sum(fact.themes.values())
        for neighbourhood_id in fact.neighbourhood_ids:
            totals[neighbourhood_id] += raised
    return dict(totals)


def youth_themes_last_12_months(year: int) -> dict[int, Decimal]:
    start, end = twelve_months_up_to(year)
    totals = youth_raised_per_neighbourhood(start, end)
    return {
        pk: Decimal(totals.get(pk, 0) if totals.get(pk, 0) >= THRESHOLD else 0)
        for pk in Neighbourhood.objects.values_list("pk", flat=True)
    }
