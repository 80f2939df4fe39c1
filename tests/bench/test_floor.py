"""The bare Django project that ``make bench`` measures the portal against (tests/load/floor/)."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
response = Client(HTTP_HOST="127.0.0.1").get("/")
print(response.status_code, response.content.decode().count("<li>"))
from django.conf import settings
print(",".join(settings.MIDDLEWARE))
"""


def test_the_floor_is_a_bare_django_page_of_twelve_rows(tmp_path):
    root = Path(settings.BASE_DIR)
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(root),
        "DJANGO_SETTINGS_MODULE": "tests.load.floor.settings",
        "FLOOR_DATABASE_URL": f"sqlite:///{tmp_path / 'floor.sqlite3'}",
    }
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=root, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    answer, middleware = run.stdout.splitlines()
    assert answer == "200 12"
    # startproject's seven middleware classes, nothing of the portal's
    assert len(middleware.split(",")) == 7 and all(name.startswith("django.") for name in middleware.split(","))
