"""Security headers, production cookies, re-authentication before sensitive steps, and the security log."""

import logging
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from charter.initial import create_first_version
from charter.models import Article, ChainEntry, ChainHead, CharterVersion
from organisations.models import Membership
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
SECURITY = "portal.security"


def _directives(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


@pytest.mark.parametrize("path", ["/", "/charter/", "/aanbod/", "/account/login/", "/api/v1/docs/"])
def test_it_sends_a_strict_content_security_policy(client, db, path):
    response = client.get(path)

    assert response.status_code == 200
    csp = _directives(response)
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["object-src"] == "object-src 'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_it_serves_the_api_docs_with_scripts_from_files_or_with_the_nonce(client, db):
    response = client.get("/api/v1/docs/")
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    html = response.content.decode()

    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or (nonce and f'nonce="{nonce.group(1)}"' in tag), tag


def test_no_template_has_an_inline_script_or_style_attribute():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: inline script {tag}")
        if re.search(r"\sstyle\s*=", text):
            offenders.append(f"{path.relative_to(ROOT)}: style attribute")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{path.relative_to(ROOT)}: inline event handler")
    assert offenders == []


def test_production_cookies_are_secure_and_host_only():
    """Import the settings in a fresh process with production environment values."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "charter.gent.example",
        "DJANGO_SETTINGS_MODULE": "charter_portal.settings",
    }
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter with a fixed argument list)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["__Host-sessionid", "__Host-csrftoken", "True", "True", "True", "True", "True"]


def test_development_cookies_keep_their_plain_names(settings):
    assert not settings.SESSION_COOKIE_NAME.startswith("__Host-")


# Re-authentication ------------------------------------------------------------------------------------------


@pytest.fixture
def charter_version(db):
    return create_first_version(CharterVersion, Article, ChainHead)


def test_it_asks_for_the_password_again_before_signing_the_charter(
    admin_client_, partner_org, partner_admin, charter_version
):
    data = {
        "organisation": partner_org.pk,
        "signer_name": "Ada Admin",
        "signer_role": "Chair",
        "authorised": "on",
        "password": "not my password",
    }
    response = admin_client_.post(reverse("charter:sign"), data)

    assert response.status_code in (200, 400)
    assert ChainEntry.objects.count() == 0

    response = admin_client_.post(reverse("charter:sign"), {**data, "password": factories.PASSWORD})
    assert response.status_code == 302
    assert ChainEntry.objects.filter(organisation=partner_org).count() == 1


def test_it_asks_for_the_password_again_before_changing_a_role(admin_client_, partner_org, partner_member):
    membership = Membership.objects.get(user=partner_member, organisation=partner_org)
    url = reverse("organisations:change_role", args=[partner_org.slug, membership.pk])

    response = admin_client_.post(url, {"role": "admin", "password": "not my password"})
    membership.refresh_from_db()
    assert response.status_code == 400
    assert membership.role == "member"

    response = admin_client_.post(url, {"role": "admin", "password": factories.PASSWORD})
    membership.refresh_from_db()
    assert response.status_code == 302
    assert membership.role == "admin"


# The security log -------------------------------------------------------------------------------------------


def _security_lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == SECURITY]


def test_it_logs_a_login_by_user_id(client, partner_member, caplog):
    caplog.set_level(logging.INFO, logger=SECURITY)
    client.post(reverse("accounts:login"), {"username": partner_member.email, "password": factories.PASSWORD})

    assert f"login user_id={partner_member.pk}" in _security_lines(caplog)


def test_it_logs_a_failed_login_without_the_password_or_the_address(client, partner_member, caplog):
    caplog.set_level(logging.INFO)
    secret = "Sup3r-secret-guess!"
    response = client.post(reverse("accounts:login"), {"username": partner_member.email, "password": secret})

    assert response.status_code == 200
    assert f"login failed user_id={partner_member.pk}" in _security_lines(caplog)
    everything = caplog.text + " ".join(str(r.args) for r in caplog.records)
    assert secret not in everything
    assert partner_member.email not in everything
    assert partner_member.full_name not in everything


def test_it_logs_a_failed_login_for_an_unknown_address_without_the_address(client, db, caplog):
    caplog.set_level(logging.INFO)
    client.post(reverse("accounts:login"), {"username": "nobody@nowhere.example", "password": "x"})

    assert "login failed user_id=unknown" in _security_lines(caplog)
    assert "nobody@nowhere.example" not in caplog.text


def test_it_logs_a_lockout(client, partner_member, caplog, settings):
    caplog.set_level(logging.INFO)
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(reverse("accounts:login"), {"username": partner_member.email, "password": "wrong"})

    assert f"account locked out after repeated failures user_id={partner_member.pk}" in _security_lines(caplog)
    assert partner_member.email not in caplog.text


def test_it_logs_a_role_change(admin_client_, partner_org, partner_admin, partner_member, caplog):
    caplog.set_level(logging.INFO, logger=SECURITY)
    membership = Membership.objects.get(user=partner_member, organisation=partner_org)
    admin_client_.post(
        reverse("organisations:change_role", args=[partner_org.slug, membership.pk]),
        {"role": "admin", "password": factories.PASSWORD},
    )

    lines = [line for line in _security_lines(caplog) if line.startswith("role changed")]
    assert lines == [
        f"role changed membership_id={membership.pk} user_id={partner_member.pk} "
        f"organisation_id={partner_org.pk} from=member to=admin by_user_id={partner_admin.pk}"
    ]


def test_it_logs_a_permission_refusal(member_client, partner_member, caplog):
    caplog.set_level(logging.INFO, logger=SECURITY)
    response = member_client.get(reverse("organisations:approvals"))

    assert response.status_code == 403
    assert any(
        line.startswith(f"permission refused user_id={partner_member.pk} path=/organisaties/goedkeuringen/")
        for line in _security_lines(caplog)
    )
