import pytest
from django.urls import reverse

from charter_portal.permissions import actor_for
from offers.models import Collaboration, CollaborationMember
from organisations.models import Membership
from tests import factories
from tests.conftest import api_client_for, field_errors

pytestmark = pytest.mark.django_db


def _form(wijk, coordinator, invite=(), **overrides):
    data = {
        "name": "Rabot together",
        "description": "Youth work, welfare and school work together in Rabot.",
        "coordinator": str(coordinator.pk),
        "neighbourhoods": [str(wijk.pk)],
        "invite": [str(org.pk) for org in invite],
    }
    data.update(overrides)
    return data


def _status(collaboration, org):
    return CollaborationMember.objects.get(collaboration=collaboration, organisation=org).status


# Pages -----------------------------------------------------------------------------------------


def test_it_lets_an_organisation_admin_start_a_collaboration_and_invite(admin_client_, partner_org, other_org, wijk):
    response = admin_client_.post(reverse("offers:collaboration_create"), _form(wijk, partner_org, [other_org]))
    collaboration = Collaboration.objects.get()
    assert response.status_code == 302
    assert collaboration.coordinator == partner_org and not collaboration.registered_by_city
    assert _status(collaboration, partner_org) == "accepted"
    assert _status(collaboration, other_org) == "invited"


def test_it_refuses_collaborations_to_plain_members(member_client, partner_org, wijk):
    assert member_client.get(reverse("offers:collaboration_create")).status_code == 403
    response = member_client.post(reverse("offers:collaboration_create"), _form(wijk, partner_org))
    assert response.status_code == 403
    assert not Collaboration.objects.exists()


def test_it_refuses_a_coordinator_the_admin_does_not_run(admin_client_, other_org, wijk):
    response = admin_client_.post(reverse("offers:collaboration_create"), _form(wijk, other_org))
    assert response.status_code == 200
    assert "coordinator" in response.context["form"].errors
    assert not Collaboration.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"neighbourhoods": []}, "neighbourhoods"),
        ({"starts_on": "2026-05-02", "ends_on": "2026-05-01"}, "ends_on"),
        ({"description": "Coordinator: 0470 12 34 56"}, "description"),
        ({"name": ""}, "name"),
    ],
)
def test_it_refuses_bad_collaboration_input(admin_client_, partner_org, wijk, overrides, field):
    response = admin_client_.post(reverse("offers:collaboration_create"), _form(wijk, partner_org, **overrides))
    assert field in response.context["form"].errors
    assert not Collaboration.objects.exists()


def test_it_chooses_the_only_coordinator_and_does_not_offer_it_as_a_guest(admin_client_, partner_org, other_org):
    form = admin_client_.get(reverse("offers:collaboration_create")).context["form"]
    assert form["coordinator"].value() == partner_org.pk
    assert list(form.fields["coordinator"].queryset) == [partner_org]
    assert partner_org not in form.fields["invite"].queryset
    assert other_org in form.fields["invite"].queryset


def test_it_offers_every_coordinator_when_the_admin_runs_several(partner_admin, partner_org, other_org, client):
    Membership.objects.create(user=partner_admin, organisation=other_org, role=Membership.Role.ADMIN)
    client.force_login(partner_admin)
    form = client.get(reverse("offers:collaboration_create")).context["form"]
    assert form["coordinator"].value() is None
    assert set(form.fields["coordinator"].queryset) == {partner_org, other_org}


@pytest.mark.parametrize(("language", "words"), [("nl", "heeft geen uitnodiging nodig"), ("en", "needs no invitation")])
def test_it_refuses_an_organisation_inviting_itself(
    partner_admin, partner_org, other_org, wijk, client, language, words
):
    Membership.objects.create(user=partner_admin, organisation=other_org, role=Membership.Role.ADMIN)
    client.force_login(partner_admin)
    response = client.post(
        reverse("offers:collaboration_create"),
        _form(wijk, partner_org, [partner_org, other_org]),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors["invite"])
    assert not Collaboration.objects.exists()


def test_it_lets_the_invited_admin_accept_or_decline(other_client, admin_client_, partner_org, other_org, wijk):
    collaboration = factories.collaboration(partner_org, neighbourhoods=[wijk])
    member = CollaborationMember.objects.create(collaboration=collaboration, organisation=other_org)
    url = reverse("offers:collaboration_detail", args=[collaboration.pk])
    assert b"is invited to join" in other_client.get(url).content
    # the inviting organisation cannot answer for the invited one
    assert admin_client_.post(reverse("offers:collaboration_accept", args=[collaboration.pk]),
                              {"member": member.pk}).status_code == 403  # fmt: skip
    other_client.post(reverse("offers:collaboration_accept", args=[collaboration.pk]), {"member": member.pk})
    assert _status(collaboration, other_org) == "accepted"


def test_it_records_a_declined_invitation(other_client, partner_org, other_org, wijk):
    collaboration = factories.collaboration(partner_org, neighbourhoods=[wijk])
    member = CollaborationMember.objects.create(collaboration=collaboration, organisation=other_org)
    other_client.post(reverse("offers:collaboration_decline", args=[collaboration.pk]), {"member": member.pk})
    member.refresh_from_db()
    assert member.status == "declined" and member.responded_at


def test_it_hides_collaborations_from_outsiders(other_client, partner_org, wijk):
    collaboration = factories.collaboration(partner_org, neighbourhoods=[wijk])
    assert other_client.get(reverse("offers:collaboration_detail", args=[collaboration.pk])).status_code == 404
    assert other_client.get(reverse("offers:collaboration_edit", args=[collaboration.pk])).status_code == 404
    assert collaboration not in other_client.get(reverse("offers:collaborations")).context["collaborations"]


def test_it_forbids_editing_to_members_who_are_not_admins(member_client, partner_org, wijk):
    collaboration = factories.collaboration(partner_org, neighbourhoods=[wijk])
    url = reverse("offers:collaboration_detail", args=[collaboration.pk])
    assert member_client.get(url).status_code == 200
    assert member_client.get(reverse("offers:collaboration_edit", args=[collaboration.pk])).status_code == 403


def test_it_edits_with_optimistic_locking(admin_client_, partner_org, other_org, wijk):
    collaboration = factories.collaboration(partner_org, neighbourhoods=[wijk])
    url = reverse("offers:collaboration_edit", args=[collaboration.pk])
    ok = admin_client_.post(url, _form(wijk, partner_org, [other_org], name="Renamed", version="1"))
    assert ok.status_code == 302
    stale = admin_client_.post(url, _form(wijk, partner_org, name="Again", version="1"))
    assert stale.status_code == 409
    collaboration.refresh_from_db()
    assert collaboration.name == "Renamed"
    assert _status(collaboration, other_org) == "invited"


def test_it_lets_a_city_admin_register_an_existing_collaboration(city_admin_client, partner_org, other_org, wijk):
    response = city_admin_client.post(
        reverse("offers:collaboration_create"), _form(wijk, partner_org, [other_org], name="Existing network")
    )
    collaboration = Collaboration.objects.get()
    assert response.status_code == 302
    assert collaboration.registered_by_city
    assert _status(collaboration, partner_org) == "accepted"
    assert _status(collaboration, other_org) == "accepted"


@pytest.mark.parametrize("count", [1, 20])
def test_it_keeps_the_collaboration_list_query_count_flat(admin_client_, partner_org, other_org, wijk,
                                                          django_assert_num_queries, count):  # fmt: skip
    for _n in range(count):
        factories.collaboration(partner_org, other_org, neighbourhoods=[wijk])
    # session, user, actor, collaborations, members with organisations, neighbourhoods, movement circles,
    # the menu's charter sign reminder (partner admin), the header's unread count, 3 for the session
    with django_assert_num_queries(12):
        response = admin_client_.get(reverse("offers:collaborations"))
    assert len(response.context["collaborations"]) == count


# API -------------------------------------------------------------------------------------------


def test_it_creates_a_collaboration_through_the_api(partner_admin, partner_org, other_org, wijk):
    c = api_client_for(partner_admin)
    payload = {"name": "Together", "organisations": [partner_org.pk, other_org.pk], "neighbourhoods": [wijk.pk]}
    response = c.post("/api/v1/collaborations/", payload, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    # the coordinator defaults to the first member; the other organisation is only invited
    assert data["coordinator"] == partner_org.pk
    assert data["organisations"] == [partner_org.pk]
    assert data["invited_organisations"] == [other_org.pk]
    assert {"id", "name", "organisations", "invited_organisations", "coordinator", "neighbourhoods",
            "movement_circles", "starts_on", "ends_on", "version"} <= set(data)  # fmt: skip


def test_it_accepts_and_declines_through_the_api(partner_org, other_org, other_admin, wijk):
    collaboration = factories.collaboration(partner_org, neighbourhoods=[wijk])
    CollaborationMember.objects.create(collaboration=collaboration, organisation=other_org)
    c = api_client_for(other_admin)
    response = c.post(f"/api/v1/collaborations/{collaboration.pk}/accept/")
    assert response.status_code == 200
    assert other_org.pk in response.json()["organisations"]
    # once answered, there is nothing left to answer
    assert c.post(f"/api/v1/collaborations/{collaboration.pk}/decline/").status_code == 403


def test_it_refuses_api_answers_from_others(partner_org, other_org, partner_admin, wijk):
    collaboration = factories.collaboration(partner_org, neighbourhoods=[wijk])
    CollaborationMember.objects.create(collaboration=collaboration, organisation=other_org)
    c = api_client_for(partner_admin)
    assert c.post(f"/api/v1/collaborations/{collaboration.pk}/accept/").status_code == 403
    assert _status(collaboration, other_org) == "invited"


def test_it_hides_collaborations_in_the_api_from_outsiders(partner_org, other_admin, wijk):
    collaboration = factories.collaboration(partner_org, neighbourhoods=[wijk])
    c = api_client_for(other_admin)
    assert c.get(f"/api/v1/collaborations/{collaboration.pk}/").status_code == 404
    assert c.patch(f"/api/v1/collaborations/{collaboration.pk}/", {"name": "x"}, format="json").status_code == 404
    assert c.get("/api/v1/collaborations/").json()["count"] == 0


def test_a_member_of_two_member_organisations_sees_a_collaboration_once(partner_org, other_org, partner_admin, wijk):
    Membership.objects.create(user=partner_admin, organisation=other_org, role=Membership.Role.MEMBER)
    both = factories.collaboration(partner_org, other_org, neighbourhoods=[wijk], name="Both")
    factories.collaboration(other_org, neighbourhoods=[wijk], name="Theirs")
    factories.collaboration(factories.organisation(name="Elsewhere"), neighbourhoods=[wijk], name="Not ours")
    c = api_client_for(partner_admin)
    answer = c.get("/api/v1/collaborations/").json()
    assert answer["count"] == 2
    assert [row["name"] for row in answer["results"]] == ["Both", "Theirs"]
    answer = c.get("/api/v1/collaborations/", {"organisation": partner_org.pk}).json()
    assert (answer["count"], [row["id"] for row in answer["results"]]) == (1, [both.pk])
    assert Collaboration.objects.for_actor_visible(actor_for(partner_admin)).filter(name="Both").count() == 1


def test_it_forbids_api_changes_by_invited_organisations(partner_org, other_org, other_admin, wijk):
    collaboration = factories.collaboration(partner_org, neighbourhoods=[wijk])
    CollaborationMember.objects.create(collaboration=collaboration, organisation=other_org)
    c = api_client_for(other_admin)
    assert c.get(f"/api/v1/collaborations/{collaboration.pk}/").status_code == 200
    assert c.patch(f"/api/v1/collaborations/{collaboration.pk}/", {"name": "x"}, format="json").status_code == 403


def test_it_accepts_members_listed_by_a_city_admin_at_once(city_admin, partner_org, other_org, wijk):
    response = api_client_for(city_admin).post(
        "/api/v1/collaborations/",
        {"name": "Known", "organisations": [partner_org.pk, other_org.pk], "neighbourhoods": [wijk.pk]},
        format="json",
    )
    assert response.status_code == 201
    assert sorted(response.json()["organisations"]) == sorted([partner_org.pk, other_org.pk])
    assert response.json()["registered_by_city"] is True


def test_it_refuses_bad_collaboration_input_through_the_api(partner_admin, other_org, wijk):
    c = api_client_for(partner_admin)
    response = c.post(
        "/api/v1/collaborations/", {"name": "Theirs", "coordinator": other_org.pk, "neighbourhoods": []}, format="json"
    )
    assert response.status_code == 400
    assert {"coordinator", "neighbourhoods"} <= set(field_errors(response))
    assert not Collaboration.objects.exists()


def test_it_filters_collaborations_by_organisation(city_staff, partner_org, other_org, wijk):
    factories.collaboration(partner_org, neighbourhoods=[wijk], name="A")
    factories.collaboration(other_org, neighbourhoods=[wijk], name="B")
    rows = api_client_for(city_staff).get("/api/v1/collaborations/", {"organisation": other_org.pk}).json()["results"]
    assert [row["name"] for row in rows] == ["B"]


@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.usefixtures("nothing_kept")
def test_it_keeps_the_collaboration_api_query_count_flat(city_staff, partner_org, other_org, wijk,
                                                         django_assert_num_queries, count):  # fmt: skip
    for _n in range(count):
        factories.collaboration(partner_org, other_org, neighbourhoods=[wijk])
    from django.db import connection

    c = api_client_for(city_staff)
    c.get("/api/v1/collaborations/")  # warms the user's throttle entry
    # The count and the page with its links aggregated per row (charter_portal/api_lean.py); a database that
    # cannot order inside an aggregate reads each of the four kinds of links (neighbourhoods, movement circles,
    # accepted and invited members) for the whole page in one more query. The actor is remembered since the first
    # request; the throttle uses the tests' local-memory cache. One more reads the members' declared roles.
    links = 0 if connection.features.supports_aggregate_order_by_clause else 4
    with django_assert_num_queries(3 + links):
        response = c.get("/api/v1/collaborations/")
    assert response.json()["count"] == count


def test_no_one_deletes_a_collaboration(partner_org, other_org, other_admin, partner_admin, wijk):
    collaboration = factories.collaboration(partner_org, other_org, neighbourhoods=[wijk])
    assert api_client_for(other_admin).delete(f"/api/v1/collaborations/{collaboration.pk}/").status_code == 405
    assert Collaboration.objects.exists()
    assert api_client_for(partner_admin).delete(f"/api/v1/collaborations/{collaboration.pk}/").status_code == 405
    assert Collaboration.objects.exists()


def test_it_says_plainly_that_a_function_is_needed(member_client, wijk):
    member_client.cookies["portal_language"] = "en"  # the assertion reads the English source text
    response = member_client.post(
        reverse("offers:create"), {"title": "x", "neighbourhoods": [wijk.pk], "age_min": 0, "age_max": 30}
    )
    assert response.context["form"].errors["functions"] == ["Choose at least one function."]
    assert b'role="alert"' in response.content
