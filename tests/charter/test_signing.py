"""Signing: who may sign, what the form asks, and every refusal writes nothing to the chain."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from charter.models import ChainEntry
from charter_portal.errors import StepNotAllowed
from tests import factories
from tests.charter.conftest import entry_count, sign

pytestmark = pytest.mark.django_db


def _form(org, **overrides):
    data = {
        "organisation": org.pk,
        "signer_name": "Ada Admin",
        "signer_role": "Chair",
        "authorised": "on",
        "password": factories.PASSWORD,
    }
    data.update(overrides)
    return data


@override_settings(SITE_URL="https://charter.example")
def test_it_signs_for_the_organisation_and_mails_the_receipt(
    version, partner_org, partner_admin, admin_client_, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the receipt leaves after commit
        response = admin_client_.post(reverse("charter:sign"), _form(partner_org))
    entry = ChainEntry.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("charter:receipt", args=[entry.receipt_code])
    assert entry.kind == "sign" and entry.organisation == partner_org and entry.charter_version == version
    assert (entry.signer, entry.signer_name, entry.signer_role) == (partner_admin, "Ada Admin", "Chair")
    assert entry.charter_hash == version.text_hash
    assert len(entry.receipt_code) == 12 and set(entry.receipt_code) <= set("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    [message] = mail.outbox
    assert message.to == [partner_admin.email]
    assert entry.receipt_display in message.subject
    assert f"https://charter.example/charter/verifieren/{entry.receipt_code}/" in message.body
    page = admin_client_.get(response.url)
    assert entry.receipt_display in page.content.decode()


def test_it_mails_the_receipt_in_the_signers_language(version, partner_org, django_capture_on_commit_callbacks):
    dutch = factories.admin_of(partner_org, preferred_language="nl")
    english_org = factories.organisation(name="English Org")
    english = factories.admin_of(english_org, preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        sign(partner_org, dutch)
        sign(english_org, english)
    # The Dutch catalogue is filled centrally; "Time" is one of the words it already has.
    assert "\nTijdstip: " in mail.outbox[0].body
    assert "\nTime: " in mail.outbox[1].body


def test_it_shows_the_authorisation_statement_with_the_organisation_name(version, partner_org, admin_client_):
    response = admin_client_.get(reverse("charter:sign"))
    assert response.status_code == 200
    assert partner_org.name in response.content.decode()
    assert 'type="password"' in response.content.decode()


def test_it_lets_a_city_admin_sign_for_the_city_service(version, city_org, city_admin_client):
    response = city_admin_client.post(reverse("charter:sign"), _form(city_org))
    assert response.status_code == 302
    assert ChainEntry.objects.get().organisation == city_org


def test_it_refuses_signing_twice(version, partner_org, partner_admin, admin_client_):
    sign(partner_org, partner_admin)
    response = admin_client_.post(reverse("charter:sign"), _form(partner_org))
    assert response.status_code == 200
    assert "already signed" in response.content.decode()
    assert entry_count() == 1


def test_it_refuses_a_wrong_password(version, partner_org, admin_client_, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(reverse("charter:sign"), _form(partner_org, password="wrong"))
    assert "password is not correct" in response.content.decode()
    assert entry_count() == 0
    assert len(mail.outbox) == 0


def test_it_refuses_without_the_authorisation_statement(version, partner_org, admin_client_):
    data = _form(partner_org)
    del data["authorised"]
    response = admin_client_.post(reverse("charter:sign"), data)
    assert "Confirm that you are authorised" in response.content.decode()
    assert entry_count() == 0


def test_it_refuses_missing_name_and_role(version, partner_org, admin_client_):
    response = admin_client_.post(reverse("charter:sign"), _form(partner_org, signer_name="", signer_role=" "))
    assert response.context["form"].errors.keys() >= {"signer_name", "signer_role"}
    assert entry_count() == 0


def test_it_refuses_an_organisation_one_does_not_administer(version, other_org, partner_org, admin_client_):
    response = admin_client_.post(reverse("charter:sign"), _form(other_org))
    assert "only sign for an organisation you are an admin of" in response.content.decode()
    assert entry_count() == 0
    with pytest.raises(StepNotAllowed):
        sign(other_org, factories.admin_of(partner_org))
    assert entry_count() == 0


def test_it_refuses_a_member_who_is_not_admin(version, partner_org, partner_member, member_client):
    assert member_client.get(reverse("charter:sign")).status_code == 403
    assert member_client.post(reverse("charter:sign"), _form(partner_org)).status_code == 403
    with pytest.raises(StepNotAllowed):
        sign(partner_org, partner_member)
    assert entry_count() == 0


def test_it_refuses_an_unapproved_organisation(version, client):
    pending = factories.organisation(name="Pending", is_approved=False)
    admin = factories.admin_of(pending)
    client.force_login(admin)
    response = client.get(reverse("charter:sign"))
    assert response.status_code == 403
    assert "Only approved organisations" in response.content.decode()
    response = client.post(reverse("charter:sign"), _form(pending))
    assert response.status_code == 403
    with pytest.raises(StepNotAllowed, match="approved"):
        sign(pending, admin)
    assert entry_count() == 0


def test_it_sends_visitors_to_the_login_page(version, client):
    response = client.get(reverse("charter:sign"))
    assert response.status_code == 302 and "/account/login/" in response.url


def test_it_allows_signing_again_after_a_withdrawal(version, partner_org, partner_admin):
    from charter.services import charter_withdraw

    first = sign(partner_org, partner_admin)
    charter_withdraw(signature=first, user=partner_admin, reason="Board decision")
    second = sign(partner_org, partner_admin)
    assert second.sequence == 3
    assert ChainEntry.objects.active().get() == second


def test_it_shows_the_receipt_to_members_only(version, partner_org, partner_admin, member_client, other_client, client):
    entry = sign(partner_org, partner_admin)
    url = reverse("charter:receipt", args=[entry.receipt_code])
    assert member_client.get(url).status_code == 200
    assert other_client.get(url).status_code == 404
    assert client.get(url).status_code == 302
    assert member_client.get(reverse("charter:receipt", args=["AAAAAAAAAAAA"])).status_code == 404


def test_it_says_so_when_every_organisation_has_signed(version, partner_org, partner_admin, admin_client_):
    sign(partner_org, partner_admin)
    response = admin_client_.get(reverse("charter:sign"))
    assert response.status_code == 200
    assert not response.context["show_form"]
    assert 'type="password"' not in response.content.decode()
