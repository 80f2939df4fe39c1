"""An offer's texts have a maximum, held by the form, the API and the database alike (issue 17, item 10).

A careless client or an attacker sends a description far over the limit (but under the 1 MB body limit, which answers
413 on its own: tests/security/test_request_size.py); an old description that was saved before the limit stays, and
the offer can still change otherwise.
"""

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from charter_portal.text_limits import TEXT
from offers import services
from offers.models import Offer
from tests.conftest import api_client_for, field_errors
from tests.offers.conftest import function_ids, offer_api_payload, offer_form_data
from tests.security.test_text_limits import limit_suspended

pytestmark = pytest.mark.django_db

HALF_A_MEGABYTE = "x" * 500_000  # far over the field's limit, under the limit of a request body


def _old_long_description(offer) -> str:
    """Give the offer a description longer than the limit, as one saved before the limit existed."""
    text = "An old and very long description. " * 200
    assert len(text) > TEXT
    with limit_suspended(Offer, "description"):
        Offer.objects.filter(pk=offer.pk).update(description=text)
    return text


def test_the_api_refuses_a_description_over_the_limit_naming_the_field_and_the_limit(partner_member, partner_org, wijk):
    client = api_client_for(partner_member)
    response = client.post(
        "/api/v1/offers/", offer_api_payload(partner_org, wijk, description=HALF_A_MEGABYTE), format="json"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert field_errors(response) == {"description": [f"Ensure this field has no more than {TEXT} characters."]}
    assert not Offer.objects.exists()


def test_the_api_takes_a_description_of_exactly_the_limit(partner_member, partner_org, wijk):
    client = api_client_for(partner_member)
    response = client.post(
        "/api/v1/offers/", offer_api_payload(partner_org, wijk, description="y" * TEXT), format="json"
    )
    assert response.status_code == 201, response.json()
    assert len(Offer.objects.get().description) == TEXT


def test_the_api_refuses_a_too_long_change_of_an_offer(partner_member, published_offer):
    client = api_client_for(partner_member)
    response = client.patch(
        f"/api/v1/offers/{published_offer.pk}/",
        {"schedule": "z" * 1_001, "version": published_offer.version},
        format="json",
    )
    assert response.status_code == 400
    assert field_errors(response) == {"schedule": ["Ensure this field has no more than 1000 characters."]}
    published_offer.refresh_from_db()
    assert published_offer.schedule == ""


def test_the_form_shows_the_limit_and_refuses_a_longer_description(member_client, partner_org, wijk):
    page = member_client.get(reverse("offers:create")).content.decode()
    assert f'maxlength="{TEXT}"' in page  # the browser keeps a person under the limit while typing

    data = offer_form_data(wijk, functions=function_ids("leisure"), description=HALF_A_MEGABYTE)
    response = member_client.post(reverse("offers:create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["description"] == [
        f"Ensure this value has at most {TEXT} characters (it has {len(HALF_A_MEGABYTE)})."
    ]
    assert not Offer.objects.exists()


def test_the_database_refuses_a_too_long_description_written_past_the_form(partner_org):
    with pytest.raises(IntegrityError, match=f"{Offer._meta.db_table}.description"), transaction.atomic():
        Offer.objects.create(organisation=partner_org, title="Bypass", description="x" * (TEXT + 1))
    assert not Offer.objects.exists()


def test_the_database_refuses_a_raw_update_to_a_too_long_description(published_offer):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Offer._meta.db_table} SET description = %s WHERE id = %s", ["x" * (TEXT + 1), published_offer.pk]
        )
    published_offer.refresh_from_db()
    assert published_offer.description == ""


def test_an_old_too_long_description_stays_while_the_offer_changes_otherwise(published_offer):
    text = _old_long_description(published_offer)
    offer = Offer.objects.get(pk=published_offer.pk)

    services.offer_archive(offer=offer, expected_version=offer.version)  # a workflow step saves the whole row
    Offer.objects.filter(pk=offer.pk).update(title="Renamed")  # an UPDATE that leaves the description out

    offer.refresh_from_db()
    assert (offer.status, offer.title, offer.description) == (Offer.Status.ARCHIVED, "Renamed", text)
    # but it cannot be changed into another too-long text
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(description=text + "!")


def test_the_edit_form_asks_to_shorten_an_old_too_long_description(member_client, published_offer, wijk):
    text = _old_long_description(published_offer)
    url = reverse("offers:edit", args=[published_offer.uuid])
    assert member_client.get(url).status_code == 200

    data = offer_form_data(
        wijk, functions=function_ids("leisure"), title="Renamed", description=text, version=published_offer.version
    )
    response = member_client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["description"] == [
        f"Ensure this value has at most {TEXT} characters (it has {len(text.strip())})."
    ]
    published_offer.refresh_from_db()
    assert (published_offer.title, published_offer.description) == ("Wednesday football", text)

    shortened = member_client.post(url, {**data, "description": text[:TEXT]})
    assert shortened.status_code == 302
    published_offer.refresh_from_db()
    assert (published_offer.title, published_offer.description) == ("Renamed", text[:TEXT])
