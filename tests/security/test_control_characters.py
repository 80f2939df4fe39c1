"""Control characters in what a client sends are refused with a 400 before any view reads them: a NUL in a filter
value used to reach PostgreSQL, which refuses NUL in text, and the portal answered 500.

Run on PostgreSQL too: DATABASE_URL=postgres://... pytest tests/security/test_control_characters.py"""

import pytest
from django.urls import reverse

from neighbourhoods.models import Indicator, IndicatorValue
from offers.models import Offer
from tests import factories
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db

REFUSAL = "invisible control character"


@pytest.fixture
def wijk(db):
    return factories.neighbourhood(7)


def _offer_payload(org, wijk, **overrides):
    return {
        "organisation": org.pk,
        "title": "Straatvoetbal",
        "description": "Voetbal op het plein.",
        "functions": ["leisure"],
        "neighbourhoods": [wijk.pk],
        "movement_circles": [],
        "weekly_hours": "6.5",
        "status": "published",
        **overrides,
    }


def _api_refusal(response, field):
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == 400 and error["code"] == "invalid"
    assert REFUSAL in error["fields"][field][0]
    return error


@pytest.mark.parametrize("value", ["\x00", "poverty\x00' OR 1=1", "\x1b[31m", "\x7f", "\x85", "a\tb", "a\nb"])
def test_it_refuses_a_control_character_in_an_api_filter(city_admin, wijk, value):
    indicator = Indicator.objects.create(code="poverty", name="Poverty")
    IndicatorValue.objects.create(indicator=indicator, neighbourhood=wijk, year=2025, value=12)
    client = api_client_for(city_admin)
    _api_refusal(client.get("/api/v1/indicator-values/", {"indicator": value}), "indicator")
    assert client.get("/api/v1/indicator-values/", {"indicator": "poverty"}).json()["count"] == 1


def test_it_refuses_nul_in_the_raw_query_string_and_in_a_parameter_name(api_client, city_admin):
    _api_refusal(api_client_for(city_admin).get("/api/v1/indicator-values/?indicator=%00"), "indicator")
    _api_refusal(api_client.get("/api/v1/offers/?q=%00%00"), "q")
    response = api_client.get("/api/v1/offers/?%00=1")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"


def test_it_answers_the_api_refusal_in_the_callers_language(api_client):
    response = api_client.get("/api/v1/offers/?q=%01", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "onzichtbaar stuurteken" in response.json()["error"]["fields"]["q"][0]


def test_it_refuses_a_control_character_in_a_json_body_and_saves_nothing(partner_member, partner_org, wijk):
    client = api_client_for(partner_member)
    for field, payload in [
        ("title", _offer_payload(partner_org, wijk, title="Straat\x00voetbal")),
        ("description", _offer_payload(partner_org, wijk, description="Ring \x07 ring")),
        ("languages.0", _offer_payload(partner_org, wijk, languages=["nl\x0b"])),
    ]:
        _api_refusal(client.post("/api/v1/offers/", payload, format="json"), field)
    assert not Offer.objects.exists()


def test_it_accepts_tabs_and_line_breaks_in_body_text(partner_member, partner_org, wijk):
    text = "Elke woensdag:\r\n\t14u - 17u\nop het plein."
    response = api_client_for(partner_member).post(
        "/api/v1/offers/", _offer_payload(partner_org, wijk, description=text), format="json"
    )
    assert response.status_code == 201, response.json()
    assert Offer.objects.get().description == text


def test_it_refuses_a_control_character_in_a_page_query_with_a_page(client):
    response = client.get(reverse("offers:directory"), {"q": "voetbal\x00"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "This request cannot be handled" in body
    assert "The address contains an invisible control character in “q”" in body
    dutch = client.get(reverse("offers:directory"), {"q": "\x00"}, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "onzichtbaar stuurteken" in dutch
    assert client.get(reverse("offers:directory"), {"q": "voetbal"}).status_code == 200


def test_it_refuses_a_control_character_in_a_form_and_saves_nothing(member_client, partner_org):
    data = {"title": "Club", "description": "Spelen\x01", "functions": ["1"], "version": ""}
    response = member_client.post(reverse("offers:create"), data)
    assert response.status_code == 400
    assert "“description” contains an invisible control character" in response.content.decode()
    assert not Offer.objects.exists()
