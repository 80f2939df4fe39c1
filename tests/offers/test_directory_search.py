"""The directory's search and filters (issue: a directory that gets a child to an activity), page and API."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from offers.models import Offer, OfferTime
from offers.nearby import near_ids
from tests import factories

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming and trigrams need PostgreSQL")


@pytest.fixture
def world(partner_org, other_org):
    sluizeken, brugse_poort, binnenstad = (factories.neighbourhood(n) for n in (2, 4, 1))
    football = factories.offer(
        partner_org,
        title="Voetbal op het pleintje",
        neighbourhoods=[sluizeken],
        age_min=8,
        age_max=12,
        language_codes="ar,nl",
        is_free=True,
    )
    OfferTime.objects.create(offer=football, weekday=3, starts_at=datetime.time(14), ends_at=datetime.time(16))
    homework = factories.offer(
        other_org,
        title="Huiswerkklas",
        description="Hulp bij huiswerk in het buurthuis.",
        neighbourhoods=[brugse_poort],
        functions_=("welfare",),
        age_min=6,
        age_max=10,
        language_codes="tr",
        is_free=False,
        cost_description="2 euro",
        has_reduced_rate=True,
    )
    OfferTime.objects.create(offer=homework, weekday=2, starts_at=datetime.time(16), ends_at=datetime.time(18))
    drawing = factories.offer(
        other_org, title="Tekenatelier", neighbourhoods=[binnenstad], is_free=False, cost_description="5 euro"
    )
    return {"football": football, "homework": homework, "drawing": drawing}


def found(client, **params):
    response = client.get(reverse("offers:directory"), params)
    assert response.status_code == 200
    return [offer.title for offer in response.context["offers"]]


def test_several_words_find_football_in_sluizeken(client, world):
    assert found(client, q="voetbal sluizeken") == ["Voetbal op het pleintje"]
    assert found(client, q="voetbal drongen") == []  # football, but not in Drongen


def test_a_language_name_finds_its_code(client, world):
    assert found(client, q="arabisch") == ["Voetbal op het pleintje"]
    assert found(client, q="Arabic") == ["Voetbal op het pleintje"]


def test_gratis_finds_the_free_offers(client, world):
    assert found(client, q="gratis") == ["Voetbal op het pleintje"]


def test_an_english_function_name_finds_it(client, world):
    assert found(client, q="welfare") == ["Huiswerkklas"]
    assert found(client, q="welzijn") == ["Huiswerkklas"]


def test_a_changed_organisation_name_is_found(client, world, other_org):
    other_org.name = "Kinderwerking Zonneschijn"
    other_org.save()
    assert set(found(client, q="zonneschijn")) == {"Huiswerkklas", "Tekenatelier"}


@on_postgresql
def test_a_typo_and_a_started_word_still_find(client, world):
    assert found(client, q="voetbl") == ["Voetbal op het pleintje"]
    assert found(client, q="huiswer") == ["Huiswerkklas"]


@on_postgresql
def test_a_typo_is_looked_up_among_the_words_in_use_of_every_field(client, world, other_org):
    other_org.name = "Kinderwerking Zonneschijn"
    other_org.save()
    # Not in any title: found through the words in use, which hold the organisation's name too.
    assert set(found(client, q="zonneschjn")) == {"Huiswerkklas", "Tekenatelier"}
    assert found(client, q="buurhtuis") == ["Huiswerkklas"]  # a word of the description
    assert found(client, q="qwxzvbnm") == []  # resembles nothing


def test_the_words_in_use_follow_the_offers(world):
    from offers.models import SearchWord
    from offers.search import offer_search_refresh

    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"voetbal", "pleintje", "huiswerkklas", "buurthuis", "tekenatelier"} <= words
    assert not {"op", "het", "bij"} & words  # short words are never looked up as typos
    assert not any(word.isdigit() for word in words)  # nor numbers
    drawing = world["drawing"]
    drawing.title = "Schilderatelier"
    drawing.save()
    assert SearchWord.objects.filter(word="schilderatelier").exists()
    assert SearchWord.objects.filter(word="tekenatelier").exists()  # until a full refresh
    offer_search_refresh()
    assert not SearchWord.objects.filter(word="tekenatelier").exists()
    assert SearchWord.objects.filter(word="schilderatelier").exists()


@on_postgresql
def test_dutch_stemming_finds_other_forms(client, world):
    assert found(client, q="pleintjes") == ["Voetbal op het pleintje"]


def test_it_filters_on_the_age_of_the_child(client, world):
    assert set(found(client, age=7)) == {"Huiswerkklas", "Tekenatelier"}
    assert set(found(client, age=11)) == {"Voetbal op het pleintje", "Tekenatelier"}


def test_it_filters_on_the_day_of_the_week(client, world):
    assert found(client, weekday=3) == ["Voetbal op het pleintje"]
    assert found(client, weekday=2) == ["Huiswerkklas"]


def test_it_filters_free_offers_and_languages(client, world):
    assert found(client, free="true") == ["Voetbal op het pleintje"]
    assert found(client, language="tr") == ["Huiswerkklas"]
    assert found(client, language="nl") == ["Voetbal op het pleintje"]


def test_near_takes_the_neighbourhood_and_its_neighbours(client, world):
    binnenstad = factories.neighbourhood(1)
    assert factories.neighbourhood(2).pk in near_ids(binnenstad.pk)
    assert factories.neighbourhood(25).pk not in near_ids(binnenstad.pk)
    assert set(found(client, near=binnenstad.pk)) == {"Voetbal op het pleintje", "Tekenatelier"}


def test_an_empty_result_suggests_the_most_limiting_filter(client, world):
    response = client.get(reverse("offers:directory"), {"q": "voetbal", "weekday": 2})
    body = response.content.decode()
    assert response.context["offers"] == []
    assert "Without the filter" in body and "Remove this filter" in body


def test_the_directory_map_counts_matching_offers_per_neighbourhood(client, world):
    response = client.get(reverse("offers:directory"), {"q": "voetbal"})
    items = {item["shape"].label: item["count"] for item in response.context["map"]["items"]}
    assert len(items) == 25
    assert items["Sluizeken - Tolhuis - Ham"] == 1
    assert items["Brugse Poort - Rooigem"] == 0
    body = response.content.decode()
    assert body.count('<path d="M') == 25
    assert "The map as text" in body


def test_the_api_filters_the_same(client, world):
    url = "/api/v1/offers/"
    assert [o["title"] for o in client.get(url, {"q": "voetbal sluizeken"}).json()["results"]] == [
        "Voetbal op het pleintje"
    ]
    assert [o["title"] for o in client.get(url, {"weekday": 2}).json()["results"]] == ["Huiswerkklas"]
    assert [o["title"] for o in client.get(url, {"language": "ar", "free": "true"}).json()["results"]] == [
        "Voetbal op het pleintje"
    ]


def test_the_directory_count_stays_flat_with_a_search(client, partner_org, wijk, django_assert_num_queries):
    def count_for(n):
        Offer.objects.all().delete()
        for i in range(n):
            factories.offer(partner_org, neighbourhoods=[wijk], title=f"Voetbal {i}")
        from django.core.cache import cache

        cache.clear()
        from django.db import connection as conn
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(conn) as queries:
            response = client.get(reverse("offers:directory"), {"q": "voetbal", "free": "true"})
        assert len(response.context["offers"]) == min(n, 20)
        return len(queries)

    assert count_for(1) == count_for(50)


def test_the_api_reads_and_writes_the_contact_and_join_fields(partner_org, wijk):
    from tests.conftest import api_client_for

    admin = factories.admin_of(partner_org)
    client = api_client_for(admin)
    payload = {
        "organisation": partner_org.pk,
        "title": "Zwemles",
        "functions": ["leisure"],
        "neighbourhoods": [wijk.pk],
        "language_codes": "tr,ar",
        "how_to_join": "register",
        "has_reduced_rate": True,
        "is_free": False,
        "cost_description": "3 euro",
        "contact_phone": "09 123 45 67",
        "contact_email": "zwemmen@example.org",
    }
    response = client.post("/api/v1/offers/", payload, format="json")
    assert response.status_code == 201, response.content
    data = client.get(f"/api/v1/offers/{response.json()['id']}/").json()
    assert data["language_codes"] == "ar,tr"
    assert data["contact_phone"] == "09 123 45 67" and data["how_to_join"] == "register"
    bad = client.post("/api/v1/offers/", {**payload, "language_codes": "xx"}, format="json")
    assert bad.status_code == 400 and "language_codes" in bad.json()["error"]["fields"]
