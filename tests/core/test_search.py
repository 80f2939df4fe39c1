"""The shared search helper (charter_portal/search.py), on the database the suite runs on."""

import pytest
from django.db import connection

from charter_portal.search import fold, query_words, search, similar
from offers.models import Offer
from tests import factories

FIELDS = {"title": "A", "description": "B", "organisation__name": "C", "neighbourhoods__name": "C"}

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram and stemming need PostgreSQL")


@pytest.fixture
def offers(partner_org, other_org):
    sluizeken = factories.neighbourhood(2)
    brugse_poort = factories.neighbourhood(4)
    return {
        "football": factories.offer(partner_org, title="Voetbal op het plein", neighbourhoods=[sluizeken]),
        "football_elsewhere": factories.offer(other_org, title="Voetbaltraining", neighbourhoods=[brugse_poort]),
        "cafe": factories.offer(
            other_org, title="Huiswerkklas", description="In het buurtcafé, met Arabisch", neighbourhoods=[sluizeken]
        ),
    }


def titles(queryset):
    return [offer.title for offer in queryset]


def test_it_folds_case_and_accents():
    assert fold("Café ÉÉN Straße") == "cafe een strasse"
    assert query_words("  voetbal, Sluizeken! ") == ["voetbal", "sluizeken"]


def test_it_returns_everything_for_an_empty_query(offers):
    assert search(Offer.objects.all(), "  ,; ", fields=FIELDS).count() == 3


def test_several_words_narrow_across_fields(offers):
    found = search(Offer.objects.all(), "voetbal sluizeken", fields=FIELDS)
    assert titles(found) == ["Voetbal op het plein"]


def test_it_ignores_case_and_accents(offers):
    assert titles(search(Offer.objects.all(), "BUURTCAFE", fields=FIELDS)) == ["Huiswerkklas"]
    assert titles(search(Offer.objects.all(), "arabisch", fields=FIELDS)) == ["Huiswerkklas"]


def test_the_last_word_matches_the_start_of_a_word(offers):
    assert set(titles(search(Offer.objects.all(), "voetb", fields=FIELDS))) == {
        "Voetbal op het plein",
        "Voetbaltraining",
    }


def test_a_match_in_the_title_ranks_first(offers):
    found = titles(search(Offer.objects.all(), "sluizeken voetbal", fields=FIELDS))
    assert found[0] == "Voetbal op het plein"


def test_a_many_valued_field_gives_each_row_once(offers):
    offers["football"].neighbourhoods.add(factories.neighbourhood(4))
    assert titles(search(Offer.objects.all(), "voetbal", fields=FIELDS)).count("Voetbal op het plein") == 1


def test_similar_finds_rows_sharing_words(offers):
    found = titles(similar(Offer.objects.exclude(pk=offers["cafe"].pk), "Voetbal voor iedereen", fields=FIELDS))
    assert found[0] == "Voetbal op het plein"


@on_postgresql
def test_a_typo_still_finds_the_word(offers):
    assert "Voetbal op het plein" in titles(
        search(Offer.objects.all(), "voetbl", fields=FIELDS, trigram_fields=["title"])
    )


@on_postgresql
def test_a_stop_word_narrows_nothing(offers):
    assert titles(search(Offer.objects.all(), "het voetbal sluizeken", fields=FIELDS)) == ["Voetbal op het plein"]


def test_it_refuses_a_field_without_a_weight():
    with pytest.raises(ValueError):
        search(Offer.objects.all(), "x", fields={"title": "E"})
