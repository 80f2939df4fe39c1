"""The embedded default (SQLite) under concurrent use (issue 17, item 14): parallel covenant approvals, as the city's
staff would click them at the same moment, never answer a server error.

SQLite lets one connection write at a time; a transaction that read first and then wants to write while another
writes gets "database is locked" at once (waiting could deadlock), which surfaced as a 500. The settings make every
transaction take the write lock when it begins (``BEGIN IMMEDIATE``) and wait for it. The test database of the suite
lives in memory and is shared by threads through one connection, so this test runs the real thing: a server process
with its own threads on a database file, and eight requests at once."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        "sqlite" not in settings.DATABASES["default"]["ENGINE"], reason="the embedded database only: SQLite"
    ),
]

ROOT = Path(__file__).resolve().parents[2]
PARALLEL = 8

SETUP = """
import json
from datetime import date
from accounts.services import api_token_issue
from covenants import services
from covenants.models import Side
from tests import factories
from tests.covenants.conftest import fill_draft

city = factories.city_service(name="Jeugddienst")
staff = factories.admin_of(city)
urls = []
for n in range(%(parallel)d):
    partner = factories.organisation(name=f"Partner {n}")
    covenant = services.covenant_create(
        by=staff, reference=f"RACE-{n}", title=f"Race {n}", city_service=city, partner_organisation=partner,
        starts_on=date(2026, 1, 1), ends_on=date(2027, 12, 31),
    )
    terms = fill_draft(covenant.versions.get(number=1))
    services.version_submit(terms=terms, by=staff, side=Side.CITY)
    urls.append(f"/api/v1/covenants/{covenant.pk}/versions/1/approve/")
_token, key = api_token_issue(user=staff, name="race")
print("SETUP" + json.dumps({"key": key, "urls": urls}))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """A threaded server process on a fresh SQLite file, with eight covenant versions waiting for approval."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "charter_portal.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "CACHE_URL": "locmem",
        "DEBUG": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput"], env=env, cwd=ROOT, check=True, capture_output=True)
    setup = subprocess.run(
        [*manage, "shell", "-c", SETUP % {"parallel": PARALLEL}],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(next(line for line in setup.stdout.splitlines() if line.startswith("SETUP"))[5:])
    port = _free_port()
    process = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(200):
            try:
                requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", data
    finally:
        process.terminate()
        process.wait(timeout=10)


def _approve(base, url, key):
    response = requests.post(base + url, json={"side": "city"}, headers={"Authorization": f"Token {key}"}, timeout=60)
    return response.status_code, response.content


def test_eight_parallel_approvals_on_the_embedded_database_all_go_through(server):
    base, data = server
    barrier = threading.Barrier(PARALLEL)
    results = [None] * PARALLEL

    def run(index):
        barrier.wait(timeout=30)
        results[index] = _approve(base, data["urls"][index], data["key"])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert [status for status, _body in results] == [200] * PARALLEL, results
    for _status, body in results:
        approvals = json.loads(body)["versions"][0]["approvals"]
        assert [a["side"] for a in approvals] == ["city"]
