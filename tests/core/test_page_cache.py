"""The data version token and the page parts kept under it (charter_portal/data_version.py, page_cache.py).

Most tests of the suite run inside one transaction per test, where every write gives the writing
connection a new private token; the tests here that need real commits (what other processes see)
use ``transactional_db``.
"""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from charter_portal import data_version, page_cache
from offers.models import Offer
from tests import factories

DIRECTORY = "/aanbod/"


@pytest.fixture(autouse=True)
def _fresh_store():
    page_cache.clear_local()
    yield
    page_cache.clear_local()


def shared_token():
    from django.core.cache import cache

    return cache.get(data_version.VERSION_KEY)


# --- which statements are writes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "organisations_offer" ("title") VALUES (%s)', "organisations_offer"),
        ('  UPDATE "signals_signal" SET "status" = %s', "signals_signal"),
        ('DELETE FROM "covenants_comment" WHERE "id" = %s', "covenants_comment"),
        (
            'INSERT OR IGNORE INTO "organisations_offer_functions" ("offer_id") VALUES (%s)',
            "organisations_offer_functions",
        ),
        ("update charter_chainentry set note = ''", "charter_chainentry"),
        ('TRUNCATE "organisations_offer"', "organisations_offer"),
    ],
)
def test_it_names_the_table_a_statement_writes(sql, table):
    assert data_version.written_table(sql) == table


@pytest.mark.parametrize(
    "sql",
    ['SELECT "id" FROM "organisations_offer"', "BEGIN", "COMMIT", "SAVEPOINT s1", "  select 1", b"INSERT INTO x", None],
)
def test_it_sees_no_write_in_reads_and_transaction_control(sql):
    assert data_version.written_table(sql) is None


# --- when the token changes -----------------------------------------------------------------------------


def test_a_write_outside_a_transaction_replaces_the_shared_token_at_once(transactional_db, reference_data):
    before = data_version.current()
    org = factories.organisation(name="Buurtwerk Noord")
    after = data_version.current()
    assert after != before
    assert shared_token() == after
    Offer.objects.filter(organisation=org).update(title="x")  # QuerySet.update sends no model signal
    assert data_version.current() != after  # a write statement, whether or not a row matched
    assert shared_token() == data_version.current()


def test_a_transaction_replaces_the_shared_token_when_it_commits_and_not_before(transactional_db, reference_data):
    org = factories.organisation(name="Buurtwerk Noord")
    shared_before = data_version.current()
    with transaction.atomic():
        Offer.objects.create(organisation=org, title="Speelpleinwerking", status=Offer.Status.PUBLISHED)
        private = data_version.current()
        assert private != shared_before  # this transaction sees its own change
        assert shared_token() == shared_before  # other processes do not yet
        Offer.objects.filter(organisation=org).update(title="Speelplein")
        assert data_version.current() not in (private, shared_before)  # a fresh private token after each write
    assert shared_token() not in (shared_before, private)
    assert data_version.current() == shared_token()


def test_a_rolled_back_transaction_leaves_the_shared_token_alone(transactional_db, reference_data):
    org = factories.organisation(name="Buurtwerk Noord")
    before = data_version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Offer.objects.create(organisation=org, title="Speelpleinwerking")
        assert data_version.current() != before
        raise RuntimeError("undo")
    assert data_version.current() == before
    assert shared_token() == before


def test_a_rolled_back_savepoint_takes_its_private_token_but_an_earlier_write_still_counts(
    transactional_db, reference_data
):
    org = factories.organisation(name="Buurtwerk Noord")
    before = data_version.current()
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            Offer.objects.create(organisation=org, title="Weg")
            raise RuntimeError("undo the savepoint")
        assert data_version.current() == before  # nothing of this transaction is left
        Offer.objects.create(organisation=org, title="Blijft")
        assert data_version.current() != before
    assert shared_token() != before


def test_a_write_is_announced_even_when_the_next_transaction_rolls_back(
    transactional_db, reference_data, settings, monkeypatch
):
    """With the database cache the announcement is a write too: it must not be part of a transaction
    that starts right after the write it announces and then rolls back."""
    from django.core.management import call_command

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache_rollback"}
    }
    call_command("createcachetable", verbosity=0)
    monkeypatch.setattr(data_version.watch_writes, "ignored", None)  # the cache table's writes are not data
    org = factories.organisation(name="Buurtwerk Noord")
    before = data_version.current()
    Offer.objects.filter(organisation=org).update(title="x")  # autocommit: committed at once
    with pytest.raises(RuntimeError), transaction.atomic():
        assert Offer.objects.count() == 0  # the next statement runs inside a transaction
        assert data_version.current() != before  # which sees the change
        raise RuntimeError("undo this transaction, not the update before it")
    assert shared_token() != before
    assert data_version.current() == shared_token()


def test_session_renewals_and_cache_writes_do_not_count_as_data_changes(transactional_db):
    before = data_version.current()
    session = SessionStore()
    session["x"] = 1
    session.save()
    from django.core.cache import cache

    cache.set("something", 1)
    assert data_version.current() == before


def test_every_connection_is_watched():
    assert data_version.watch_writes in connection.execute_wrappers


# --- kept parts ----------------------------------------------------------------------------------------


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_kept_part_is_served_without_queries_until_the_data_changes(client, partner_org, django_assert_num_queries):
    factories.offer(partner_org, title="Huiswerkklas")
    first = client.get(DIRECTORY)
    assert "Huiswerkklas" in first.content.decode()
    with django_assert_num_queries(0):  # a visitor: no session, and the part is kept
        again = client.get(DIRECTORY)
    assert main(again) == main(first)
    factories.offer(partner_org, title="Voetbalnamiddag")
    assert "Voetbalnamiddag" in client.get(DIRECTORY).content.decode()


def test_a_kept_part_is_per_question_language_and_person(client, partner_org, member_client):
    factories.offer(partner_org, title="Huiswerkklas", is_warm_place=True)
    factories.offer(partner_org, title="Voetbalnamiddag")
    everything = client.get(DIRECTORY).content.decode()
    warm = client.get(DIRECTORY, {"is_warm_place": "true"}).content.decode()
    assert "Voetbalnamiddag" in everything
    assert "Voetbalnamiddag" not in warm
    client.cookies.load({"portal_language": "nl"})
    dutch = client.get(DIRECTORY).content.decode()
    client.cookies.load({"portal_language": "en"})
    english = client.get(DIRECTORY).content.decode()
    assert "Aanbodgids" in dutch
    assert "Offer directory" in english
    assert "Filter offers" in english
    assert "Filter offers" not in dutch
    keys = {key[3] for key in page_cache.store._items if key[0] == "part"}
    assert keys == {None}  # all of it for visitors so far
    member_client.get(DIRECTORY)
    keys = {key[3] for key in page_cache.store._items if key[0] == "part"}
    assert len(keys) == 2  # the member's parts are their own


def test_a_kept_part_depends_on_the_day(client, partner_org, monkeypatch):
    import datetime

    from django.utils import timezone

    factories.offer(partner_org, title="Huiswerkklas")
    client.get(DIRECTORY)
    assert len(page_cache.store) >= 1
    count = len(page_cache.store)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(page_cache.timezone, "localdate", lambda *args: tomorrow)
    client.get(DIRECTORY)
    assert len(page_cache.store) == count + 1


def test_forms_in_a_kept_part_carry_the_token_of_the_request_that_is_served(city_admin, city_org):
    """The coverage review holds a POST form (a snapshot); each person gets their own CSRF token."""
    from django.middleware.csrf import CSRF_TOKEN_LENGTH

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(city_admin)
    second.force_login(city_admin)
    answers = [c.get(reverse("neighbourhoods:review")) for c in (first, first, second)]
    for answer in answers:
        html = answer.content.decode()
        assert page_cache.CSRF_PLACEHOLDER not in html
        assert 'name="csrfmiddlewaretoken"' in html
    tokens = []
    for answer in answers:
        html = answer.content.decode()
        start = html.index('name="csrfmiddlewaretoken" value="') + len('name="csrfmiddlewaretoken" value="')
        tokens.append(html[start : start + CSRF_TOKEN_LENGTH])
    # The kept part was rendered once and served three times, each time with a token that is valid for
    # the client it went to: the snapshot form posts through CSRF protection.
    snapshot = first.post(reverse("neighbourhoods:snapshot"), {"csrfmiddlewaretoken": tokens[1], "date": "2026-01-05"})
    assert snapshot.status_code in (200, 302)
    refused = second.post(reverse("neighbourhoods:snapshot"), {"csrfmiddlewaretoken": "x" * 64, "date": "2026-01-05"})
    assert refused.status_code == 403


def test_another_process_sees_a_committed_change(transactional_db, reference_data):
    """Each process keeps its own parts; the shared token tells them all that the data changed."""
    org = factories.organisation(name="Buurtwerk Noord")
    factories.offer(org, title="Huiswerkklas")
    visitor = Client()
    assert "Huiswerkklas" in visitor.get(DIRECTORY).content.decode()
    kept = dict(page_cache.store._items)  # what "this process" keeps
    Offer.objects.filter(title="Huiswerkklas").update(title="Huiswerkbegeleiding")  # "another process" commits
    page_cache.store._items.update(kept)
    html = visitor.get(DIRECTORY).content.decode()
    assert "Huiswerkbegeleiding" in html
    assert "Huiswerkklas" not in html


def test_the_token_is_read_once_per_request(client, partner_org, monkeypatch, admin_client_):
    reads = []
    original = data_version._read_shared

    def counting():
        reads.append(1)
        return original()

    monkeypatch.setattr(data_version, "_read_shared", counting)
    factories.offer(partner_org, title="Huiswerkklas")
    admin_client_.get(DIRECTORY)  # memberships, menu and the directory part: three kept values, one read
    assert len(reads) <= 1


def test_the_store_is_bounded_by_entries_and_by_size():
    store = page_cache._Store(max_entries=3, max_bytes=10)
    for n in range(5):
        store.put(("k", n), "v", size=1)
    assert len(store) == 3
    assert store.get(("k", 0)) is None
    assert store.get(("k", 4)) == "v"
    store.put(("big",), "x" * 8, size=8)
    assert store._bytes <= 10
    assert store.get(("big",)) == "x" * 8
    store.put(("huge",), "y" * 20, size=20)  # larger than the whole store: not kept
    assert store.get(("huge",)) is None
    assert store._bytes <= 10


def test_a_kept_api_page_is_sent_byte_for_byte_as_a_fresh_rendering(staff_client):
    first = staff_client.get("/api/v1/coverage/?page_size=5")
    kept = staff_client.get("/api/v1/coverage/?page_size=5")
    page_cache.clear_local()
    fresh = staff_client.get("/api/v1/coverage/?page_size=5")
    assert first.content == kept.content == fresh.content
    assert kept["Content-Type"] == fresh["Content-Type"] == "application/json"
    assert kept.json()["results"][0]["area_type"] == "neighbourhood"
    csv = staff_client.get("/api/v1/coverage/?page_size=5&format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode("utf-8-sig").splitlines()[0].startswith("area_type")


def test_the_login_form_is_kept_but_each_visitor_gets_their_own_token():
    answers = [Client().get("/account/login/?next=/wijken/") for _ in range(2)]
    tokens = [a.cookies["csrftoken"].value for a in answers]
    assert tokens[0] != tokens[1]
    for answer in answers:
        html = answer.content.decode()
        assert 'name="next" value="/wijken/"' in html
        assert page_cache.CSRF_PLACEHOLDER not in html


def test_the_redis_cache_uses_one_client_per_pool():
    import redis

    from charter_portal.cache import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/13", {})
    try:
        cache.set("portal:test", {"a": 1}, timeout=30)
    except redis.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    assert cache.get("portal:test") == {"a": 1}
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    cache.delete("portal:test")
    assert cache.get("portal:test") is None
