"""The portal refuses to start with a bad environment, and production settings pass Django's deploy checks."""

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

# The shared fixtures clear the (database) cache around every test.
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "charter_portal.settings",
    }
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "charter.gent.example",
    "SIGNATURE_HMAC_KEYS": f"k1:{secrets.token_urlsafe(32)}",
    "SIGNATURE_HEAD_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
}


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "1", "EMAIL_PORT": "abc"}, "EMAIL_PORT"),
        ({"DEBUG": "0", "ALLOWED_HOSTS": "charter.gent.example"}, "SECRET_KEY"),
        ({**PRODUCTION, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DEBUG": "1", "DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
        ({"DEBUG": "1", "EMAIL_BACKEND": "smtp"}, "EMAIL_BACKEND"),
        ({"DEBUG": "1", "CACHE_URL": "memcached://x"}, "CACHE_URL"),
        ({"DEBUG": "1", "SIGNATURE_HMAC_KEYS": "k1:short"}, "SIGNATURE_HMAC_KEYS"),
        ({"DEBUG": "1", "SIGNATURE_HMAC_KEYS": "no-separator" + "x" * 40}, "SIGNATURE_HMAC_KEYS"),
        (
            {"DEBUG": "1", "SIGNATURE_HMAC_KEYS": "k1:" + "x" * 40, "SIGNATURE_HMAC_KEY_ID": "k2"},
            "SIGNATURE_HMAC_KEY_ID",
        ),
        ({"DEBUG": "1", "SIGNATURE_HEAD_KEY": "bm90IDMyIGJ5dGVz"}, "SIGNATURE_HEAD_KEY"),
    ],
)
def test_a_bad_environment_value_stops_the_start_naming_the_variable(env, variable):
    result = _manage("check", **env)
    assert result.returncode != 0
    assert f"Environment variable {variable}" in result.stderr


def test_production_settings_pass_the_deploy_checks_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "check"), [("SIGNATURE_HMAC_KEYS", "portal.E101"), ("SIGNATURE_HEAD_KEY", "portal.E102")]
)
def test_the_deploy_checks_require_the_signature_chain_keys(missing, check):
    env = {name: value for name, value in PRODUCTION.items() if name != missing}
    result = _manage("check", "--deploy", **env)
    assert result.returncode != 0
    assert check in result.stderr + result.stdout


def test_the_deploy_checks_warn_of_a_cache_no_other_process_shares():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "CACHE_URL": "locmem"})
    assert result.returncode != 0
    assert "portal.W001" in result.stderr + result.stdout


def test_with_redis_sessions_are_read_from_the_cache_and_written_through():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND'])",
        **{**PRODUCTION, "CACHE_URL": "redis://127.0.0.1:6379/0"},
    )
    assert result.stdout.strip().splitlines()[-1].split() == [
        "django.contrib.sessions.backends.cached_db",
        "charter_portal.cache.RedisCache",
    ]


def test_development_settings_start_without_a_secret_key():
    assert _manage("check", DEBUG="1").returncode == 0


def test_there_are_no_pending_migrations():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"Models have changes without a migration:\n{out.getvalue()} ({exit_})")


def test_sessions_end_after_thirty_minutes_idle(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    # The expiry is renewed by SessionRefreshMiddleware at most once a minute, not on every request.
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert "charter_portal.middleware.SessionRefreshMiddleware" in settings.MIDDLEWARE
