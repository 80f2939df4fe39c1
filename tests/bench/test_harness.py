"""The load generator and the benchmark command, against a live server of the test database."""

import asyncio
import io
import json

import pytest
from django.core.management import CommandError, call_command

from devtools.load import httpload
from devtools.load.pages import DEMO_PASSWORD
from devtools.management.commands.seed_loadtest_personas import ensure_personas
from tests.load.freshdb import main as freshdb
from tests.load.report import main as report

pytestmark = pytest.mark.django_db


def _host_port(live_server):
    return live_server.thread.host, live_server.thread.port


def test_it_refuses_a_load_target_outside_loopback():
    with pytest.raises(ValueError, match="loopback"):
        httpload.check_loopback("192.0.2.10")
    httpload.check_loopback("127.0.0.1")


def test_it_computes_nearest_rank_percentiles():
    result = httpload.Result(latencies=[i / 1000 for i in range(1, 101)])
    assert result.percentile(50) == pytest.approx(50)
    assert result.percentile(99) == pytest.approx(99)
    assert result.percentile(100) == pytest.approx(100)


def test_it_adds_rounds_together():
    total = httpload.Result()
    total.add(httpload.Result(requests=3, errors=1, seconds=1.0, latencies=[0.1] * 3, statuses={200: 2, 500: 1}))
    total.add(httpload.Result(requests=5, seconds=1.0, latencies=[0.2] * 5, statuses={200: 5}))
    assert (total.requests, total.errors, total.rps, total.statuses) == (8, 1, 4.0, {200: 7, 500: 1})


@pytest.mark.django_db(transaction=True)
def test_it_keeps_connections_busy_and_counts_statuses(live_server):
    from django.db import connection

    host, port = _host_port(live_server)
    # The live server's request threads share the one connection of an in-memory SQLite test database,
    # and two queries at once on it can mix up their rows (Django's testing docs warn about this), so
    # two connections at once are measured on PostgreSQL only.
    concurrency = 1 if connection.vendor == "sqlite" else 2
    ok = asyncio.run(httpload.hammer(host, port, "/functies/", [], concurrency=concurrency, duration=0.5))
    assert ok.requests > 0 and ok.errors == 0 and ok.statuses == {200: ok.requests}
    missing = asyncio.run(httpload.hammer(host, port, "/no-such-page/", [], concurrency=1, duration=0.2))
    assert missing.errors == missing.requests > 0 and set(missing.statuses) == {404}


@pytest.mark.django_db(transaction=True)
def test_it_logs_in_through_the_form_and_refuses_a_wrong_password(live_server):
    ensure_personas(lambda message: None)
    host, port = _host_port(live_server)
    cookies = asyncio.run(httpload.login(host, port, "brug.admin@demo.example", DEMO_PASSWORD))
    assert "sessionid" in cookies
    with pytest.raises(RuntimeError, match="login of brug.lid@demo.example failed"):
        asyncio.run(httpload.login(host, port, "brug.lid@demo.example", "not-the-password"))


@pytest.mark.django_db(transaction=True)
def test_it_benchmarks_the_pages_against_the_floor_and_counts_queries(live_server, tmp_path):
    ensure_personas(lambda message: None)
    out = io.StringIO()
    base_url = f"http://127.0.0.1:{live_server.thread.port}"
    call_command(
        "bench",
        base_url=base_url,
        # The test has one server: the portal's smallest page stands in for the bare Django project, and the
        # same server for the one that keeps nothing (the cold path is the bypass setting, tested elsewhere).
        floor_url=f"{base_url}/functies/",
        cold_url=base_url,
        duration=0.4,
        floor_duration=0.2,
        warmup=0,
        rounds=2,
        concurrency=1,  # in-memory SQLite locks on concurrent session writes
        only=["home (partner)", "API offers"],
        label="test",
        json=tmp_path / "bench.json",
        stdout=out,
    )
    result = json.loads((tmp_path / "bench.json").read_text())
    assert result["label"] == "test" and "cores" in result["machine"]
    rows = {(row["name"], row["state"]): row for row in result["rows"]}
    assert set(rows) == {
        ("functions (floor)", "warm"),
        ("home (partner)", "warm"),
        ("API offers", "warm"),
        ("API offers", "cold"),
    }
    assert rows["functions (floor)", "warm"]["x_functions"] == 1.0
    assert rows["functions (floor)", "warm"]["queries"] == 1  # the one small table
    assert rows["functions (floor)", "warm"]["x_bare"] > 0
    assert rows["home (partner)", "warm"]["errors"] == 0 and rows["home (partner)", "warm"]["queries"] > 0
    # The API list with the partner's token: kept (no query once warm), computed each time when cold.
    assert rows["API offers", "warm"]["errors"] == rows["API offers", "cold"]["errors"] == 0
    assert rows["API offers", "warm"]["auth"] == "token"
    assert rows["API offers", "cold"]["queries"] > rows["API offers", "warm"]["queries"]
    assert "| functions (floor)" in out.getvalue() and "bare Django page" in out.getvalue()


@pytest.mark.django_db
def test_it_refuses_to_benchmark_another_machine():
    with pytest.raises(CommandError, match="loopback"):
        call_command("bench", base_url="http://192.0.2.10:8000", stdout=io.StringIO())


def test_it_refuses_to_drop_a_database_whose_name_does_not_say_bench(capsys):
    assert freshdb(["drop", "postgres://postgres@127.0.0.1:5432", "charter"]) == 2
    assert "Refusing database name" in capsys.readouterr().out


def _locust_entry(name, failures=0, times=None):
    times = times or {"20": 50, "80": 45, "120": 5}
    return {
        "name": name,
        "method": "GET",
        "num_requests": sum(times.values()),
        "num_failures": failures,
        "response_times": times,
        "start_time": 1000.0,
        "last_request_timestamp": 1010.0,
    }


def test_it_reports_the_locust_statistics_and_fails_on_errors(tmp_path, capsys):
    stats = tmp_path / "lt.json"
    stats.write_text(json.dumps([_locust_entry("home"), _locust_entry("charter")]))
    assert report([str(stats)]) == 0
    out = capsys.readouterr().out
    assert "| TOTAL                          |      200 |   20.0 |     20 |     80 |    120 |      0 |" in out
    assert "target met" in out
    stats.write_text(json.dumps([_locust_entry("home", failures=2)]))
    assert report([str(stats)]) == 1
    assert "TARGET MISSED" in capsys.readouterr().out


def test_it_misses_the_target_when_p95_is_too_slow(tmp_path, capsys):
    stats = tmp_path / "lt.json"
    stats.write_text(json.dumps([_locust_entry("home", times={"20": 90, "400": 10})]))
    assert report([str(stats)]) == 1
    assert "p95 400 ms" in capsys.readouterr().out


def test_it_prepares_a_session_for_every_simulated_person_of_each_persona():
    from tests.load.prelogin import sessions_needed

    needed = sessions_needed(50)
    assert needed == {"visitor": 21, "partner": 21, "city_staff": 11}
    assert sum(needed.values()) >= 50


@pytest.mark.django_db(transaction=True)
def test_it_adds_logged_in_sessions_to_the_plan(live_server, tmp_path):
    from devtools.load.plan import build_plan, write_plan
    from tests.load.prelogin import main as prelogin

    ensure_personas(lambda message: None)
    plan_file = tmp_path / "plan.json"
    write_plan(build_plan(), plan_file)
    # One login at a time: the test server's in-memory SQLite database locks on concurrent writes.
    assert prelogin([str(plan_file), f"http://127.0.0.1:{live_server.thread.port}", "5", "1"]) == 0
    sessions = json.loads(plan_file.read_text())["sessions"]
    assert set(sessions) == {"partner", "city_staff"}
    assert len(sessions["partner"]) == 3 and all("sessionid" in cookies for cookies in sessions["partner"])
    assert len({cookies["sessionid"] for cookies in sessions["partner"]}) == 3  # one session per person


@pytest.mark.django_db(transaction=True)
def test_it_fails_the_benchmark_when_a_page_does_not_answer_200(live_server, tmp_path, monkeypatch):
    from devtools.load import plan as plan_module
    from devtools.load.pages import FLOOR, Page

    monkeypatch.setattr(plan_module, "PAGES", [Page(FLOOR, "/functies/"), Page("admin", "/admin/")])
    with pytest.raises(CommandError, match="did not answer 200"):
        call_command(
            "bench",
            base_url=f"http://127.0.0.1:{live_server.thread.port}",
            floor_url=f"http://127.0.0.1:{live_server.thread.port}/functies/",
            floor_duration=0.1,
            duration=0.2,
            warmup=0,
            rounds=1,
            concurrency=1,
            json=tmp_path / "bench.json",
            stdout=io.StringIO(),
        )
    rows = {row["name"]: row for row in json.loads((tmp_path / "bench.json").read_text())["rows"]}
    assert rows["admin"]["errors"] == rows["admin"]["requests"] > 0
    assert set(rows["admin"]["statuses"]) == {"302"}  # the admin sends visitors to its login page


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_it_runs_the_locust_journeys_with_logged_in_people_without_errors(live_server, tmp_path):
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("concurrent logged-in people write sessions at once, which in-memory SQLite refuses")
    import subprocess
    import sys
    from pathlib import Path

    from django.conf import settings

    from devtools.load.plan import build_plan, write_plan
    from tests.load.prelogin import main as prelogin

    ensure_personas(lambda message: None)
    plan_file = tmp_path / "plan.json"
    plan = build_plan()
    for page in plan["pages"]:  # the journeys of the three personas; domain pages need the demo data
        if not (page["name"].startswith("home") or page["name"].startswith("functions")):
            page["available"] = False
    from accounts.models import User
    from accounts.services import api_token_issue

    plan["tokens"] = [api_token_issue(user=User.objects.get(email="brug.admin@demo.example"), name="load")[1]]
    write_plan(plan, plan_file)
    base_url = f"http://127.0.0.1:{live_server.thread.port}"
    assert prelogin([str(plan_file), base_url, "5", "1"]) == 0
    root = Path(settings.BASE_DIR)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root), "LOADTEST_PLAN": str(plan_file)}
    env["LOADTEST_WAIT"] = "0,0.1"
    run = subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(root / "tests/load/locustfile.py"), "--headless", "--users", "5",
         "--spawn-rate", "5", "--run-time", "3s", "--stop-timeout", "2", "--host", base_url,
         "--json-file", str(tmp_path / "lt"), "--only-summary"],
        cwd=root, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    entries = {entry["name"]: entry for entry in json.loads((tmp_path / "lt.json").read_text())}
    assert {"home (partner)", "home (city staff)", "home (visitor)"} <= set(entries)
    assert "login (POST)" not in entries  # everybody had a session prepared beforehand
    assert "functions (partner)" not in entries  # weight 0: measured by the benchmark only
    assert "API offers (paging)" in entries and "API signals (paging)" in entries  # the API client's journey
    assert sum(entry["num_failures"] for entry in entries.values()) == 0
    assert report([str(tmp_path / "lt.json")]) == 0
