import pytest

from offers import demo as demo_offers
from offers.models import Collaboration, Offer, SharedSpace

pytestmark = pytest.mark.django_db


def test_it_seeds_demo_offers_idempotently():
    lines = []
    demo_offers.seed(lines.append)
    counts = (Offer.objects.count(), Collaboration.objects.count(), SharedSpace.objects.count())
    demo_offers.seed(lines.append)
    assert (Offer.objects.count(), Collaboration.objects.count(), SharedSpace.objects.count()) == counts
    assert counts[0] == len(demo_offers.OFFERS) and counts[1] == 2 and counts[2] == len(demo_offers.SPACES)
    assert Offer.objects.filter(status="draft").exists() and Offer.objects.filter(status="archived").exists()


def test_it_leaves_some_neighbourhoods_without_leisure():
    demo_offers.seed(lambda line: None)
    from neighbourhoods.models import Neighbourhood

    served = Neighbourhood.objects.filter(offers__functions__code="leisure", offers__status="published").distinct()
    circles_served = Neighbourhood.objects.filter(
        movement_circles__offers__functions__code="leisure", movement_circles__offers__status="published"
    ).distinct()
    without = Neighbourhood.objects.exclude(pk__in=served).exclude(pk__in=circles_served)
    assert {8, 12, 19, 25} <= set(without.values_list("number", flat=True))
