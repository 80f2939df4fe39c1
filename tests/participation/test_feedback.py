"""Anonymous feedback per offer: five faces, optionally "come back?", limited per device and per address a day,
shown to the organisation only as totals from 5 answers; no address is ever stored."""

import datetime

import time_machine
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache

from participation import services
from participation.models import OfferFeedback
from tests import factories


def _offer(org):
    return factories.offer(org, neighbourhoods=[factories.neighbourhood(7)], title="Open huis")


def test_a_young_person_answers_once_a_day_per_device(client, partner_org):
    offer = _offer(partner_org)
    url = f"/jongeren/aanbod/{offer.uuid}/hoe-was-het/"

    first = client.post(url, {"rating": "5", "comes_back": "yes"})
    second = client.post(url, {"rating": "1"})

    assert first.context["thanks"] and not second.context["thanks"]
    assert "You already answered today" in second.content.decode()
    assert list(OfferFeedback.objects.values_list("rating", "comes_back")) == [(5, True)]


def test_the_limit_per_device_ends_the_next_day(client, partner_org):
    offer = _offer(partner_org)
    url = f"/jongeren/aanbod/{offer.uuid}/hoe-was-het/"
    client.post(url, {"rating": "4"})
    with time_machine.travel(datetime.datetime(2026, 6, 16, 12, 0, tzinfo=datetime.UTC), tick=False):
        assert client.post(url, {"rating": "3"}).context["thanks"]
    assert OfferFeedback.objects.count() == 2


def test_an_address_answers_a_few_times_a_day_then_stops(partner_org):
    offer = _offer(partner_org)
    for n in range(services.FEEDBACK_PER_ADDRESS):
        services.feedback_give(offer=offer, rating=4, comes_back=None, address="203.0.113.9", device=f"device-{n}")
    try:
        services.feedback_give(offer=offer, rating=4, comes_back=None, address="203.0.113.9", device="another")
    except services.FeedbackLimit:
        pass
    else:
        raise AssertionError("the address limit did not hold")
    assert OfferFeedback.objects.count() == services.FEEDBACK_PER_ADDRESS


def test_only_salted_daily_hashes_are_kept_and_never_the_address(partner_org):
    offer = _offer(partner_org)
    services.feedback_give(offer=offer, rating=5, comes_back=True, address="203.0.113.9", device="my-phone")
    if isinstance(caches["default"], LocMemCache):  # the in-process test cache
        keys = [k for k in cache._cache if "participation:feedback:" in k]
    else:  # Redis, as in production
        keys = [k.decode() for k in cache._cache.get_client().keys("*participation:feedback:*")]
    assert keys and not any("203.0.113.9" in k or "my-phone" in k for k in keys)
    assert not any("203.0.113.9" in str(v) for v in OfferFeedback.objects.values())


def test_bad_input_is_refused_and_nothing_is_stored(client, partner_org):
    offer = _offer(partner_org)
    response = client.post(f"/jongeren/aanbod/{offer.uuid}/hoe-was-het/", {"rating": "9"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not OfferFeedback.objects.exists()


def test_the_api_takes_feedback_anonymously_and_limits_it(api_client, partner_org):
    offer = _offer(partner_org)
    url = f"/api/v1/offers/{offer.pk}/feedback/"
    assert api_client.post(url, {"rating": 4}, format="json", HTTP_X_DEVICE_TOKEN="t1").status_code == 201
    assert api_client.post(url, {"rating": 4}, format="json", HTTP_X_DEVICE_TOKEN="t1").status_code == 429
    assert api_client.post(url, {"rating": 7}, format="json", HTTP_X_DEVICE_TOKEN="t2").status_code == 400
    assert OfferFeedback.objects.count() == 1


def test_the_organisation_sees_totals_only_from_5_answers(member_client, partner_org):
    offer = _offer(partner_org)
    for rating in (5, 4, 4, 3):
        OfferFeedback.objects.create(offer=offer, rating=rating, comes_back=True)
    page = member_client.get("/jongeren/reacties/")
    assert page.context["rows"][0]["totals"] == {"answers": services_figure(None)}
    assert "fewer than 5" in page.content.decode()

    OfferFeedback.objects.create(offer=offer, rating=4, comes_back=False)
    totals = member_client.get("/jongeren/reacties/").context["rows"][0]["totals"]
    assert totals["answers"].value == 5
    assert totals["average"] == 4.0
    assert totals["come_back_percent"] == 80


def services_figure(value):
    from participation.voice import Figure

    return Figure(value)


def test_an_unpublished_offer_takes_no_feedback(client, partner_org):
    draft = factories.offer(partner_org, neighbourhoods=[factories.neighbourhood(7)], status="draft")
    assert client.get(f"/jongeren/aanbod/{draft.uuid}/hoe-was-het/").status_code == 404
