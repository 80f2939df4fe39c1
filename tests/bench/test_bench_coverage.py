"""``bench_coverage``: time and memory of one computation of every area's coverage."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_it_reports_best_median_and_worst_with_the_query_count_and_memory():
    call_command("seed_scale", areas=40, organisations=10, offers=60, stdout=None)
    out = StringIO()
    call_command("bench_coverage", repeat=3, stdout=out)
    lines = out.getvalue().splitlines()
    from neighbourhoods.models import MovementCircle, Neighbourhood

    assert lines[0].startswith(f"{Neighbourhood.objects.count() + MovementCircle.objects.count()} areas")
    assert [line.split(" of 3:")[0] for line in lines[1:4]] == ["best", "median", "worst"]
    assert all(line.endswith(", 10 queries") for line in lines[1:4])
    assert "memory allocated by Python" in lines[4] and "peak resident size" in lines[5]


def test_it_leaves_the_cycle_collector_as_it_found_it():
    import gc

    from neighbourhoods.coverage import without_cycle_collection

    assert gc.isenabled()
    with without_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with without_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
