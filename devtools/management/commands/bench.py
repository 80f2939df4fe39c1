"""Measure each configured page against a running portal, one page at a time, and print the table.

Used by ``make bench`` (which starts gunicorn on PostgreSQL on loopback first); see docs/performance.md.
The pages come from ``devtools/load/pages.py``. For each available page:

1. the number of SQL queries, counted in this process with Django's test client and
   ``CaptureQueriesContext`` on the same database, as the page's persona, on the second request (the
   first may fill caches);
2. a warm-up of ``--warmup`` seconds, then ``--duration`` seconds of closed-loop load with
   ``--concurrency`` keep-alive connections (``devtools.load.httpload``), each logged in as its own session
   of the persona; requests per second, p50/p99 latency and errors are recorded.

Throughput is shown as a ratio to the floor page (``/functies/``) measured in the same run.
"""

import asyncio
import json
import math
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from devtools.load import httpload
from devtools.load.pages import DEMO_PASSWORD, FLOOR
from devtools.load.plan import build_plan, describe


def count_queries(path: str, email: str | None, host: str) -> tuple[int, int]:
    """Queries of the second GET of ``path`` as ``email`` (None: visitor); return (count, status)."""
    from django.contrib.auth import get_user_model

    client = Client(HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https")
    if email:
        client.force_login(get_user_model()._default_manager.get(email=email))
    client.get(path, secure=True)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, secure=True)
    return len(captured.captured_queries), response.status_code


def _fmt(value: float, digits: int = 1) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.{digits}f}"


class Command(BaseCommand):
    help = "Benchmark the configured pages against a running portal on loopback (see docs/performance.md)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8100", help="Portal on a loopback address.")
        parser.add_argument("--duration", type=float, default=10.0, help="Seconds measured per page.")
        parser.add_argument("--warmup", type=float, default=3.0, help="Seconds of unmeasured load per page first.")
        parser.add_argument("--concurrency", type=int, default=8, help="Keep-alive connections kept busy.")
        parser.add_argument("--rounds", type=int, default=3, help="Pages take turns in this many rounds.")
        parser.add_argument("--only", nargs="*", default=None, help="Only these page names (plus the floor).")
        parser.add_argument("--json", type=Path, default=None, help="Also write the results to this JSON file.")

    def handle(self, *args, **options):
        url = urlsplit(options["base_url"])
        if url.scheme != "http" or not url.hostname or not url.port:
            raise CommandError("--base-url must look like http://127.0.0.1:PORT")
        try:
            httpload.check_loopback(url.hostname)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if not (
            0 < options["duration"] <= 60
            and 0 <= options["warmup"] <= 30
            and 1 <= options["concurrency"] <= 64
            and 1 <= options["rounds"] <= 10
        ):
            raise CommandError(
                "Keep --duration within 60 s, --warmup within 30 s, --concurrency within 64, --rounds within 10."
            )

        plan = build_plan()
        self.stdout.write("Pages:")
        for line in describe(plan):
            self.stdout.write(line)
        pages = [p for p in plan["pages"] if p["available"] and p["bench"]]
        if options["only"]:
            pages = [p for p in pages if p["floor"] or p["name"] in options["only"]]
        if not any(p["floor"] for p in pages):
            raise CommandError(f"The floor page {FLOOR!r} is not available; nothing to compare with.")
        pages.sort(key=lambda p: not p["floor"])  # the floor first

        started = time.perf_counter()
        rows = asyncio.run(self._measure(url.hostname, url.port, plan["personas"], pages, options))
        for row in rows:
            email = (plan["personas"][row["persona"]] or [None])[0]
            row["queries"], status = count_queries(row["path"], email, url.hostname)
            if status != 200:
                row["queries_note"] = f"status {status}"
        self._print(rows, options, time.perf_counter() - started)
        if options["json"]:
            options["json"].write_text(json.dumps(rows, indent=2), encoding="utf-8")
        errors = sum(r["errors"] for r in rows)
        if errors:
            raise CommandError(f"{errors} request(s) did not answer 200 (statuses per page in --json).")

    async def _measure(self, host, port, personas, pages, options) -> list[dict]:
        concurrency = options["concurrency"]
        sessions: dict[str, list[dict[str, str]]] = {}
        for persona in sorted({p["persona"] for p in pages}):
            emails = personas[persona]
            if not emails:
                sessions[persona] = []
                continue
            # One session per connection, as different people (or tabs) would have.
            sessions[persona] = [
                await httpload.login(host, port, emails[i % len(emails)], DEMO_PASSWORD) for i in range(concurrency)
            ]
        for page in pages:
            self.stdout.write(f"Warming up {page['name']} ({page['path']}) ...")
            if options["warmup"]:
                session = sessions[page["persona"]]
                await httpload.hammer(
                    host, port, page["path"], session, concurrency=concurrency, duration=options["warmup"]
                )
        # The pages take turns in rounds, so a disturbance on the machine (another process, a checkpoint
        # of PostgreSQL) spreads over all pages instead of falling on one: the ratios stay comparable.
        results = {page["name"]: httpload.Result() for page in pages}
        rounds = options["rounds"]
        for number in range(1, rounds + 1):
            self.stdout.write(f"Round {number} of {rounds} ...")
            for page in pages:
                result = await httpload.hammer(
                    host,
                    port,
                    page["path"],
                    sessions[page["persona"]],
                    concurrency=concurrency,
                    duration=options["duration"] / rounds,
                )
                results[page["name"]].add(result)
        rows = []
        for page in pages:
            result = results[page["name"]]
            rows.append(
                {
                    "name": page["name"],
                    "path": page["path"],
                    "persona": page["persona"],
                    "floor": page["floor"],
                    "requests": result.requests,
                    "errors": result.errors,
                    "statuses": {str(k): v for k, v in sorted(result.statuses.items())},
                    "rps": result.rps,
                    "p50_ms": result.percentile(50),
                    "p99_ms": result.percentile(99),
                }
            )
        floor_rps = next(r["rps"] for r in rows if r["floor"])
        for row in rows:
            row["ratio"] = row["rps"] / floor_rps if floor_rps else float("nan")
        return rows

    def _print(self, rows, options, seconds):
        self.stdout.write("")
        self.stdout.write(
            f"{options['concurrency']} connections, {options['warmup']:g} s warm-up + {options['duration']:g} s "
            f"per page in {options['rounds']} round(s), {seconds:.0f} s in all"
        )
        header = f"| {'page':<28} | {'as':<10} | {'rps':>7} | {'x floor':>7} | {'p50 ms':>7} | {'p99 ms':>7} | "
        header += f"{'errors':>6} | {'queries':>7} |"
        self.stdout.write(header)
        self.stdout.write("|" + "|".join("-" * (len(part)) for part in header.split("|")[1:-1]) + "|")
        for r in rows:
            queries = str(r["queries"]) + (f" ({r['queries_note']})" if r.get("queries_note") else "")
            self.stdout.write(
                f"| {r['name']:<28} | {r['persona']:<10} | {_fmt(r['rps']):>7} | {_fmt(r['ratio'], 2):>7} | "
                f"{_fmt(r['p50_ms']):>7} | {_fmt(r['p99_ms']):>7} | {r['errors']:>6} | {queries:>7} |"
            )
