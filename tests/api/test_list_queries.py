"""Every list of the API reads a page in the same number of queries for 1 row as for 50, as the client that uses
it; and a kept list (charter_portal/api.py, ``KeptListMixin``) is found again without computing it, never by
someone who may see less."""

import itertools
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charter_portal.api import KeptListMixin, build_api_urlpatterns
from offers.models import Offer
from tests import factories
from tests.conftest import api_client_for

_numbers = itertools.count(1)


def _offers(ctx, n):
    for _ in range(n):
        factories.offer(ctx.partner_org, neighbourhoods=[ctx.wijk], functions_=("leisure", "welfare"))


def _collaborations(ctx, n):
    for _ in range(n):
        factories.collaboration(ctx.partner_org, ctx.other_org, neighbourhoods=[ctx.wijk])


def _organisations(ctx, n):
    for _ in range(n):
        factories.organisation()


def _signals(ctx, n):
    from signals import services

    for i in range(n):
        services.signal_report(
            by=ctx.partner_member,
            organisation=ctx.partner_org,
            title=f"Playground {i} unlit at night",
            description="Children stay away after dark.",
            themes=["public_space"],
            children_affected="21-50",
            city_wide=False,
            neighbourhoods=[ctx.wijk],
        )


def _covenants(ctx, n):
    from covenants import services

    for _ in range(n):
        number = next(_numbers)
        services.covenant_create(
            by=None,
            reference=f"CONV-Q-{number}",
            title=f"Covenant {number}",
            city_service=ctx.city_org,
            partner_organisation=ctx.partner_org,
            partner_collaboration=None,
            starts_on=date(2026, 1, 1),
            ends_on=date(2027, 12, 31),
        )


def _areas(ctx, n):
    # Ghent's neighbourhoods are all there (reference data): the areas that grow are movement circles.
    for _ in range(n):
        factories.movement_circle(ctx.wijk, name=f"Circle {next(_numbers)}")


# path, who calls it (the client that uses the list), how to add rows, how many rows the answer holds
LISTS = {
    "offers": ("/api/v1/offers/", "partner_member", _offers, "count"),
    "collaborations": ("/api/v1/collaborations/", "partner_member", _collaborations, "count"),
    "organisations": ("/api/v1/organisations/", None, _organisations, None),
    "signals": ("/api/v1/signals/", "partner_member", _signals, "count"),
    "covenants": ("/api/v1/covenants/", "city_staff", _covenants, "count"),
    "hsds services": ("/api/v1/hsds/services/", None, _offers, "total_items"),
    "hsds organizations": ("/api/v1/hsds/organizations/", None, _organisations, None),
    "coverage": ("/api/v1/coverage/", "city_staff", _areas, None),
}


class _Context:
    def __init__(self, request):
        for name in ("partner_org", "other_org", "city_org", "partner_member", "city_staff"):
            setattr(self, name, request.getfixturevalue(name))
        self.wijk = factories.neighbourhood(1)


def _client(request, persona):
    from rest_framework.test import APIClient

    return APIClient() if persona is None else api_client_for(request.getfixturevalue(persona))


def _queries(client, path) -> tuple[int, dict]:
    client.get(path)  # the first request may fill what is counted once per process (the throttle's entry)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content[:500]
    return len(captured.captured_queries), response.json()


@pytest.mark.django_db
@pytest.mark.usefixtures("nothing_kept")
@pytest.mark.parametrize("name", sorted(LISTS))
def test_it_reads_a_page_of_1_or_50_rows_in_the_same_number_of_queries(name, request):
    path, persona, add, count_key = LISTS[name]
    ctx = _Context(request)
    client = _client(request, persona)
    add(ctx, 1)
    one, first = _queries(client, path)
    add(ctx, 49)
    fifty, page = _queries(client, path)
    assert fifty == one, f"{name}: {one} queries for 1 row, {fifty} for 50"
    if count_key:
        assert page[count_key] >= 50 > first[count_key]


def test_it_measures_every_kept_list_of_the_api():
    """A list that keeps its pages is in the table above, so its query count is asserted."""
    kept = {
        str(pattern.pattern).strip("^$")
        for pattern in build_api_urlpatterns()
        if getattr(pattern.callback, "actions", {}).get("get") == "list"
        and issubclass(pattern.callback.cls, KeptListMixin)
        and "format" not in str(pattern.pattern)
    }
    assert kept
    assert kept <= {path.removeprefix("/api/v1/") for path, *_ in LISTS.values()}


@pytest.mark.django_db
def test_a_kept_list_answers_without_queries_until_its_data_changes(partner_member, partner_org, city_admin):
    wijk = factories.neighbourhood(1)
    factories.offer(partner_org, neighbourhoods=[wijk], title="Speelplein")
    client = api_client_for(partner_member)
    assert [row["title"] for row in client.get("/api/v1/offers/").json()["results"]] == ["Speelplein"]
    with CaptureQueriesContext(connection) as captured:
        again = client.get("/api/v1/offers/")
    assert again.json()["results"][0]["title"] == "Speelplein"
    assert len(captured.captured_queries) == 0  # the person and their memberships are known from the first
    # A change through the API bumps the offers: the next answer shows it (the test's transaction never commits,
    # so the bump is pending and the list is computed, as it is after a commit in production).
    created = api_client_for(city_admin).post(
        "/api/v1/offers/",
        {
            "organisation": partner_org.pk,
            "title": "Huiswerkklas",
            "functions": ["welfare"],
            "neighbourhoods": [wijk.pk],
            "weekly_hours": "2.00",
            "status": "published",
        },
    )
    assert created.status_code == 201, created.content
    titles = [row["title"] for row in client.get("/api/v1/offers/").json()["results"]]
    assert titles == ["Huiswerkklas", "Speelplein"]


@pytest.mark.django_db(transaction=True)
def test_a_kept_list_never_shows_one_partner_what_only_another_may_see(reference_data):
    """Two partners of different organisations ask the same question: each gets their own drafts, never the
    other's, although the first answer was kept (a committed transaction, as in production)."""
    org_a, org_b = factories.organisation(name="A"), factories.organisation(name="B")
    member_a, member_b = factories.member(org_a), factories.member(org_b)
    wijk = factories.neighbourhood(1)
    factories.offer(org_a, neighbourhoods=[wijk], title="Draft of A", status=Offer.Status.DRAFT)
    factories.offer(org_b, neighbourhoods=[wijk], title="Draft of B", status=Offer.Status.DRAFT)
    factories.offer(org_b, neighbourhoods=[wijk], title="Published")
    for _ in range(2):  # the second round is read from the cache
        for member, own in ((member_a, "Draft of A"), (member_b, "Draft of B")):
            titles = {row["title"] for row in api_client_for(member).get("/api/v1/offers/").json()["results"]}
            assert titles == {own, "Published"}
    visitor = {row["title"] for row in api_client_for(None).get("/api/v1/offers/").json()["results"]}
    assert visitor == {"Published"}


@pytest.mark.django_db
def test_the_filter_set_is_built_only_when_a_filter_is_named(partner_org):
    """charter_portal.api.FilterBackend: without a filter in the query the list is not touched (no filter set
    is built); with one, it filters as django-filter does, bad values included."""
    from rest_framework.exceptions import ValidationError
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from charter_portal.api import FilterBackend
    from offers.api import OfferViewSet

    factories.offer(partner_org, neighbourhoods=[factories.neighbourhood(1)], functions_=("welfare",))
    factories.offer(partner_org, neighbourhoods=[factories.neighbourhood(1)], functions_=("leisure",))
    view = OfferViewSet()
    queryset = Offer.objects.all()

    def filtered(query):
        request = Request(APIRequestFactory().get("/api/v1/offers/", query))
        return FilterBackend().filter_queryset(request, queryset, view)

    assert filtered({"page": 2, "unknown": "x"}) is queryset
    assert [o.functions.get().code for o in filtered({"function": "welfare"})] == ["welfare"]
    assert filtered({"age_min": 3}) is not queryset  # a range filter's parameter carries a suffix
    with pytest.raises(ValidationError):
        filtered({"function": "no-such-function"})


def _page(client, path) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content[:500]
    return len(captured.captured_queries), response.json()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("path", "total"),
    [("/api/v1/offers/?page_size=1", "count"), ("/api/v1/hsds/services/?per_page=1", "total_items")],
)
def test_a_client_paging_through_a_list_has_it_counted_once(reference_data, path, total):
    """The total of a kept list is kept apart from its pages (charter_portal.api.KeptTotalPagination): the pages
    after the first are read in one query each and carry the same total, until the data changes."""
    from charter_portal import caching

    org = factories.organisation(name="A")
    wijk = factories.neighbourhood(1)
    for title in ("Atelier", "Buurtsport", "Circus"):
        factories.offer(org, neighbourhoods=[wijk], title=title)
    visitor = api_client_for(None)
    counted, first = _page(visitor, path)
    assert first[total] == 3
    for number in (2, 3):
        queries, page = _page(visitor, f"{path}&page={number}")
        assert page[total] == 3
        assert queries == counted - 1, "the total was counted again"
    factories.offer(org, neighbourhoods=[wijk], title="Dans")
    caching.bump("offers")  # as the services do after their commit
    queries, page = _page(visitor, f"{path}&page=2")
    assert page[total] == 4
    assert queries == counted


@pytest.mark.django_db(transaction=True)
def test_the_kept_total_of_a_list_is_the_callers_own_and_the_questions_own(reference_data):
    """A partner who sees their own drafts and a visitor who does not each get their own total, whoever asked
    first; a filter has its own total, other paging parameters share it."""
    org_a, org_b = factories.organisation(name="A"), factories.organisation(name="B")
    member_a = factories.member(org_a)
    wijk = factories.neighbourhood(1)
    factories.offer(org_a, neighbourhoods=[wijk], title="Draft of A", status=Offer.Status.DRAFT)
    factories.offer(org_a, neighbourhoods=[wijk], title="Warm room", is_warm_place=True)
    factories.offer(org_b, neighbourhoods=[wijk], title="Homework club")
    visitor, partner = api_client_for(None), api_client_for(member_a)
    for _ in range(2):  # the second round reads the kept totals
        assert visitor.get("/api/v1/offers/?page_size=1").json()["count"] == 2
        assert partner.get("/api/v1/offers/?page_size=1&page=2").json()["count"] == 3
        assert visitor.get("/api/v1/offers/?page_size=2&is_warm_place=true").json()["count"] == 1
        assert partner.get("/api/v1/offers/?page=1&page_size=1&format=json").json()["count"] == 3
