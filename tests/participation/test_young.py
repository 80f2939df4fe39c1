"""The young people's own entrance: easy-read, no login, into the directory with age and neighbourhood chosen."""

import re

import pytest
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db


def _main_text(html: str) -> str:
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style|select)\b.*?</\1>", " ", main, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


def test_the_dutch_text_averages_under_12_words_a_sentence(client):
    client.cookies["django_language"] = "nl"
    with translation.override("nl"):
        html = client.get("/jongeren/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    text = _main_text(html)
    assert "Wat is er te doen bij mij in de buurt?" in text
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", text) if re.search(r"\w", s)]
    words = [len(re.findall(r"\w+", s)) for s in sentences]
    assert len(sentences) >= 8
    assert sum(words) / len(sentences) < 12, list(zip(sentences, words, strict=True))


def test_it_leads_into_the_directory_with_age_and_neighbourhood(client):
    rabot = factories.neighbourhood(7)
    response = client.get("/jongeren/", {"age": "14", "neighbourhood": rabot.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/aanbod/?age=14&neighbourhood={rabot.pk}"


def test_it_says_what_is_wrong_in_plain_words(client, db):
    response = client.get("/jongeren/", {"age": "99"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
