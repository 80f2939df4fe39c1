"""Refusals that help: a 403 or 404 says why and what the person can do instead; a new organisation's admins see
its first steps in "Waiting for you" until they are done."""

import pytest

from charter_portal.permissions import actor_for
from notifications.todo import todo_for
from tests import factories

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_a_member_is_told_to_ask_an_admin(member_client):
    response = member_client.get("/charter/ondertekenen/")
    assert response.status_code == 403
    assert "Only the admins of an organisation may do this" in text(response)
    assert "/organisaties/mijn/" in text(response)


def test_someone_without_an_organisation_is_shown_how_to_get_one(client):
    client.force_login(factories.user())
    response = client.get("/convenanten/nieuw/")
    assert response.status_code == 403
    assert "You are not a member of an approved organisation yet" in text(response)
    assert "/organisaties/registreren/" in text(response)


def test_an_admin_of_another_organisation_is_told_whose_it_is(admin_client_):
    response = admin_client_.get("/organisaties/goedkeuringen/")
    assert response.status_code == 403
    assert "This belongs to another organisation or to another part of the city" in text(response)
    assert "/wacht-op-jou/" in text(response)


def test_a_visitor_on_a_missing_page_can_log_in_and_come_back(client):
    response = client.get("/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    assert "/account/login/?next=/deze-pagina-bestaat-niet/" in text(response)
    assert "/aanbod/" in text(response)


def test_the_refusals_speak_dutch(member_client):
    member_client.cookies["django_language"] = "nl"
    response = member_client.get("/charter/ondertekenen/", headers={"accept-language": "nl"})
    assert "Alleen de beheerders van een organisatie" in text(response)


def first_steps(user) -> list:
    kinds = ("organisations.complete_profile", "organisations.invite_members", "offers.register_first")
    return [item.kind for item in todo_for(actor_for(type(user).objects.get(pk=user.pk))) if item.kind in kinds]


def test_a_new_organisation_sees_its_first_steps_until_they_are_done(city_org):
    from offers.models import Offer
    from organisations.services import invitation_create

    organisation = factories.organisation(name="Nieuwe Jeugdwerking", description="", email="", phone="", website="")
    admin = factories.admin_of(organisation)
    assert sorted(first_steps(admin)) == [
        "offers.register_first",
        "organisations.complete_profile",
        "organisations.invite_members",
    ]
    organisation.description = "Speelnamiddagen in Ledeberg."
    organisation.email = "info@nieuw.example"
    organisation.save()
    invitation_create(organisation=organisation, email="collega@nieuw.example", role="member", by=admin)
    factories.offer(organisation, title="Speelnamiddag")
    assert Offer.objects.filter(organisation=organisation).exists()
    assert first_steps(admin) == []
    assert first_steps(factories.member(organisation)) == []  # members do not set up the organisation
