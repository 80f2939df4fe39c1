"""Measure each configured page against a running portal and a bare Django page, and print the table.

Used by ``make bench`` (``tests/load/stack.sh`` starts the servers on PostgreSQL on loopback first); see
docs/performance.md. The pages come from ``devtools/load/pages.py``. Three servers take part:

- the portal as deployed (``--base-url``): pages measured *warm*, as a client polling them sees them;
- the same portal with nothing kept (``--cold-url``, ``CACHE_KEEP_BYPASS=1``): pages marked ``cold``
  measured *cold*, as the first caller after a change waits for them;
- the bare Django project of ``tests/load/floor/`` (``--floor-url``): the framework's own cost.

Each measurement is taken in ``--rounds`` rounds; in each round the bare page is measured right before the
page, so every ratio compares two figures of the same minute. A row shows the median of the rounds'
throughputs and ratios, p50/p99 over all its requests, and the SQL queries of one request (counted in
this process with Django's test client on the same database, the second of two requests).
"""

import asyncio
import json
import math
import os
import platform
import statistics
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from devtools.load import httpload
from devtools.load.pages import DEMO_PASSWORD, FLOOR
from devtools.load.plan import build_plan, describe

BARE = "bare Django page"


def count_queries(path: str, email: str | None, token: str | None, host: str, *, cold: bool) -> tuple[int, int]:
    """Queries of the second GET of ``path`` as ``email`` (None: visitor); return (count, status)."""
    from django.contrib.auth import get_user_model

    headers = {"HTTP_HOST": host, "HTTP_X_FORWARDED_PROTO": "https"}
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Token {token}"
    client = Client(**headers)
    if email and not token:
        client.force_login(get_user_model()._default_manager.get(email=email))
    with override_settings(CACHE_KEEP_BYPASS=cold):
        client.get(path, secure=True)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, secure=True)
    return len(captured.captured_queries), response.status_code


def issue_tokens(emails: list[str]) -> dict[str, str]:
    """One API token per e-mail address, named after this run, for the pages measured with a token."""
    from django.contrib.auth import get_user_model

    from accounts.services import api_token_issue

    name = f"benchmark {timezone.now():%Y-%m-%d %H:%M:%S.%f}"
    users = get_user_model()._default_manager.filter(email__in=emails)
    return {user.email: api_token_issue(user=user, name=name)[1] for user in users}


def machine() -> str:
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        pass
    cpu = f", {cpu}" if cpu else ""
    return f"{platform.node()}: {os.cpu_count()} cores{cpu}, {platform.system()} {platform.release()}"


def _fmt(value: float, digits: int = 1) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def _url(value: str, option: str):
    url = urlsplit(value)
    if url.scheme != "http" or not url.hostname or not url.port or url.query:
        raise CommandError(f"{option} must look like http://127.0.0.1:PORT (a path may follow)")
    try:
        httpload.check_loopback(url.hostname)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    return url


class Command(BaseCommand):
    help = "Benchmark the configured pages against a running portal on loopback (see docs/performance.md)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8100", help="The portal, on a loopback address.")
        parser.add_argument(
            "--floor-url",
            default="http://127.0.0.1:8101/",
            help="The bare Django page (default: its root).",
        )
        parser.add_argument(
            "--cold-url", default=None, help="The portal with CACHE_KEEP_BYPASS=1 (none: no cold measurements)."
        )
        parser.add_argument("--duration", type=float, default=6.0, help="Seconds measured per page (all rounds).")
        parser.add_argument("--floor-duration", type=float, default=3.0, help="Seconds of the bare page per page.")
        parser.add_argument("--warmup", type=float, default=1.5, help="Seconds of unmeasured load per page first.")
        parser.add_argument("--concurrency", type=int, default=8, help="Keep-alive connections kept busy.")
        parser.add_argument("--rounds", type=int, default=3, help="Each page is measured in this many rounds.")
        parser.add_argument("--only", nargs="*", default=None, help="Only these page names (plus the floor).")
        parser.add_argument("--label", default="", help="A name for this run in the output (e.g. the scale).")
        parser.add_argument("--json", type=Path, default=None, help="Also write the results to this JSON file.")

    def handle(self, *args, **options):
        base = _url(options["base_url"], "--base-url")
        floor = _url(options["floor_url"], "--floor-url")
        cold = _url(options["cold_url"], "--cold-url") if options["cold_url"] else None
        if not (
            0 < options["duration"] <= 60
            and 0 < options["floor_duration"] <= 60
            and 0 <= options["warmup"] <= 30
            and 1 <= options["concurrency"] <= 64
            and 1 <= options["rounds"] <= 10
        ):
            raise CommandError(
                "Keep --duration and --floor-duration within 60 s, --warmup within 30 s, --concurrency within 64, "
                "--rounds within 10."
            )

        plan = build_plan()
        self.stdout.write("Pages:")
        for line in describe(plan):
            self.stdout.write(line)
        pages = [p for p in plan["pages"] if p["available"] and p["bench"]]
        if options["only"]:
            pages = [p for p in pages if p["floor"] or p["name"] in options["only"]]
        if not any(p["floor"] for p in pages):
            raise CommandError(f"The portal's reference page {FLOOR!r} is not available; nothing to compare with.")
        pages.sort(key=lambda p: not p["floor"])  # the portal's reference first
        measurements = [(page, "warm", base) for page in pages]
        if cold is not None:
            measurements += [(page, "cold", cold) for page in pages if page["cold"]]

        token_emails = sorted({plan["personas"][p["persona"]][0] for p in pages if p["auth"] == "token"})
        tokens = issue_tokens(token_emails)

        started = time.perf_counter()
        rows = asyncio.run(self._measure(floor, plan["personas"], tokens, measurements, options))
        for row in rows:
            email = (plan["personas"][row["persona"]] or [None])[0]
            token = tokens.get(email) if row["auth"] == "token" else None
            try:
                row["queries"], status = count_queries(
                    row["path"], email, token, base.hostname, cold=row["state"] == "cold"
                )
            except Exception as exc:  # noqa: BLE001 - the measurements stand; say why this count is missing
                row["queries"], status = None, f"error {type(exc).__name__}"
            if status != 200:
                row["queries_note"] = f"status {status}"
        reference = next(r for r in rows if r["floor"] and r["state"] == "warm")
        for row in rows:
            row["x_functions"] = row["rps"] / reference["rps"] if reference["rps"] else float("nan")
        seconds = time.perf_counter() - started
        self._print(rows, options, seconds)
        if options["json"]:
            header = {"label": options["label"], "date": timezone.now().isoformat(), "machine": machine()}
            options["json"].write_text(json.dumps({**header, "seconds": seconds, "rows": rows}, indent=2), "utf-8")
        errors = sum(r["errors"] for r in rows)
        if errors:
            raise CommandError(f"{errors} request(s) did not answer 200 (statuses per page in --json).")

    async def _credentials(self, url, personas, tokens, pages, concurrency) -> dict:
        """Per (persona, auth): one (cookies, headers) per connection, as different people or clients."""
        credentials = {}
        for persona, auth in sorted({(p["persona"], p["auth"]) for p in pages}):
            emails = personas[persona]
            if not emails:
                credentials[persona, auth] = [({}, {})]
            elif auth == "token":
                credentials[persona, auth] = [({}, {"Authorization": f"Token {tokens[emails[0]]}"})]
            else:
                credentials[persona, auth] = [
                    (await httpload.login(url.hostname, url.port, emails[i % len(emails)], DEMO_PASSWORD), {})
                    for i in range(concurrency)
                ]
        return credentials

    async def _measure(self, floor, personas, tokens, measurements, options) -> list[dict]:
        concurrency = options["concurrency"]
        pages = [page for page, _, _ in measurements]
        servers = {id(url): url for _, _, url in measurements}
        credentials = {
            key: await self._credentials(url, personas, tokens, pages, concurrency) for key, url in servers.items()
        }

        async def hammer(url, path, creds, seconds):
            return await httpload.hammer(url.hostname, url.port, path, creds, concurrency=concurrency, duration=seconds)

        for page, state, url in measurements:
            self.stdout.write(f"Warming up {page['name']} ({state}, {page['path']}) ...")
            if options["warmup"]:
                await hammer(url, page["path"], credentials[id(url)][page["persona"], page["auth"]], options["warmup"])
        await hammer(floor, floor.path or "/", [({}, {})], options["warmup"] or 1)

        rounds = options["rounds"]
        results = {(page["name"], state): [] for page, state, _ in measurements}
        for number in range(1, rounds + 1):
            self.stdout.write(f"Round {number} of {rounds} ...")
            for page, state, url in measurements:
                bare = await hammer(floor, floor.path or "/", [({}, {})], options["floor_duration"] / rounds)
                result = await hammer(
                    url, page["path"], credentials[id(url)][page["persona"], page["auth"]], options["duration"] / rounds
                )
                results[page["name"], state].append((result, bare))
        rows = []
        for page, state, _ in measurements:
            measured = results[page["name"], state]
            total = httpload.Result()
            for result, _bare in measured:
                total.add(result)
            rows.append(
                {
                    "name": page["name"],
                    "state": state,
                    "path": page["path"],
                    "persona": page["persona"],
                    "auth": page["auth"],
                    "floor": page["floor"],
                    "requests": total.requests,
                    "errors": total.errors,
                    "statuses": {str(k): v for k, v in sorted(total.statuses.items())},
                    "rps": statistics.median(result.rps for result, _ in measured),
                    "bare_rps": statistics.median(bare.rps for _, bare in measured),
                    "x_bare": statistics.median(
                        result.rps / bare.rps if bare.rps else float("nan") for result, bare in measured
                    ),
                    "p50_ms": total.percentile(50),
                    "p99_ms": total.percentile(99),
                }
            )
        return rows

    def _print(self, rows, options, seconds):
        self.stdout.write("")
        self.stdout.write(f"{options['label'] or 'Benchmark'}, {timezone.now():%Y-%m-%d %H:%M %Z}, {machine()}")
        self.stdout.write(
            f"{options['concurrency']} connections, {options['warmup']:g} s warm-up, {options['duration']:g} s per "
            f"page and {options['floor_duration']:g} s of the {BARE} before it, in {options['rounds']} rounds "
            f"(medians of the rounds); {seconds:.0f} s in all"
        )
        header = (
            f"| {'page':<28} | {'state':<5} | {'as':<10} | {'rps':>7} | {'x bare':>6} | {'x functies':>10} | "
            f"{'p50 ms':>7} | {'p99 ms':>7} | {'errors':>6} | {'queries':>7} |"
        )
        self.stdout.write(header)
        self.stdout.write("|" + "|".join("-" * (len(part)) for part in header.split("|")[1:-1]) + "|")
        for r in rows:
            queries = str(r["queries"] if r["queries"] is not None else "-")
            queries += f" ({r['queries_note']})" if r.get("queries_note") else ""
            self.stdout.write(
                f"| {r['name']:<28} | {r['state']:<5} | {r['persona']:<10} | {_fmt(r['rps']):>7} | "
                f"{_fmt(r['x_bare'], 2):>6} | {_fmt(r['x_functions'], 2):>10} | {_fmt(r['p50_ms']):>7} | "
                f"{_fmt(r['p99_ms']):>7} | {r['errors']:>6} | {queries:>7} |"
            )
        bare = statistics.median(r["bare_rps"] for r in rows)
        self.stdout.write(f"The {BARE}: {bare:.0f} requests per second (median over all measurements).")
