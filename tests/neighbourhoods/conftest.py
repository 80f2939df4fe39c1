import pytest

from charter_portal import caching
from neighbourhoods.models import Neighbourhood
from tests import factories


def add_neighbourhoods(count: int, start: int = 100) -> list[Neighbourhood]:
    """Extra (fictional) neighbourhoods beyond Ghent's 25, to show that costs do not grow with the number of areas."""
    Neighbourhood.objects.bulk_create(
        [Neighbourhood(number=n, name=f"Test area {n}", slug=f"test-area-{n}") for n in range(start, start + count)]
    )
    caching.bump("neighbourhoods")  # a write outside the services bumps its domain itself, as seed_scale does
    return list(Neighbourhood.objects.filter(number__gte=start))


@pytest.fixture
def without_outlines(db):
    """Neighbourhoods without the outlines every new database loads (migration 0004), as in a city that has none yet."""
    Neighbourhood.objects.update(geometry=None)  # before any request: the cache is empty at the start of a test


@pytest.fixture
def rabot(db):
    return factories.neighbourhood(7)


@pytest.fixture
def muide(db):
    return factories.neighbourhood(10)


@pytest.fixture
def covered_world(partner_org, other_org, rabot, muide):
    """Rabot (priority): four functions split over two organisations in one collaboration; Muide: only welfare."""
    rabot.computed_priority = True
    rabot.save()
    factories.offer(
        partner_org,
        functions_=("leisure", "welfare"),
        neighbourhoods=[rabot],
        weekly_hours=6,
        is_warm_place=True,
        title="Open huis Rabot",
    )
    factories.offer(other_org, functions_=("bridge", "signal"), neighbourhoods=[rabot], title="Brug naar school")
    factories.offer(other_org, functions_=("welfare",), neighbourhoods=[muide], title="Spreekuur Muide")
    collab = factories.collaboration(partner_org, other_org, neighbourhoods=[rabot], name="Samen Rabot")
    return {"collaboration": collab}
