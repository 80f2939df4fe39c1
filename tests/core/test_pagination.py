"""A search's page and its total in one query (charter_portal.pagination), through the API and the directory."""

import pytest
from django.core.paginator import PageNotAnInteger
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from charter_portal.pagination import WindowCountPaginator
from offers.models import Offer
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def football(partner_org):
    for n in range(5):
        factories.offer(partner_org, title=f"Voetbal {n}")
    factories.offer(partner_org, title="Tekenatelier")


def _counts(captured) -> list[str]:
    return [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith("SELECT COUNT(")]


def test_a_search_reads_its_page_and_total_in_one_query(client, football):
    with CaptureQueriesContext(connection) as captured:
        first = client.get("/api/v1/offers/", {"q": "voetbal", "page_size": 2}).json()
    assert first["count"] == 5
    assert len(first["results"]) == 2 and first["next"] and first["previous"] is None
    assert _counts(captured) == []
    last = client.get("/api/v1/offers/", {"q": "voetbal", "page_size": 2, "page": 3}).json()
    assert last["count"] == 5 and len(last["results"]) == 1 and last["next"] is None
    seen = {row["title"] for page in (1, 2, 3) for row in _titles(client, page)}
    assert seen == {f"Voetbal {n}" for n in range(5)}


def _titles(client, page):
    return client.get("/api/v1/offers/", {"q": "voetbal", "page_size": 2, "page": page}).json()["results"]


def test_a_page_past_the_end_is_still_the_apis_404(client, football):
    response = client.get("/api/v1/offers/", {"q": "voetbal", "page_size": 2, "page": 4})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_a_search_that_finds_nothing_is_an_empty_first_page(client, football):
    data = client.get("/api/v1/offers/", {"q": "zwemmen"}).json()
    assert data["count"] == 0 and data["results"] == []


def test_a_list_in_its_indexed_order_keeps_a_separate_count(client, football):
    # The page comes from the title index and stops after its rows; a window would make it read every row.
    with CaptureQueriesContext(connection) as captured:
        data = client.get("/api/v1/offers/", {"page_size": 2}).json()
    assert data["count"] == 6
    assert len(_counts(captured)) == 1


def test_the_directory_shows_the_total_of_a_search(client, football):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("offers:directory"), {"q": "voetbal"})
    assert response.context["page"].paginator.count == 5
    assert _counts(captured) == []


def test_page_numbers_as_djangos_paginator_reads_them(partner_org, football):
    ranked = Offer.objects.annotate(rank=F("id")).order_by("-rank")
    paginator = WindowCountPaginator(ranked, 2)
    assert paginator.get_page("abc").number == 1
    assert paginator.get_page(99).number == 3
    assert WindowCountPaginator(ranked, 2).page(2).paginator.count == 6
    assert [o.pk for o in WindowCountPaginator(ranked, 2).page(1)] == [o.pk for o in ranked[:2]]
    assert not hasattr(WindowCountPaginator(ranked, 2).page(1)[0], "_window_total")
    with pytest.raises(PageNotAnInteger):
        WindowCountPaginator(ranked, 2).page("1.5")


def test_a_kept_total_is_counted_once_and_later_pages_read_only_their_rows(partner_org, football):
    kept = {}

    def total(count):  # as KeptTotalPagination keeps it: counted only when not kept yet
        if "total" not in kept:
            kept["total"] = count()
        return kept["total"]

    ranked = Offer.objects.annotate(rank=F("id")).order_by("-rank")
    with CaptureQueriesContext(connection) as captured:
        first = WindowCountPaginator(ranked, 2, total=total).page(1)
    assert len(captured) == 1 and kept == {"total": 6}  # a ranked list: the total came in the page's window
    assert [o.pk for o in first] == [o.pk for o in ranked[:2]]
    with CaptureQueriesContext(connection) as captured:
        second = WindowCountPaginator(ranked, 2, total=total).page(2)
        rows = list(second)
    assert len(captured) == 1 and _counts(captured) == []
    assert second.paginator.count == 6 and not hasattr(rows[0], "_window_total")

    kept.clear()
    in_order = Offer.objects.order_by("title", "id")
    with CaptureQueriesContext(connection) as captured:
        list(WindowCountPaginator(in_order, 2, total=total).page(1))
    assert len(captured) == 2 and len(_counts(captured)) == 1 and kept == {"total": 6}
    with CaptureQueriesContext(connection) as captured:
        last = [o.title for o in WindowCountPaginator(in_order, 2, total=total).page(3)]
    assert len(captured) == 1 and _counts(captured) == []
    assert last == ["Voetbal 3", "Voetbal 4"]
