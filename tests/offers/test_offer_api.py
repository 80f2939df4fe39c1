import datetime

import pytest

from offers.models import Offer
from tests import factories
from tests.conftest import api_client_for, field_errors
from tests.offers.conftest import offer_api_payload as _payload

pytestmark = pytest.mark.django_db

CORE_FIELDS = {
    "id", "organisation", "title", "description", "functions", "neighbourhoods", "movement_circles", "is_warm_place",
    "is_mobile", "address", "weekly_hours", "age_min", "age_max", "starts_on", "ends_on", "status", "version",
}  # fmt: skip


def test_it_lists_only_published_offers_to_anonymous_callers(api_client, draft_offer, published_offer):
    response = api_client.get("/api/v1/offers/")
    assert response.status_code == 200
    assert [row["title"] for row in response.json()["results"]] == ["Wednesday football"]
    assert api_client.get(f"/api/v1/offers/{draft_offer.pk}/").status_code == 404


def test_it_uses_the_agreed_field_names(api_client, published_offer, wijk):
    row = api_client.get(f"/api/v1/offers/{published_offer.pk}/").json()
    assert set(row) >= CORE_FIELDS
    assert row["functions"] == ["leisure"]
    assert row["neighbourhoods"] == [wijk.pk]
    assert row["status"] == "published"
    assert row["organisation"] == published_offer.organisation_id


def test_it_shows_own_drafts_to_members_but_not_to_other_organisations(partner_member, other_admin, draft_offer):
    assert api_client_for(partner_member).get(f"/api/v1/offers/{draft_offer.pk}/").status_code == 200
    other = api_client_for(other_admin)
    assert other.get(f"/api/v1/offers/{draft_offer.pk}/").status_code == 404
    assert other.patch(f"/api/v1/offers/{draft_offer.pk}/", {"title": "x"}, format="json").status_code == 404
    assert other.delete(f"/api/v1/offers/{draft_offer.pk}/").status_code == 404
    assert draft_offer.pk not in [row["id"] for row in other.get("/api/v1/offers/").json()["results"]]


def test_it_forbids_changing_another_organisations_published_offer(other_admin, city_staff, published_offer):
    for person in (other_admin, city_staff):
        c = api_client_for(person)
        assert c.patch(f"/api/v1/offers/{published_offer.pk}/", {"title": "x"}, format="json").status_code == 403
        assert c.delete(f"/api/v1/offers/{published_offer.pk}/").status_code == 403
    published_offer.refresh_from_db()
    assert published_offer.title == "Wednesday football"
    assert published_offer.status == Offer.Status.PUBLISHED


def test_it_refuses_writes_from_anonymous_callers(api_client, partner_org, published_offer, wijk):
    assert api_client.post("/api/v1/offers/", _payload(partner_org, wijk), format="json").status_code == 401
    assert api_client.delete(f"/api/v1/offers/{published_offer.pk}/").status_code == 401


def test_it_creates_an_offer_for_the_callers_organisation(partner_member, partner_org, wijk):
    response = api_client_for(partner_member).post("/api/v1/offers/", _payload(partner_org, wijk), format="json")
    assert response.status_code == 201, response.json()
    offer = Offer.objects.get()
    assert offer.organisation == partner_org and offer.status == "published" and offer.published_at
    assert response.json()["version"] == 1


def test_it_refuses_to_create_an_offer_for_another_organisation(partner_member, other_org, wijk):
    response = api_client_for(partner_member).post("/api/v1/offers/", _payload(other_org, wijk), format="json")
    assert response.status_code == 400
    assert "organisation" in field_errors(response)
    assert not Offer.objects.exists()


def test_it_lets_a_city_admin_write_any_organisations_offers(city_admin, other_org, published_offer, wijk):
    c = api_client_for(city_admin)
    assert c.post("/api/v1/offers/", _payload(other_org, wijk), format="json").status_code == 201
    response = c.patch(f"/api/v1/offers/{published_offer.pk}/", {"title": "Fixed", "version": 1}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Fixed" and response.json()["version"] == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"functions": []}, "functions"),
        ({"neighbourhoods": []}, "neighbourhoods"),
        ({"age_min": 16, "age_max": 10}, "age_max"),
        ({"age_max": 31}, "age_max"),
        ({"weekly_hours": "168.5"}, "weekly_hours"),
        ({"starts_on": "2026-05-02", "ends_on": "2026-05-01"}, "ends_on"),
        ({"is_warm_place": True, "address": ""}, "address"),
        ({"description": "Mail naar jan.peeters@gmail.com"}, "description"),
        ({"functions": ["sport"]}, "functions"),
        ({"status": "live"}, "status"),
        ({"times": [{"weekday": 3, "starts_at": "18:00", "ends_at": "14:00"}]}, "times"),
        ({"times": [{"weekday": 8, "starts_at": "14:00", "ends_at": "18:00"}]}, "times"),
        ({"times": [{"weekday": 3, "starts_at": "25:00", "ends_at": "26:00"}]}, "times"),
        (
            {
                "times": [
                    {"weekday": 3, "starts_at": "14:00", "ends_at": "18:00"},
                    {"weekday": 3, "starts_at": "17:00", "ends_at": "19:00"},
                ]
            },
            "times",
        ),
        ({"times": "wednesday"}, "times"),
        ({"dates": ["2027-02-30"]}, "dates"),
        ({"closed_dates": ["next week"]}, "closed_dates"),
    ],
)
def test_it_refuses_bad_input_with_field_errors(partner_member, partner_org, wijk, overrides, field):
    response = api_client_for(partner_member).post(
        "/api/v1/offers/", _payload(partner_org, wijk, **overrides), format="json"
    )
    assert response.status_code == 400
    assert any(name.split(".")[0] == field for name in field_errors(response)), field_errors(response)
    assert not Offer.objects.exists()


def test_it_writes_and_reads_weekly_times_and_dates(partner_member, partner_org, wijk):
    from offers.models import OfferTime

    client = api_client_for(partner_member)
    payload = _payload(
        partner_org,
        wijk,
        times=[
            {"weekday": 6, "starts_at": "14:00", "ends_at": "16:30"},
            {"weekday": 3, "starts_at": "14:00", "ends_at": "18:00"},
            {"weekday": 3, "starts_at": "19:00", "ends_at": "20:00"},
        ],
        dates=["2027-07-06", "2027-07-05", "2027-07-05"],
        closed_dates=["2026-12-23"],
    )
    created = client.post("/api/v1/offers/", payload, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["times"] == [
        {"weekday": 3, "starts_at": "14:00:00", "ends_at": "18:00:00"},
        {"weekday": 3, "starts_at": "19:00:00", "ends_at": "20:00:00"},
        {"weekday": 6, "starts_at": "14:00:00", "ends_at": "16:30:00"},
    ]
    assert body["dates"] == ["2027-07-05", "2027-07-06"]  # in order, each once
    assert body["closed_dates"] == ["2026-12-23"]
    url = f"/api/v1/offers/{body['id']}/"
    assert client.get(url).json()["times"] == body["times"]
    # Sending times replaces them; a change without them keeps them.
    replaced = client.patch(
        url, {"times": [{"weekday": 1, "starts_at": "10:00", "ends_at": "12:00"}], "version": body["version"]}
    )
    assert replaced.status_code == 200, replaced.json()
    kept = client.patch(url, {"title": "Pleinvoetbal", "version": replaced.json()["version"]})
    assert kept.json()["times"] == [{"weekday": 1, "starts_at": "10:00:00", "ends_at": "12:00:00"}]
    assert list(OfferTime.objects.values_list("weekday", flat=True)) == [1]
    listed = client.get("/api/v1/offers/").json()["results"]
    assert listed[0]["times"] == kept.json()["times"] and listed[0]["dates"] == ["2027-07-05", "2027-07-06"]


def test_a_bad_time_on_an_update_changes_nothing(partner_member, published_offer):
    from offers.models import OfferTime

    OfferTime.objects.create(offer=published_offer, weekday=2, starts_at="09:00", ends_at="11:00")
    response = api_client_for(partner_member).patch(
        f"/api/v1/offers/{published_offer.pk}/",
        {"title": "Nieuw", "times": [{"weekday": 2, "starts_at": "11:00", "ends_at": "09:00"}], "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert "times.0.ends_at" in field_errors(response)
    published_offer.refresh_from_db()
    assert published_offer.title != "Nieuw"
    assert list(OfferTime.objects.values_list("weekday", "starts_at")) == [(2, datetime.time(9, 0))]


def test_it_answers_409_to_a_stale_version(partner_member, published_offer):
    c = api_client_for(partner_member)
    url = f"/api/v1/offers/{published_offer.pk}/"
    first = c.patch(url, {"title": "One", "version": 1}, format="json")
    assert first.status_code == 200, first.json()
    response = c.patch(url, {"title": "Two", "version": 1}, format="json")
    assert response.status_code == 409
    published_offer.refresh_from_db()
    assert published_offer.title == "One"


def test_it_checks_the_rules_against_stored_values_on_partial_updates(partner_member, published_offer):
    response = api_client_for(partner_member).patch(
        f"/api/v1/offers/{published_offer.pk}/",
        {"is_warm_place": True, "version": published_offer.version},
        format="json",
    )
    assert response.status_code == 400
    assert "address" in field_errors(response)


def test_it_archives_a_draft_and_an_offer_that_was_published(partner_member, draft_offer, published_offer):
    c = api_client_for(partner_member)
    assert c.delete(f"/api/v1/offers/{draft_offer.pk}/").status_code == 200
    assert Offer.objects.get(pk=draft_offer.pk).status == Offer.Status.ARCHIVED
    response = c.delete(f"/api/v1/offers/{published_offer.pk}/")
    assert response.status_code == 200
    assert response.json()["status"] == "archived"
    published_offer.refresh_from_db()
    assert published_offer.status == Offer.Status.ARCHIVED


def test_it_archives_an_unpublished_draft_that_was_once_public(partner_member, published_offer):
    c = api_client_for(partner_member)
    unpublished = c.patch(
        f"/api/v1/offers/{published_offer.pk}/", {"status": "draft", "version": published_offer.version}, format="json"
    )
    assert unpublished.status_code == 200
    assert c.delete(f"/api/v1/offers/{published_offer.pk}/").status_code == 200
    assert Offer.objects.get(pk=published_offer.pk).status == Offer.Status.ARCHIVED


def test_it_filters_like_the_directory_plus_organisation(api_client, partner_org, other_org, wijk):
    factories.offer(partner_org, neighbourhoods=[wijk], title="Ours", is_warm_place=True, address="Here 1")
    factories.offer(other_org, neighbourhoods=[factories.neighbourhood(1)], functions_=("welfare",), title="Theirs")

    def titles(**params):
        return [row["title"] for row in api_client.get("/api/v1/offers/", params).json()["results"]]

    assert titles(organisation=other_org.pk) == ["Theirs"]
    assert titles(neighbourhood=wijk.pk) == ["Ours"]
    assert titles(function="welfare") == ["Theirs"]
    assert titles(is_warm_place="true") == ["Ours"]
    assert titles(organisation_kind="self_organisation") == ["Theirs"]
    assert titles(q="our") == ["Ours"]


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.usefixtures("nothing_kept")
def test_it_keeps_the_api_list_query_count_flat(api_client, partner_org, wijk, django_assert_num_queries, count):
    from django.db import connection

    circle = factories.movement_circle(wijk)
    for _n in range(count):
        factories.offer(partner_org, neighbourhoods=[wijk], movement_circles=[circle], functions_=("leisure", "bridge"))
    # The count and the page, its four kinds of links aggregated per row in the same query (charter_portal/
    # api_lean.py); a database that cannot order inside an aggregate reads each kind of link for the whole page
    # in one more query. The throttles use the tests' local-memory cache (no queries).
    links = 0 if connection.features.supports_aggregate_order_by_clause else 4
    # One more for the weekly times of the page's offers (OfferViewSet.lean_finish).
    with django_assert_num_queries(3 + links):
        response = api_client.get("/api/v1/offers/")
    assert response.json()["count"] == count
