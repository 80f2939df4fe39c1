"""A helper to record moments the way the pages do (through the service), and a fixed "today"."""

import datetime

import pytest
import time_machine

from participation import services
from participation.models import ParticipationMoment
from participation.services import PointData, QuoteData
from tests import factories

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False):
        yield


def record(
    by,
    organisation,
    *,
    neighbourhoods=(),
    circle=None,
    city_wide=False,
    held_on=datetime.date(2026, 2, 10),
    bands=(0, 0, 6, 0, 0),
    themes=None,
    concerns=(),
    wishes=(),
    quotes=(),
    title="Youth council",
    **kwargs,
) -> ParticipationMoment:
    moment = ParticipationMoment(
        organisation=organisation,
        title=title,
        held_on=held_on,
        method=kwargs.pop("method", "youth_council"),
        city_wide=city_wide,
        movement_circle=circle,
        confirmed_not_identifying=True,
        **kwargs,
    )
    moment.set_band_counts(bands)
    return services.moment_save(
        moment=moment,
        by=by,
        expected_version=None,
        neighbourhoods=list(neighbourhoods),
        themes=themes if themes is not None else {"leisure": min(sum(bands), 6)},
        concerns=[PointData(text=t) for t in concerns],
        wishes=[w if isinstance(w, PointData) else PointData(text=w) for w in wishes],
        quotes=[q if isinstance(q, QuoteData) else QuoteData(text=q, is_public=True) for q in quotes],
    )


@pytest.fixture
def rabot(db):
    return factories.neighbourhood(7)


@pytest.fixture
def brugse_poort(db):
    return factories.neighbourhood(4)
