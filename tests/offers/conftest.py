import pytest

from offers.models import Offer
from tests import factories


@pytest.fixture
def wijk():
    return factories.neighbourhood(7)


@pytest.fixture
def draft_offer(partner_org, wijk):
    return factories.offer(partner_org, neighbourhoods=[wijk], status=Offer.Status.DRAFT, title="Draft football")


@pytest.fixture
def published_offer(partner_org, wijk):
    from django.utils import timezone

    return factories.offer(
        partner_org,
        neighbourhoods=[wijk],
        status=Offer.Status.PUBLISHED,
        title="Wednesday football",
        published_at=timezone.now(),
    )


def offer_form_data(wijk, **overrides) -> dict:
    data = {
        "title": "Homework club",
        "description": "We help with homework and play games afterwards.",
        "functions": ["1"],
        "neighbourhoods": [str(wijk.pk)],
        "age_min": "6",
        "age_max": "12",
        "weekly_hours": "4",
        "schedule": "Every Tuesday 16:00-18:00",
        "is_free": "on",
        "languages": "Dutch, Arabic",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def offer_api_payload(org, wijk, **overrides) -> dict:
    """What a client sends to create an offer through the API."""
    data = {
        "organisation": org.pk,
        "title": "Street football",
        "description": "Football on the square.",
        "functions": ["leisure"],
        "neighbourhoods": [wijk.pk],
        "movement_circles": [],
        "is_mobile": True,
        "weekly_hours": "6.5",
        "age_min": 10,
        "age_max": 16,
        "status": "published",
    }
    data.update(overrides)
    return data


def function_ids(*codes) -> list[str]:
    return [str(f.pk) for f in factories.functions(*codes)]
