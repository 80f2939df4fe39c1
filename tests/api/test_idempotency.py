"""Retries do not create duplicates (issue 17, item 11): the ``Idempotency-Key`` header on creates and actions.

Written as a client whose connection dropped would act: it sends the same request again with the same key."""

import datetime

import pytest
import time_machine
from django.conf import settings
from drf_spectacular.generators import SchemaGenerator

from offers.models import Offer
from signals.models import Endorsement
from tests import factories
from tests.conftest import api_client_for
from tests.signals.conftest import report as report_signal

pytestmark = pytest.mark.django_db

OFFERS = "/api/v1/offers/"


@pytest.fixture
def new_offer(partner_org):
    factories.neighbourhood(7)
    return {
        "organisation": partner_org.pk,
        "title": "Homework club",
        "description": "Homework and games on Thursday.",
        "functions": ["leisure"],
        "neighbourhoods": [factories.neighbourhood(7).pk],
        "status": "draft",
    }


def _post(client, url, body, key, **extra):
    return client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY=key, **extra)


def test_a_retry_with_the_same_key_replays_the_answer_and_creates_nothing_more(partner_admin, new_offer):
    client = api_client_for(partner_admin)

    first = _post(client, OFFERS, new_offer, "7c3f0a5e-retry-1")
    again = _post(client, OFFERS, new_offer, "7c3f0a5e-retry-1")

    assert first.status_code == 201, first.content
    assert Offer.objects.filter(title="Homework club").count() == 1
    assert again.status_code == 201
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")


def test_the_same_key_with_another_body_answers_422_and_creates_nothing(partner_admin, new_offer):
    client = api_client_for(partner_admin)
    assert _post(client, OFFERS, new_offer, "key-1").status_code == 201

    response = _post(client, OFFERS, {**new_offer, "title": "Another club"}, "key-1")

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert not Offer.objects.filter(title="Another club").exists()


def test_a_retry_while_the_first_request_still_runs_answers_409(partner_admin, new_offer, monkeypatch):
    from offers import services

    client = api_client_for(partner_admin)
    original = services.offer_save
    during = []

    def slow_save(**kwargs):
        # The client gives up waiting and retries while this request is still saving
        during.append(_post(client, OFFERS, new_offer, "key-slow"))
        return original(**kwargs)

    monkeypatch.setattr(services, "offer_save", slow_save)
    first = _post(client, OFFERS, new_offer, "key-slow")

    assert first.status_code == 201
    assert during[0].status_code == 409
    assert during[0].json()["error"]["code"] == "idempotency_key_in_use"
    assert Offer.objects.filter(title="Homework club").count() == 1


def test_keys_are_kept_per_person(partner_admin, partner_member, new_offer):
    assert _post(api_client_for(partner_admin), OFFERS, new_offer, "shared-key").status_code == 201
    other = _post(api_client_for(partner_member), OFFERS, new_offer, "shared-key")
    assert other.status_code == 201
    assert not other.has_header("Idempotent-Replayed")
    assert Offer.objects.filter(title="Homework club").count() == 2


def test_a_refused_request_keeps_no_answer_so_the_corrected_retry_runs(partner_admin, new_offer):
    client = api_client_for(partner_admin)
    refused = _post(client, OFFERS, {**new_offer, "functions": []}, "key-fix")
    assert refused.status_code == 400

    response = _post(client, OFFERS, new_offer, "key-fix")

    assert response.status_code == 201
    assert Offer.objects.filter(title="Homework club").count() == 1


@pytest.mark.skipif(
    "locmem" not in settings.CACHES["default"]["BACKEND"], reason="time travel moves the clock of an in-process cache"
)
def test_the_answer_is_kept_for_24_hours(partner_admin, new_offer):
    client = api_client_for(partner_admin)
    start = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        assert _post(client, OFFERS, new_offer, "key-day").status_code == 201
    with time_machine.travel(start + datetime.timedelta(hours=23, minutes=59), tick=False):
        assert _post(client, OFFERS, new_offer, "key-day")["Idempotent-Replayed"] == "true"
    with time_machine.travel(start + datetime.timedelta(hours=24, seconds=1), tick=False):
        assert not _post(client, OFFERS, new_offer, "key-day").has_header("Idempotent-Replayed")
    assert Offer.objects.filter(title="Homework club").count() == 2


def test_an_action_retried_with_its_key_is_done_once(partner_org, partner_member, other_admin):
    signal = report_signal(partner_member, partner_org)
    client = api_client_for(other_admin)
    url = f"/api/v1/signals/{signal.pk}/endorse/"

    first = _post(client, url, {"observation": "We see it too."}, "endorse-1")
    again = _post(client, url, {"observation": "We see it too."}, "endorse-1")

    assert first.status_code == 200, first.content
    assert again.status_code == 200 and again.content == first.content
    assert Endorsement.objects.filter(signal=signal).count() == 1
    # Without the key, the same retry is refused by the action's own check
    assert client.post(url, {"observation": "We see it too."}, format="json").status_code == 409


@pytest.mark.parametrize("key", ["", "a" * 256, "with space", "niet-ascii-é"])
def test_a_malformed_key_is_refused_with_400(key, partner_admin, new_offer):
    response = _post(api_client_for(partner_admin), OFFERS, new_offer, key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]["fields"]
    assert not Offer.objects.exists()


def test_a_bad_token_with_a_key_is_still_a_401(api_client, new_offer):
    response = _post(api_client, OFFERS, new_offer, "key-1", HTTP_AUTHORIZATION="Token 0000bad0000")
    assert response.status_code == 401


def test_every_create_and_action_documents_the_header_and_its_answers():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    posts = {path: item["post"] for path, item in schema["paths"].items() if "post" in item}
    assert len(posts) >= 15
    for path, operation in posts.items():
        headers = [p for p in operation.get("parameters", []) if p["in"] == "header"]
        assert [p["name"] for p in headers] == ["Idempotency-Key"], path
        assert headers[0]["schema"]["maxLength"] == 255
        assert {"409", "422"} <= set(operation["responses"]), path
