"""/api/v1/participation-moments/: the caller's organisation's own moments, versions, DELETE archives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participation.models import ParticipationMoment
from tests.conftest import api_client_for
from tests.participation.conftest import record

URL = "/api/v1/participation-moments/"


def _body(rabot, **changes):
    return {
        "title": "Youth council",
        "held_on": "2026-03-01",
        "method": "youth_council",
        "neighbourhoods": [rabot.pk],
        "participants_12_15": 8,
        "themes": [{"theme": "leisure", "raised_by": 6}],
        "concerns": [{"text": "The square is dark"}],
        "wishes": [{"text": "A football pitch", "function": "leisure", "time_band": "weekends"}],
        "quotes": [{"text": "We want to play.", "is_public": True}],
        "confirmed_not_identifying": True,
        **changes,
    }


def test_it_creates_reads_updates_and_archives(partner_member, partner_org, rabot):
    client = api_client_for(partner_member)
    created = client.post(URL, _body(rabot), format="json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["organisation"] == partner_org.pk and data["participants"] == 8
    assert data["wishes"] == [
        {"text": "A football pitch", "function": "leisure", "time_band": "weekends", "neighbourhood": None}
    ]

    url = f"{URL}{data['id']}/"
    assert client.patch(url, {"title": "Changed"}, format="json").status_code == 428
    assert client.patch(url, {"title": "Changed", "version": 99}, format="json").status_code == 409
    changed = client.patch(url, {"title": "Changed", "version": data["version"]}, format="json")
    assert changed.status_code == 200 and changed.json()["themes"] == [{"theme": "leisure", "raised_by": 6}]

    archived = client.delete(url)
    assert archived.status_code == 200 and archived.json()["is_archived"]
    assert ParticipationMoment.objects.get().is_archived


def test_it_refuses_a_name_with_an_age(partner_member, rabot):
    response = api_client_for(partner_member).post(
        URL, _body(rabot, quotes=[{"text": "Yasmine (15 jaar) wil meer licht"}]), format="json"
    )
    assert response.status_code == 400
    assert not ParticipationMoment.objects.exists()


def test_it_needs_the_organisation_when_the_caller_belongs_to_several(partner_member, other_org, partner_org, rabot):
    from organisations.models import Membership

    Membership.objects.create(user=partner_member, organisation=other_org, role="member")
    client = api_client_for(partner_member)
    response = client.post(URL, _body(rabot), format="json")
    assert response.status_code == 400 and "organisation" in str(response.json())
    assert client.post(URL, _body(rabot, organisation=other_org.pk), format="json").status_code == 201


def test_it_hides_other_organisations_moments(partner_member, partner_org, other_admin, rabot):
    moment = record(partner_member, partner_org, neighbourhoods=[rabot])
    client = api_client_for(other_admin)
    assert client.get(f"{URL}{moment.pk}/").status_code == 404
    assert client.get(URL).json()["count"] == 0


@pytest.mark.usefixtures("nothing_kept")
def test_the_list_reads_1_or_50_moments_in_the_same_number_of_queries(partner_member, partner_org, rabot):
    client = api_client_for(partner_member)
    record(partner_member, partner_org, neighbourhoods=[rabot], wishes=["A pitch"], quotes=["Hello"])
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        assert client.get(URL).json()["count"] == 1
    for _ in range(49):
        record(partner_member, partner_org, neighbourhoods=[rabot], wishes=["A pitch"], quotes=["Hello"])
    with CaptureQueriesContext(connection) as fifty:
        assert client.get(URL).json()["count"] == 50
    assert len(fifty.captured_queries) == len(one.captured_queries)
