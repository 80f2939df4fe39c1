import datetime
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from neighbourhoods import demo
from neighbourhoods.models import CoverageSnapshot, Indicator, IndicatorValue, MovementCircle, PriorityDecision
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_seeds_synthetic_indicators_and_a_decision_once(city_org):
    factories.admin_of(city_org, email="stad.admin@demo.example")
    lines = []
    demo.seed(lines.append)
    demo.seed(lines.append)
    imported = Indicator.objects.filter(source_kind=Indicator.SourceKind.IMPORTED)
    assert imported.count() == 3
    assert all(i.is_synthetic and "synthetic" in i.name for i in imported)
    assert IndicatorValue.objects.count() == 3 * 25 * 2
    assert PriorityDecision.objects.count() == 1
    assert set(
        MovementCircle.objects.get(name="Beweegcirkel Noord (demo)").neighbourhoods.values_list("number", flat=True)
    ) == {2, 10, 13}


def test_it_takes_a_snapshot_from_the_command_line(partner_org, rabot):
    with time_machine.travel(datetime.datetime(2026, 2, 1, 10, tzinfo=datetime.UTC)):
        factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[rabot], weekly_hours=5)
    out = io.StringIO()
    call_command("snapshot_coverage", "--date", "2026-03-01", stdout=out)
    assert "25 areas" in out.getvalue()
    snap = CoverageSnapshot.objects.get(area_id=rabot.pk, area_type="neighbourhood")
    assert snap.taken_on == datetime.date(2026, 3, 1)
    assert snap.leisure_hours_per_week == 5
    with pytest.raises(CommandError):
        call_command("snapshot_coverage", "--date", "March")
