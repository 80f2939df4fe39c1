"""Too large a request body is refused with 413 before anything reads it: the API's JSON error, a page elsewhere."""

import json

import pytest
from django.urls import reverse

from offers.models import Offer
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db

TWELVE_MB = 12_000_000


def test_the_api_answers_a_12_mb_body_with_its_json_413_and_saves_nothing(partner_member, partner_org):
    body = json.dumps({"title": "Huiswerkklas", "description": "x" * TWELVE_MB, "functions": ["leisure"]})

    response = api_client_for(partner_member).generic("POST", "/api/v1/offers/", body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == 413 and error["code"] == "request_too_large"
    assert "at most 1 MB" in error["message"]
    assert not Offer.objects.exists()


def test_the_refusal_is_in_the_callers_language(partner_member):
    response = api_client_for(partner_member).generic(
        "PATCH", "/api/v1/offers/1/", "x" * 2_000_000, content_type="application/json", HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 413
    assert response.json()["error"]["message"] == "Het verzoek is te groot: stuur hoogstens 1 MB."


def test_a_page_answers_a_too_large_form_with_a_page(member_client):
    response = member_client.generic(
        "POST",
        reverse("offers:create"),
        "title=" + "x" * 2_000_000,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "The request is too large" in response.content.decode()


def test_a_file_upload_has_its_own_larger_limit(settings, member_client):
    boundary = "BoUnDaRy"
    size = settings.REQUEST_BODY_MAX_BYTES + 1000  # over the limit of other bodies, under the upload limit
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n{'x' * size}\r\n--{boundary}--\r\n"
    )
    small_enough = member_client.generic(
        "POST", "/no-such-page/", body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert small_enough.status_code != 413
    too_large = member_client.generic(
        "POST",
        "/no-such-page/",
        "x" * (settings.UPLOAD_MAX_BYTES + 1),
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert too_large.status_code == 413
