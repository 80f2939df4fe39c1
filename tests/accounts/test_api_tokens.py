"""API tokens: named, hashed, shown once, revoked on the account page and by every password change or reset."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import api_token_issue
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1/organisations/"
NEW_PASSWORD = "a brand new passphrase 42"


def _api(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _created_key(response) -> str:
    return re.search(r'id="new-token-key">([^<]+)<', response.content.decode()).group(1)


def test_it_creates_a_named_token_shows_it_once_and_keeps_only_its_hash(member_client, partner_member):
    response = member_client.post("/account/tokens/", {"name": "Spreadsheet"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    key = _created_key(response)
    token = ApiToken.objects.get(user=partner_member)
    assert token.name == "Spreadsheet" and token.prefix == key[:8]
    assert token.key_hash != key and key not in str(list(ApiToken.objects.values_list()))
    assert _api(key).get(API).status_code == 200

    page = member_client.get("/account/").content.decode()
    assert "Spreadsheet" in page and token.prefix in page
    assert key not in page  # shown once, never again


def test_it_refuses_a_wrong_or_missing_token_with_a_challenge(partner_member):
    _token, key = api_token_issue(user=partner_member, name="Script")
    for wrong in (key[:-1] + ("A" if key[-1] != "A" else "B"), key[:8], "x"):
        response = _api(wrong).get(API)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"


def test_it_lets_a_person_hold_several_tokens_and_revoke_one(member_client, partner_member):
    _first, first_key = api_token_issue(user=partner_member, name="Script")
    second, second_key = api_token_issue(user=partner_member, name="Nightly report")
    response = member_client.post(f"/account/tokens/{second.pk}/intrekken/")
    assert response.status_code == 302
    assert _api(second_key).get(API).status_code == 401
    assert _api(first_key).get(API).status_code == 200
    assert [t.name for t in member_client.get("/account/").context["tokens"]] == ["Script"]


def test_it_answers_404_to_someone_revoking_another_persons_token(other_client, partner_member):
    token, key = api_token_issue(user=partner_member, name="Script")
    assert other_client.post(f"/account/tokens/{token.pk}/intrekken/").status_code == 404
    assert _api(key).get(API).status_code == 200


def test_it_needs_a_login_and_a_post(client, member_client, partner_member):
    assert client.post("/account/tokens/", {"name": "Script"}).status_code == 302
    assert member_client.get("/account/tokens/").status_code == 405
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "script"])
def test_it_refuses_a_bad_name_with_a_message_and_creates_nothing(member_client, partner_member, name):
    api_token_issue(user=partner_member, name="Script")
    response = member_client.post("/account/tokens/", {"name": name})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert b'id="new-token-key"' not in response.content
    assert ApiToken.objects.count() == 1


def test_a_password_change_revokes_every_token(member_client, partner_member):
    keys = [api_token_issue(user=partner_member, name=name)[1] for name in ("Script", "Nightly report")]
    response = member_client.post(
        "/account/wachtwoord/",
        {"old_password": factories.PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    for key in keys:
        assert _api(key).get(API).status_code == 401
    assert not ApiToken.objects.active().exists()


def test_a_password_reset_revokes_every_token(client, partner_member, django_capture_on_commit_callbacks):
    _token, key = api_token_issue(user=partner_member, name="Script")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/wachtwoord-vergeten/", {"email": partner_member.email})
    link = re.search(r"https?://[^/\s]+(/account/wachtwoord-herstellen/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert _api(key).get(API).status_code == 401


def test_the_admins_set_password_revokes_every_token(admin_client, partner_member):
    _token, key = api_token_issue(user=partner_member, name="Script")
    response = admin_client.post(
        f"/admin/accounts/user/{partner_member.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert _api(key).get(API).status_code == 401


def test_a_saved_name_or_a_login_leaves_the_tokens_alone(member_client, partner_member, client):
    _token, key = api_token_issue(user=partner_member, name="Script")
    member_client.post("/account/", {"full_name": "Mona M.", "preferred_language": "en"})
    client.post("/account/login/", {"username": partner_member.email, "password": factories.PASSWORD})
    assert _api(key).get(API).status_code == 200


def test_a_deactivated_person_cannot_use_a_token(partner_member):
    _token, key = api_token_issue(user=partner_member, name="Script")
    partner_member.is_active = False
    partner_member.save()
    assert _api(key).get(API).status_code == 401


def test_it_records_the_last_use_at_most_once_per_five_minutes(partner_member):
    token, key = api_token_issue(user=partner_member, name="Script")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _api(key).get(API)
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(minutes=4), tick=False):
        _api(key).get(API)
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        _api(key).get(API)
    token.refresh_from_db()
    assert token.last_used_at == start + timedelta(minutes=6)


def test_it_finds_a_token_in_one_query(partner_member, django_assert_num_queries):
    _token, key = api_token_issue(user=partner_member, name="Script")
    ApiToken.objects.update(last_used_at=timezone.now())
    with django_assert_num_queries(1):
        found = ApiToken.objects.for_key(key)
        assert found.user.email == partner_member.email


def test_the_command_prints_a_new_named_token_once(partner_member):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("issue_api_token", partner_member.email.upper(), "--name", "Import script", stdout=out)
    key = out.getvalue().strip()
    assert ApiToken.objects.get(user=partner_member).name == "Import script"
    assert _api(key).get(API).status_code == 200


def test_the_migration_converts_drf_tokens_which_keep_working(partner_member):
    from importlib import import_module

    migration = import_module("accounts.migrations.0005_convert_drf_tokens")
    legacy = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id bigint, created timestamp)")
        cursor.execute(
            "INSERT INTO authtoken_token (key, user_id, created) VALUES (%s, %s, %s)",
            [legacy, partner_member.pk, "2026-01-31 09:00:00"],
        )
        migration.convert(apps, SimpleNamespace(connection=connection, execute=cursor.execute))
    assert "authtoken_token" not in connection.introspection.table_names()  # the keys in clear are gone
    token = ApiToken.objects.get(user=partner_member)
    assert token.prefix == legacy[:8] and token.key_hash != legacy
    assert _api(legacy).get(API).status_code == 200


def test_the_schema_describes_the_token_header(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert scheme["type"] == "apiKey" and scheme["in"] == "header" and scheme["name"] == "Authorization"


@pytest.mark.django_db(transaction=True)
def test_a_kept_token_answers_without_queries_and_stops_at_once_when_revoked(settings):
    """With the login kept in the shared cache (production's default), a token and its user are read once; a
    revocation, and a password change, bump the accounts domain, so the next request is refused."""
    from accounts.services import api_token_revoke

    settings.CACHE_KEEP_LOGIN = True
    user = factories.user(email="kept@example.org")
    token, key = api_token_issue(user=user, name="dashboard")
    client = _api(key)
    assert client.get("/api/v1/functions/").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/v1/functions/").status_code == 200
    assert not [q for q in captured.captured_queries if "accounts_apitoken" in q["sql"] and "SELECT" in q["sql"]]
    api_token_revoke(token=token)
    assert client.get("/api/v1/functions/").status_code == 401

    _, second = api_token_issue(user=user, name="script")
    assert _api(second).get("/api/v1/functions/").status_code == 200
    user.set_password(NEW_PASSWORD)
    user.save()
    assert _api(second).get("/api/v1/functions/").status_code == 401
