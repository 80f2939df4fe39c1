from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from neighbourhoods.models import Neighbourhood
from signals import services
from signals.models import PrioritisationRound, Signal, SignalSettings, Status, TimelineEntry
from signals.selectors import signal_weights_by_neighbourhood
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_counts_signals_per_neighbourhood_through_circles_and_never_city_wide_ones(
    make_signal, django_assert_num_queries
):
    n2, n10, n13 = (Neighbourhood.objects.get(number=n) for n in (2, 10, 13))
    circle = factories.movement_circle(n2, n10)
    with time_machine.travel(datetime(2026, 3, 10, 12, tzinfo=ZoneInfo("Europe/Brussels")), tick=False):
        make_signal(city_wide=False, movement_circles=[circle])
        make_signal(city_wide=False, neighbourhoods=[n10], movement_circles=[circle])  # counts once for 10
        make_signal(city_wide=False, neighbourhoods=[n13])
        make_signal(city_wide=True)
    with time_machine.travel(datetime(2026, 5, 1, 12, tzinfo=ZoneInfo("Europe/Brussels")), tick=False):
        make_signal(city_wide=False, neighbourhoods=[n13])  # outside the period
    with django_assert_num_queries(4):
        counts = signal_weights_by_neighbourhood(date(2026, 3, 1), date(2026, 3, 31))
    assert counts == {n2.pk: 2, n10.pk: 2, n13.pk: 1}


def test_it_counts_open_signals_of_before_and_weighs_endorsements_and_a_chosen_theme(
    make_signal, other_admin, city_admin
):
    """The signal indicator of area priority: open and recent signals, weighted by endorsements (issue 19)."""
    n7, n13 = (Neighbourhood.objects.get(number=n) for n in (7, 13))
    with time_machine.travel(datetime(2024, 6, 10, 12, tzinfo=ZoneInfo("Europe/Brussels")), tick=False):
        make_signal(city_wide=False, neighbourhoods=[n13])  # older, still open: counts
        make_signal(Status.CLOSED, city_wide=False, neighbourhoods=[n13])  # older and closed: does not
    with time_machine.travel(datetime(2025, 6, 10, 12, tzinfo=ZoneInfo("Europe/Brussels")), tick=False):
        endorsed = make_signal(city_wide=False, neighbourhoods=[n7], themes=["housing"])
        services.signal_endorse(signal=endorsed, by=other_admin)
    period = (date(2025, 1, 1), date(2025, 12, 31))
    assert signal_weights_by_neighbourhood(*period) == {n7.pk: 2, n13.pk: 1}
    assert signal_weights_by_neighbourhood(*period, endorsement_weight=Decimal("0.5")) == {
        n7.pk: Decimal("1.5"),
        n13.pk: 1,
    }
    assert signal_weights_by_neighbourhood(*period, theme="housing") == {n7.pk: 2}
    from neighbourhoods.builtin_indicators import BUILTIN_SOURCES

    SignalSettings.objects.update_or_create(pk=1, defaults={"indicator_endorsement_weight": 3, "indicator_theme": ""})
    with time_machine.travel(datetime(2026, 11, 29, 12, tzinfo=ZoneInfo("Europe/Brussels")), tick=False):
        values = BUILTIN_SOURCES["builtin_signals"](2025)
    assert values[n7.pk] == 4 and values[n13.pk] == 1


def test_the_signal_indicator_counts_in_the_priority_score(make_signal, other_admin):
    from neighbourhoods.decisions import priority_scores
    from neighbourhoods.models import Indicator

    n7 = Neighbourhood.objects.get(number=7)
    Indicator.objects.create(code="signals", name="Signals", source_kind="builtin_signals", weight=1)
    signal = make_signal(city_wide=False, neighbourhoods=[n7])
    services.signal_endorse(signal=signal, by=other_admin)
    result = priority_scores(year=date.today().year, method="top_n", top_n=1)
    best = max((s for s in result.scores if s.score is not None), key=lambda s: s.score)
    assert best.area_id == n7.pk


def test_it_seeds_demo_signals_in_every_state_once():
    messages = []
    from signals.demo import seed

    seed(messages.append)
    seed(messages.append)
    demo = Signal.objects.filter(is_demo=True)
    assert {s.status for s in demo} == set(Status.values)
    assert demo.count() == 7
    assert any(s.is_overdue for s in demo)
    assert demo.filter(endorsements__isnull=False).distinct().count() >= 2
    assert PrioritisationRound.objects.get().state == "closed"
    assert demo.filter(priority_round__isnull=False).count() == 2
    assert TimelineEntry.objects.filter(signal__is_demo=True, is_internal=True).exists()
    assert "nothing to do" in messages[-1]
    overdue = next(s for s in demo if s.is_overdue)
    assert overdue.submitted_at < datetime.now(tz=ZoneInfo("UTC")) - timedelta(days=7)


def test_it_has_no_missing_migrations():
    call_command("makemigrations", "signals", "--check", "--dry-run", verbosity=0)


def test_it_feeds_the_coverage_indicator_of_signals_reported_in_the_last_twelve_months(make_signal):
    """The built-in priority indicator ("data, indications and signals") counts real signals per neighbourhood."""
    from neighbourhoods.builtin_indicators import BUILTIN_SOURCES

    n7, n13 = (Neighbourhood.objects.get(number=n) for n in (7, 13))
    with time_machine.travel(datetime(2025, 6, 10, 12, tzinfo=ZoneInfo("Europe/Brussels")), tick=False):
        make_signal(city_wide=False, neighbourhoods=[n7])
        make_signal(city_wide=False, neighbourhoods=[n7, n13])
    with time_machine.travel(datetime(2024, 6, 10, 12, tzinfo=ZoneInfo("Europe/Brussels")), tick=False):
        make_signal(city_wide=False, neighbourhoods=[n13])  # another data year
    with time_machine.travel(datetime(2026, 11, 29, 12, tzinfo=ZoneInfo("Europe/Brussels")), tick=False):
        values = BUILTIN_SOURCES["builtin_signals"](2025)
    assert values[n7.pk] == 2
    assert values[n13.pk] == 2  # the signal of 2024 is still open: it counts too
    assert len(values) == Neighbourhood.objects.count()  # no signal is a value too: 0
    assert values[Neighbourhood.objects.get(number=1).pk] == 0
