"""A person's own account is erased on request (GDPR): name and address go, what they did stays attributed to "a
former member of <organisation>"."""

import logging

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from accounts.models import ApiToken, User
from accounts.services import api_token_issue
from offers.models import Offer
from tests import factories
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db


def test_erasing_an_account_removes_name_address_password_tokens_and_sessions(partner_member, client, caplog):
    _token, key = api_token_issue(user=partner_member, name="Mona's spreadsheet")
    client.force_login(partner_member)
    assert client.get("/account/").status_code == 200

    with caplog.at_level(logging.INFO, logger="portal.security"):
        call_command("erase_account", "MEMBER@debrug.example")

    user = User.objects.get(pk=partner_member.pk)
    assert user.full_name == "" and "debrug" not in user.email and not user.has_usable_password()
    assert not user.is_active and user.erased_at is not None
    assert not ApiToken.objects.filter(user=user).exists()
    assert client.get("/account/").status_code == 302  # the session is gone: back to the login
    assert api_client_for(None).get("/api/v1/signals/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "erased" in logged and "Mona" not in logged and "debrug" not in logged


def test_what_the_person_did_stays_attributed_to_a_former_member_of_their_organisation(partner_org, partner_member):
    offer = factories.offer(partner_org, title="Huiswerkklas")
    offer._history_user = partner_member
    offer.title = "Huiswerkklas op woensdag"
    offer.save()

    call_command("erase_account", partner_member.email)

    record = Offer.history.filter(id=offer.pk).latest("history_date")
    assert record.history_user_id == partner_member.pk  # the row stays, and who did it too
    with translation.override("en"):
        assert str(record.history_user) == "a former member of Jeugdhuis De Brug"
    with translation.override("nl"):
        assert str(record.history_user) == "een voormalig lid van Jeugdhuis De Brug"


def test_an_erased_account_without_memberships_is_a_former_member_of_the_portal(db):
    user = User.objects.create_user("someone@example.org", "a long enough password", full_name="Someone")
    call_command("erase_account", "someone@example.org")
    with translation.override("en"):
        assert str(User.objects.get(pk=user.pk)) == "a former member of the portal"


def test_it_refuses_an_unknown_or_already_erased_address(partner_member):
    call_command("erase_account", partner_member.email)
    with pytest.raises(CommandError, match="No account"):
        call_command("erase_account", partner_member.email)
    with pytest.raises(CommandError, match="No account"):
        call_command("erase_account", "nobody@example.org")
