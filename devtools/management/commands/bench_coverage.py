"""Time and memory of computing the coverage of every area, straight from the database (issue 11).

    python manage.py bench_coverage [--repeat 3] [--date 2026-06-01]

Runs the loaders and the engine of ``neighbourhoods.selectors.compute_coverage_on`` (no cache, the cycle
collector paused as there) ``--repeat`` times and prints, for the best, the median and the worst run, the wall time
split into loading and computing, the number of queries, the peak of memory allocated by Python during the
run (tracemalloc) and the peak resident size of the whole process (getrusage). The targets at region
scale: under 2 s and 500 MB.
"""

import datetime
import resource
import sys
import time
import tracemalloc

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from neighbourhoods import coverage, coverage_sources, selectors


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


class Command(BaseCommand):
    help = "Measure the time and memory of computing the coverage of every area (no cache)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--date", type=datetime.date.fromisoformat, default=None)

    def _run(self, day):
        with CaptureQueriesContext(connection) as captured, coverage.without_cycle_collection():
            started = time.perf_counter()
            areas, _info = selectors.load_areas(with_geometry=True)
            offers = coverage_sources.load_offers(day)
            collaborations = coverage_sources.load_collaborations(day)
            loaded = time.perf_counter()
            results = coverage.compute_coverage(day=day, areas=areas, offers=offers, collaborations=collaborations)
            done = time.perf_counter()
        return {
            "seconds": done - started,
            "load": loaded - started,
            "engine": done - loaded,
            "queries": len(captured.captured_queries),
            "areas": len(results),
            "offers": len(offers),
        }

    def handle(self, *args, **options):
        day = options["date"] or timezone.localdate()
        runs = [self._run(day) for _ in range(max(1, options["repeat"]))]
        tracemalloc.start()  # a separate run: tracemalloc slows Python down several times
        self._run(day)
        _current, python_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        first = runs[0]
        self.stdout.write(
            f"{first['areas']} areas, {first['offers']} offers that may count on {day}, {connection.vendor}"
        )
        ordered = sorted(runs, key=lambda r: r["seconds"])
        for label, run in (("best", ordered[0]), ("median", ordered[len(ordered) // 2]), ("worst", ordered[-1])):
            self.stdout.write(
                f"{label} of {len(runs)}: {run['seconds']:.2f} s (loading {run['load']:.2f} s, "
                f"engine {run['engine']:.2f} s), {run['queries']} queries"
            )
        self.stdout.write(f"memory allocated by Python at the peak of one computation: {python_peak / 1e6:.0f} MB")
        self.stdout.write(f"peak resident size of this process: {_peak_rss_mb():.0f} MB")
