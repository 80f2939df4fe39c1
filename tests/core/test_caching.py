"""Kept values and page parts in the shared cache, under per-domain version numbers (charter_portal/caching.py).

Every test here runs with the in-process cache, the database cache and Redis (when CACHE_URL names a Redis
server; skipped otherwise). The suite runs each test in one transaction, whose commit callbacks never run:
``committed`` runs them, as the commit of a real request does, so a bump really reaches the cache.
"""

import datetime
import re

import pytest
import time_machine
from django.contrib import admin
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.services import api_token_issue
from charter_portal import caching
from offers import services as offer_services
from offers.models import Offer
from organisations import services as organisation_services
from tests import factories

pytestmark = pytest.mark.django_db

DIRECTORY = "/aanbod/"
REVIEW = "/wijken/"


def _redis_url() -> str | None:
    import os

    url = os.environ.get("CACHE_URL", "")
    return url if url.startswith(("redis://", "rediss://")) else None


BACKENDS = {
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-caching"},
    "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"},
    "redis": {"BACKEND": "charter_portal.cache.RedisCache", "LOCATION": _redis_url()},
}


@pytest.fixture(params=list(BACKENDS), autouse=True)
def backend(request, db):
    if request.param == "redis" and not _redis_url():
        pytest.skip("CACHE_URL names no Redis server")
    with override_settings(CACHES={"default": BACKENDS[request.param]}):
        if request.param == "database":  # the tests' settings have another cache: create its table (rolled back)
            from django.core.management import call_command

            call_command("createcachetable", verbosity=0)
        caches["default"].clear()
        yield request.param
        caches["default"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            return write()

    return run


@pytest.fixture
def other_process(monkeypatch):
    """Run code as another process would: with its own client of the same cache (a second backend instance)."""
    import contextlib

    @contextlib.contextmanager
    def switch():
        other = caches.create_connection("default")
        assert other is not caches["default"]
        with monkeypatch.context() as patch:
            patch.setattr(caching, "cache", other)
            yield other

    return switch


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


# --- bumping and keeping -----------------------------------------------------------------------------------


def test_a_kept_value_is_computed_once_until_its_domain_is_bumped(committed):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert caching.kept(["offers"], ("k",), compute) == 1
    assert caching.kept(["offers"], ("k",), compute) == 1
    committed(lambda: caching.bump("signals"))  # another domain: still kept
    assert caching.kept(["offers"], ("k",), compute) == 1
    committed(lambda: caching.bump("offers"))
    assert caching.kept(["offers"], ("k",), compute) == 2


def test_the_cold_benchmark_computes_every_value_but_who_is_asking(settings):
    """CACHE_KEEP_BYPASS (the benchmark's cold run) computes what a page shows for each request, and keeps the
    values about who is asking, as they stay kept after a change of the data shown."""
    settings.CACHE_KEEP_BYPASS = True
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert [caching.kept(["offers"], ("shown",), compute) for _ in range(2)] == [1, 2]
    assert [caching.kept(["accounts"], ("asker",), compute, asker=True) for _ in range(2)] == [3, 3]


def test_a_bump_waits_for_the_commit_and_the_transaction_does_not_keep_what_it_wrote(
    django_capture_on_commit_callbacks,
):
    assert caching.kept(["offers"], ("k",), lambda: "old") == "old"
    with django_capture_on_commit_callbacks(execute=True):
        caching.bump("offers")
        # Not committed yet: others still find the old value, and this transaction computes its own.
        assert caching.kept(["offers"], ("k",), lambda: "new") == "new"
        assert caching.cache_key(["offers"], ("k",)) == caching.cache_key(["offers"], ("k",))
    assert caching.kept(["offers"], ("k",), lambda: "newer") == "newer"  # committed: the old value is gone


def test_unknown_domains_are_refused():
    with pytest.raises(ValueError, match="Unknown cache domain"):
        caching.bump("offer")


def test_a_bump_in_another_process_is_seen_by_this_one(committed, other_process):
    assert caching.kept(["offers"], ("k",), lambda: "old") == "old"
    with other_process():
        assert caching.kept(["offers"], ("k",), lambda: "never") == "old"  # the other process finds it too
        committed(lambda: caching.bump("offers"))
    assert caching.kept(["offers"], ("k",), lambda: "new") == "new"


def test_the_expiry_is_the_backstop_for_writes_outside_the_portal(backend):
    with override_settings(CACHE_KEEP_SECONDS=60):
        assert caching.kept(["offers"], ("k",), lambda: "old") == "old"
        if backend == "redis":  # Redis expires on its own clock: check the expiry it was given
            client = caching.cache._cache.get_client(write=False)
            key = caching.cache.make_and_validate_key(caching.cache_key(["offers"], ("k",)))
            assert 0 < client.ttl(key) <= 60
            return
        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
            assert caching.kept(["offers"], ("k",), lambda: "new") == "new"


# --- what pages show ---------------------------------------------------------------------------------------


def test_a_write_through_a_service_is_visible_on_the_next_request(client, partner_org, committed):
    offer = factories.offer(partner_org, title="Huiswerkklas", status="draft")
    assert "Huiswerkklas" not in client.get(DIRECTORY).content.decode()
    committed(lambda: offer_services.offer_publish(offer=offer))
    assert "Huiswerkklas" in client.get(DIRECTORY).content.decode()


def test_a_kept_part_is_served_again_without_computing_it(client, partner_org, backend, django_assert_num_queries):
    factories.offer(partner_org, title="Huiswerkklas")
    first = client.get(DIRECTORY)
    # A visitor: no session. The versions come from the shared cache (one query with the database cache), the
    # part from this process's copy of it.
    with django_assert_num_queries(1 if backend == "database" else 0):
        again = client.get(DIRECTORY)
    assert main(again) == main(first)


def test_a_family_keeps_only_so_many_variants_per_version_of_its_data(settings, committed):
    """A value whose key holds what the caller typed is kept for the first CACHE_KEEP_VARIANTS keys of its family;
    later keys are computed for each request, until the data changes and the count starts again."""
    settings.CACHE_KEEP_VARIANTS = 2
    calls = []

    def value(query, audience="visitor"):
        def compute():
            calls.append(query)
            return query

        return caching.kept(["offers"], ("part", audience, ("query", query)), compute, variants="part")

    for query in ("a", "b", "c", "a", "b", "c"):
        value(query)
    assert calls == ["a", "b", "c", "c"]  # "a" and "b" kept; "c" over the limit, computed each time
    value("x", audience="member")
    value("x", audience="member")
    assert calls[-1:] == ["x"]  # another family (another audience) counts apart
    committed(lambda: caching.bump("offers"))
    calls.clear()
    value("c")
    value("c")
    assert calls == ["c"]  # new data: the count starts again


def test_ever_new_queries_do_not_fill_the_cache_with_page_parts(client, partner_org, settings):
    settings.CACHE_KEEP_VARIANTS = 2
    factories.offer(partner_org, title="Huiswerkklas")
    variants = [{"q": "huiswerk", "junk": number} for number in range(4)]
    for query in variants:
        client.get(DIRECTORY, query)
    again = []
    for query in variants:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(DIRECTORY, query)
        assert "Huiswerkklas" in page.content.decode()  # complete, kept or not
        again.append(any("organisations_offer" in q["sql"] for q in queries.captured_queries))
    assert again == [False, False, True, True]  # the first two kept; the others rendered for each request


def test_an_unknown_api_token_is_not_kept(partner_admin, settings):
    """Only tokens that exist are kept: made-up keys cost a lookup each, and leave nothing in the cache."""
    settings.CACHE_KEEP_LOGIN = True
    _token, key = api_token_issue(user=partner_admin, name="test")
    caching.forget_pending()  # the issue's bump waits for a commit that never comes in a test
    lookups = []
    for credentials in (key, key, "made-up", "made-up"):
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {credentials}")
        with CaptureQueriesContext(connection) as queries:
            status = api.get("/api/v1/offers/").status_code
        looked_up = any(
            q["sql"].startswith("SELECT") and "accounts_apitoken" in q["sql"] for q in queries.captured_queries
        )
        lookups.append((status, looked_up))
    assert lookups == [(200, True), (200, False), (401, True), (401, True)]


def test_a_write_by_another_process_is_visible_on_the_next_request(client, partner_org, committed, other_process):
    offer = factories.offer(partner_org, title="Huiswerkklas")
    assert "Huiswerkklas" in client.get(DIRECTORY).content.decode()
    with other_process():
        offer.title = "Huiswerkbegeleiding"
        committed(lambda: offer_services.offer_save(offer=offer, expected_version=offer.version, links={}))
    html = client.get(DIRECTORY).content.decode()
    assert "Huiswerkbegeleiding" in html
    assert "Huiswerkklas" not in html


def test_a_write_in_the_django_admin_is_visible_on_the_next_request(client, partner_org, admin_user, committed):
    offer = factories.offer(partner_org, title="Huiswerkklas")
    assert "Huiswerkklas" in client.get(DIRECTORY).content.decode()
    request = RequestFactory().post("/admin/")
    request.user = admin_user
    offer.title = "Huiswerkbegeleiding"
    committed(lambda: admin.site._registry[Offer].save_model(request, offer, form=None, change=True))
    assert "Huiswerkbegeleiding" in client.get(DIRECTORY).content.decode()
    committed(lambda: admin.site._registry[Offer].delete_queryset(request, Offer.objects.filter(pk=offer.pk)))
    assert "Huiswerkbegeleiding" not in client.get(DIRECTORY).content.decode()


def test_every_model_admin_of_the_portal_bumps_its_domain():
    from charter_portal.admin import CacheBumpingAdmin

    missing = [
        type(model_admin).__name__
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in caching.DOMAINS and not isinstance(model_admin, CacheBumpingAdmin)
    ]
    assert missing == []


def test_a_write_by_a_management_command_is_visible_on_the_next_request(staff_client, committed):
    from django.core.management import call_command

    count = staff_client.get("/api/v1/coverage/").json()["count"]
    committed(lambda: call_command("seed_scale", areas=2, circles=0, stdout=None))
    assert staff_client.get("/api/v1/coverage/").json()["count"] == count + 2


def test_a_kept_part_depends_on_the_question_language_and_day(client, partner_org, monkeypatch):
    factories.offer(partner_org, title="Huiswerkklas", is_warm_place=True)
    factories.offer(partner_org, title="Voetbalnamiddag")
    assert "Voetbalnamiddag" in client.get(DIRECTORY).content.decode()
    assert "Voetbalnamiddag" not in client.get(DIRECTORY, {"is_warm_place": "true"}).content.decode()
    client.cookies.load({"portal_language": "nl"})
    assert "Filter offers" not in client.get(DIRECTORY).content.decode()
    client.cookies.load({"portal_language": "en"})
    assert "Filter offers" in client.get(DIRECTORY).content.decode()
    today = caching.request_key(RequestFactory().get(DIRECTORY), _visitor())
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(caching.timezone, "localdate", lambda *args: tomorrow)
    assert caching.request_key(RequestFactory().get(DIRECTORY), _visitor()) != today


def _visitor():
    from charter_portal.permissions.core import ANONYMOUS

    return ANONYMOUS


# --- what a kept part never carries ------------------------------------------------------------------------


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _nonce(response) -> str:
    """The request's CSP nonce (it is in the header once anything on the page used it)."""
    found = re.search(r"'nonce-([^']+)'", response.get("Content-Security-Policy", ""))
    return found.group(1) if found else "no nonce on this page"


def test_a_kept_part_never_carries_the_header_token_or_nonce_of_another_request(city_org):
    """The coverage review is kept per audience and holds a POST form: two city admins share the part."""
    ada = factories.admin_of(city_org, email="ada@stad.example", full_name="Ada Eerste")
    bo = factories.admin_of(city_org, email="bo@stad.example", full_name="Bo Tweede")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(ada)
    second.force_login(bo)
    one, two = first.get(REVIEW), second.get(REVIEW)
    html = two.content.decode()
    assert "Ada Eerste" not in html and "ada@stad.example" not in html  # nothing of the first person
    assert caching.CSRF_PLACEHOLDER not in html and caching.NONCE_PLACEHOLDER not in html
    assert _token(html) != _token(one.content.decode())
    assert _nonce(one) not in html
    # The token in the served part is the second client's own: its form posts through CSRF protection.
    posted = second.post(
        reverse("neighbourhoods:snapshot"), {"csrfmiddlewaretoken": _token(html), "date": "2026-01-05"}
    )
    assert posted.status_code in (200, 302)


def test_partners_of_different_organisations_never_get_each_others_part(partner_admin, other_admin):
    """The charter page shows the signing status of the person's own organisations."""
    mine, theirs = Client(), Client()
    mine.force_login(partner_admin)
    theirs.force_login(other_admin)
    assert "Jeugdhuis De Brug" in main(mine.get("/charter/"))
    html = main(theirs.get("/charter/"))
    assert "Buurtwerk Elders" in html
    assert "Jeugdhuis De Brug" not in html
    assert "Buurtwerk Elders" not in main(mine.get("/charter/"))


def test_the_audience_is_what_a_person_may_see_never_who_they_are(partner_org):
    from charter_portal.permissions import actor_for

    one, two = factories.member(partner_org, email="a@x.example"), factories.member(partner_org, email="b@x.example")
    assert caching.audience(actor_for(one)) == caching.audience(actor_for(two))
    admin_ = factories.admin_of(partner_org, email="c@x.example")
    assert caching.audience(actor_for(admin_)) != caching.audience(actor_for(one))


def test_the_audience_holds_everything_of_the_actor_that_rules_read_but_the_person():
    """A kept part or header is shared by everyone of one audience: any field of the Actor that a rule may read must
    change the audience, or a person would get the menu of someone who may see more (or less). The city services and
    public bodies among the organisations follow from the organisations in ``roles`` (a change of an organisation's
    kind bumps its domain)."""
    import dataclasses

    from charter_portal.permissions.core import Actor

    derived_from_roles = {"user", "city_organisation_ids", "public_body_ids"}
    base = Actor(user=object(), roles={7: "member"}, city_organisation_ids=frozenset({7}))
    changed = {
        "roles": {7: "admin"},
        "is_superuser": True,
        "coordinator": True,
    }
    fields = {field.name for field in dataclasses.fields(Actor)} - derived_from_roles
    assert fields == set(changed), "a new field of Actor: decide whether the audience must hold it"
    for name, value in changed.items():
        assert caching.audience(dataclasses.replace(base, **{name: value})) != caching.audience(base), name


def test_a_charter_coordinator_and_a_colleague_get_their_own_menu(city_org):
    from organisations.models import Membership

    coordinator = factories.member(city_org, email="coord@stad.example")
    Membership.objects.filter(user=coordinator).update(is_charter_coordinator=True)
    colleague = factories.member(city_org, email="collega@stad.example")
    caching.forget_pending()
    mine = 'href="/diversiteit/mijn/"'  # "Our diversity figures": admins and charter coordinators
    for first, second in ((coordinator, colleague), (colleague, coordinator)):
        caching.cache.clear()
        caching.copies.clear()
        pages = {}
        for person in (first, second):
            client = Client()
            client.force_login(person)
            pages[person] = client.get("/diversiteit/").content.decode().split("</header>")[0]  # its second row
        assert mine in pages[coordinator]
        assert mine not in pages[colleague]


def test_a_kept_api_page_is_sent_byte_for_byte_as_a_fresh_rendering(staff_client):
    first = staff_client.get("/api/v1/coverage/?page_size=5")
    kept = staff_client.get("/api/v1/coverage/?page_size=5")
    caching.cache.clear()
    fresh = staff_client.get("/api/v1/coverage/?page_size=5")
    assert first.content == kept.content == fresh.content
    assert kept["Content-Type"] == fresh["Content-Type"] == "application/json"
    csv = staff_client.get("/api/v1/coverage/?page_size=5&format=csv")
    assert csv["Content-Type"].startswith("text/csv")


def test_a_kept_part_gets_the_csrf_token_and_csp_nonce_of_the_request_it_is_served_to():
    from django.middleware.csp import LazyNonce

    part = {"part.html": '<form>{% csrf_token %}</form><script nonce="{{ csp_nonce }}"></script>'}
    templates = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", part)]},
        }
    ]
    served = []
    with override_settings(TEMPLATES=templates):
        for _ in range(2):
            request = RequestFactory().get("/part/")
            request.user = _visitor()
            request._csp_nonce = LazyNonce()
            html = caching.render_part(request, "part.html", dict, domains=["offers"], public=True)
            served.append((html, _token(html), str(request._csp_nonce)))
    (first, first_token, first_nonce), (second, second_token, second_nonce) = served
    assert f'nonce="{second_nonce}"' in second and first_nonce not in second
    assert first_token != second_token and first_token not in second
    assert caching.CSRF_PLACEHOLDER not in second and caching.NONCE_PLACEHOLDER not in second


def test_every_process_agrees_on_the_placeholders_of_kept_parts():
    """A part kept by one app server is served by the others, which replace the placeholders they know: another process
    (a second Python started here) must know the same ones, or it would serve the first one's stand-in as the CSRF
    token, and every form of the part would be refused."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    from charter_portal.templatetags import portal_header

    code = (
        "import django; django.setup(); from charter_portal import caching; "
        "from charter_portal.templatetags import portal_header as header; "
        "print(caching.CSRF_PLACEHOLDER, caching.NONCE_PLACEHOLDER, header.NEXT_PLACEHOLDER, header.BELL_PLACEHOLDER)"
    )
    other = subprocess.run(  # noqa: S603 - this interpreter, a fixed program
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "tests.settings")},
    )
    assert other.stdout.split() == [
        caching.CSRF_PLACEHOLDER,
        caching.NONCE_PLACEHOLDER,
        portal_header.NEXT_PLACEHOLDER,
        portal_header.BELL_PLACEHOLDER,
    ]
    assert len(set(other.stdout.split())) == 4


# --- the logged-in person, kept (settings.CACHE_KEEP_LOGIN; the rest of the suite reads them from the database) ---


LOGIN_BACKEND = "accounts.backends.PortalModelBackend"  # the backend that logs people in (axes only guards)


@pytest.fixture
def keep_login(settings):
    settings.CACHE_KEEP_LOGIN = True


def test_a_kept_login_costs_no_query_for_the_person_and_their_memberships(
    keep_login, backend, partner_admin, django_assert_num_queries
):
    if backend == "database":
        pytest.skip("every read of the database cache is a query itself")
    client = Client()
    client.force_login(partner_admin, backend=LOGIN_BACKEND)
    caching.forget_pending()  # the fixtures' writes in the test's transaction, which never commits
    client.get("/functies/")
    # the session (in the database in tests) and the page's functions; the header's unread count is kept too
    with django_assert_num_queries(2):
        assert client.get("/functies/").status_code == 200


def test_a_changed_password_ends_a_kept_login_on_the_next_request(keep_login, partner_admin, committed):
    client = Client()
    client.force_login(partner_admin, backend=LOGIN_BACKEND)
    caching.forget_pending()  # so that the login is really kept from here on
    assert client.get(reverse("accounts:account")).status_code == 200

    def change():
        partner_admin.set_password("an entirely new passphrase")
        partner_admin.save()

    committed(change)
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_removed_membership_ends_the_rights_of_a_kept_login_on_the_next_request(
    keep_login, partner_org, partner_member, committed
):
    client = Client()
    client.force_login(partner_member, backend=LOGIN_BACKEND)
    caching.forget_pending()  # so that the login is really kept from here on
    assert client.get(reverse("signals:list")).status_code == 200
    membership = partner_member.memberships.get(organisation=partner_org)
    committed(lambda: organisation_services.membership_remove(membership=membership, by=partner_member))
    assert client.get(reverse("signals:list")).status_code == 403
