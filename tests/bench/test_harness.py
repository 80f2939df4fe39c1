"""The load generator and the benchmark command, against a live server of the test database."""

import asyncio
import io
import json

import pytest
from django.core.management import CommandError, call_command

from charter_portal.management.commands.seed_loadtest_personas import ensure_personas
from loadtests import httpload
from loadtests.freshdb import main as freshdb
from loadtests.pages import DEMO_PASSWORD
from loadtests.report import main as report

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
    host, port = _host_port(live_server)
    ok = asyncio.run(httpload.hammer(host, port, "/functies/", [], concurrency=2, duration=0.5))
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
    call_command(
        "bench",
        base_url=f"http://127.0.0.1:{live_server.thread.port}",
        duration=0.4,
        warmup=0,
        rounds=2,
        concurrency=2,
        only=["home (partner)"],
        json=tmp_path / "bench.json",
        stdout=out,
    )
    rows = {row["name"]: row for row in json.loads((tmp_path / "bench.json").read_text())}
    assert set(rows) == {"functions (floor)", "home (partner)"}
    assert rows["functions (floor)"]["ratio"] == 1.0
    assert rows["functions (floor)"]["queries"] == 1  # the one small table
    assert rows["home (partner)"]["errors"] == 0 and rows["home (partner)"]["queries"] > 0
    assert "| functions (floor)" in out.getvalue()


@pytest.mark.django_db
def test_it_refuses_to_benchmark_another_machine():
    with pytest.raises(CommandError, match="loopback"):
        call_command("bench", base_url="http://192.0.2.10:8000", stdout=io.StringIO())


def test_it_refuses_to_drop_a_database_whose_name_does_not_say_bench(capsys):
    assert freshdb(["drop", "postgres://postgres@127.0.0.1:5432", "charter"]) == 2
    assert "Refusing database name" in capsys.readouterr().out


def test_it_reports_the_locust_statistics_and_fails_on_errors(tmp_path, capsys):
    header = "Type,Name,Request Count,Failure Count,Requests/s,50%,95%,99%\n"
    stats = tmp_path / "stats.csv"
    stats.write_text(header + "GET,home,100,0,10.0,20,80,120\n,Aggregated,100,0,10.0,20,80,120\n")
    assert report([str(stats)]) == 0
    assert "target met" in capsys.readouterr().out
    stats.write_text(header + "GET,home,100,2,10.0,20,80,120\n,Aggregated,100,2,10.0,20,80,120\n")
    assert report([str(stats)]) == 1
    assert "TARGET MISSED" in capsys.readouterr().out


def test_it_prepares_a_session_for_every_simulated_person_of_each_persona():
    from loadtests.prelogin import sessions_needed

    needed = sessions_needed(50)
    assert needed == {"visitor": 21, "partner": 21, "city_staff": 11}
    assert sum(needed.values()) >= 50


@pytest.mark.django_db(transaction=True)
def test_it_adds_logged_in_sessions_to_the_plan(live_server, tmp_path):
    from loadtests.plan import build_plan, write_plan
    from loadtests.prelogin import main as prelogin

    ensure_personas(lambda message: None)
    plan_file = tmp_path / "plan.json"
    write_plan(build_plan(), plan_file)
    assert prelogin([str(plan_file), f"http://127.0.0.1:{live_server.thread.port}", "5"]) == 0
    sessions = json.loads(plan_file.read_text())["sessions"]
    assert set(sessions) == {"partner", "city_staff"}
    assert len(sessions["partner"]) == 3 and all("sessionid" in cookies for cookies in sessions["partner"])
    assert len({cookies["sessionid"] for cookies in sessions["partner"]}) == 3  # one session per person


@pytest.mark.django_db(transaction=True)
def test_it_fails_the_benchmark_when_a_page_does_not_answer_200(live_server, tmp_path, monkeypatch):
    from loadtests import plan as plan_module
    from loadtests.pages import FLOOR, Page

    monkeypatch.setattr(plan_module, "PAGES", [Page(FLOOR, "/functies/"), Page("admin", "/admin/")])
    with pytest.raises(CommandError, match="did not answer 200"):
        call_command(
            "bench",
            base_url=f"http://127.0.0.1:{live_server.thread.port}",
            duration=0.2,
            warmup=0,
            rounds=1,
            concurrency=1,
            json=tmp_path / "bench.json",
            stdout=io.StringIO(),
        )
    rows = {row["name"]: row for row in json.loads((tmp_path / "bench.json").read_text())}
    assert rows["admin"]["errors"] == rows["admin"]["requests"] > 0
    assert set(rows["admin"]["statuses"]) == {"302"}  # the admin sends visitors to its login page
