"""Regrettable removals archive or are refused; the few real deletes stay recoverable from the history."""

from offers.models import Collaboration, Offer
from tests import factories
from tests.conftest import api_client_for, error_message


def test_removing_a_published_offer_archives_it(partner_org, partner_member):
    offer = factories.offer(partner_org, title="Homework club")

    response = api_client_for(partner_member).delete(f"/api/v1/offers/{offer.pk}/")

    assert response.status_code == 200
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.ARCHIVED


def test_a_collaboration_named_in_a_covenant_cannot_be_removed(world, partner_admin):
    from covenants import services

    collaboration = world.collaboration
    services.covenant_create(
        by=None,
        reference="CONV-COLLAB",
        title="Together in Rabot",
        city_service=world.covenant.city_service,
        partner_organisation=None,
        partner_collaboration=collaboration,
        starts_on=world.covenant.starts_on,
        ends_on=world.covenant.ends_on,
    )

    response = api_client_for(partner_admin).delete(f"/api/v1/collaborations/{collaboration.pk}/")

    assert response.status_code == 409
    assert "Close the covenant first" in error_message(response)
    assert Collaboration.objects.filter(pk=collaboration.pk).exists()


def test_a_removed_collaboration_stays_in_the_history_with_who_removed_it(partner_org, other_org, partner_admin):
    collaboration = factories.collaboration(partner_org, other_org, name="Samen Rabot")

    response = api_client_for(partner_admin).delete(f"/api/v1/collaborations/{collaboration.pk}/")

    assert response.status_code == 204
    removal = Collaboration.history.filter(id=collaboration.pk).latest("history_date")
    assert removal.history_type == "-"
    assert removal.name == "Samen Rabot"
    assert removal.history_user == partner_admin
