"""No lost updates with real concurrency: two sessions, each with its own database connection, load the same
version of an object and save at the same moment. Exactly one wins; the other is told that someone else saved
first (``STALE_MESSAGE`` on pages, 409 in the API) and its change is not written.

SQLite lets only one connection write at a time, so the race needs PostgreSQL: these tests skip on SQLite."""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from charter_portal.concurrency import STALE_MESSAGE, StaleObjectError, save_versioned
from covenants.models import Report, Side
from covenants.services import version_propose
from offers.models import Offer

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),  # the seeded neighbourhoods, functions and charter
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite serialises writers; run with DATABASE_URL=postgres://... for two truly concurrent sessions",
    ),
]


def race(*calls):
    """Run each call in its own thread (and database connection), all starting together; return the results."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 (the caller inspects what each session got)
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _objects(world):
    return {
        "organisation": world.partner_org,
        "offer": world.offer,
        "collaboration": world.collaboration,
        "space": world.space,
        "neighbourhood priority": world.neighbourhood,
        "signal": world.signal,
        "covenant": world.covenant,
        "report": Report.objects.get(period=world.period),
        "charter draft": world.charter_draft,
        "prioritisation round": world.round,
        "agreed action": world.action,
    }


@pytest.mark.parametrize(
    "kind",
    [
        "organisation",
        "offer",
        "collaboration",
        "space",
        "neighbourhood priority",
        "signal",
        "covenant",
        "covenant terms",
        "report",
        "charter draft",
        "prioritisation round",
        "agreed action",
    ],
)
def test_it_lets_exactly_one_of_two_concurrent_saves_of_the_same_version_win(world, kind, city_staff):
    if kind == "covenant terms":  # agreed terms never change: race on a new draft version
        item = version_propose(covenant=world.covenant, by=city_staff, side=Side.CITY)
    else:
        item = _objects(world)[kind]
    model, pk = type(item), item.pk
    version = model._default_manager.get(pk=pk).version

    def save():
        mine = model._default_manager.get(pk=pk)  # each session loads version N on its own connection
        save_versioned(mine, version)
        return "saved"

    results = race(save, save)

    assert sorted(map(type, results), key=str) == sorted([str, StaleObjectError], key=str), results
    assert model._default_manager.get(pk=pk).version == version + 1


def _offer_form(offer, title):
    return {
        "title": title,
        "description": "We help with homework and play games afterwards.",
        "functions": [str(f.pk) for f in offer.functions.all()],
        "neighbourhoods": [str(n.pk) for n in offer.neighbourhoods.all()],
        "age_min": "6",
        "age_max": "12",
        "weekly_hours": "4",
        "schedule": "Every Tuesday 16:00-18:00",
        "is_free": "on",
        "languages": "Dutch",
        "version": str(offer.version),
    }


def test_it_refuses_the_second_of_two_concurrent_page_edits_with_the_stale_message(
    world, partner_member, partner_admin
):
    offer = world.offer
    url = reverse("offers:edit", args=[offer.uuid])
    sessions = {}
    for name, user in (("Mona's title", partner_member), ("Ada's title", partner_admin)):
        sessions[name] = Client()
        sessions[name].force_login(user)
    forms = {name: _offer_form(offer, name) for name in sessions}

    responses = race(*[lambda name=name: sessions[name].post(url, forms[name]) for name in sessions])

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [302, 409], statuses
    loser = next(r for r in responses if r.status_code == 409)
    assert str(STALE_MESSAGE) in loser.content.decode()
    winner = next(name for name, r in zip(sessions, responses, strict=True) if r.status_code == 302)
    offer = Offer.objects.get(pk=offer.pk)
    assert offer.title == winner
    assert offer.version == world.offer.version + 1


def test_it_answers_409_to_the_second_of_two_concurrent_api_updates(world, partner_member, partner_admin):
    offer = world.offer
    url = f"/api/v1/offers/{offer.pk}/"
    clients = []
    for user in (partner_member, partner_admin):
        api = APIClient()
        api.force_authenticate(user)
        clients.append(api)

    responses = race(
        *[
            lambda api=api, title=title: api.patch(url, {"title": title, "version": offer.version}, format="json")
            for api, title in zip(clients, ["First title", "Second title"], strict=True)
        ]
    )

    assert sorted(r.status_code for r in responses) == [200, 409]
    winner = next(r for r in responses if r.status_code == 200).json()["title"]
    assert Offer.objects.get(pk=offer.pk).title == winner
