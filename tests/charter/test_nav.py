"""The menu reminds organisation admins to sign (or sign again), in one query per page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charter.models import CharterVersion
from charter.selectors import charter_status_for, sign_reminder_state
from charter.services import charter_withdraw
from tests.charter.conftest import publish_second_version, sign

pytestmark = pytest.mark.django_db

SIGN = 'href="/charter/ondertekenen/"'


def _menu(client):
    return client.get("/charter/ondertekenaars/").content.decode()


def test_it_reminds_an_admin_to_sign_until_the_organisation_signed(version, admin_client_, partner_org, partner_admin):
    assert SIGN in _menu(admin_client_) and "Sign the charter" in _menu(admin_client_)
    sign(partner_org, partner_admin)
    assert SIGN not in _menu(admin_client_)


def test_it_asks_to_sign_the_new_version_after_a_new_one_is_published(
    version, admin_client_, partner_org, partner_admin
):
    sign(partner_org, partner_admin)
    publish_second_version(version)
    assert "Sign the new charter version" in _menu(admin_client_)


def test_it_does_not_remind_members_who_cannot_sign(version, member_client):
    assert SIGN not in _menu(member_client)


def test_it_agrees_with_the_charter_status_of_each_organisation(version, partner_org, partner_admin, other_org):
    ids = {partner_org.pk, other_org.pk}
    assert sign_reminder_state(ids) == "first"
    sign(partner_org, partner_admin)
    assert sign_reminder_state({partner_org.pk}) == ""
    assert sign_reminder_state(ids) == "first"
    second = publish_second_version(version)
    statuses = charter_status_for(ids, second)
    assert any(s.signed_older_only for s in statuses)
    assert sign_reminder_state(ids) == "new"
    signature = sign(partner_org, partner_admin, version=second)
    assert sign_reminder_state({partner_org.pk}) == ""
    charter_withdraw(signature=signature, user=partner_admin, reason="Board review.")
    assert sign_reminder_state({partner_org.pk}) == "new"  # the older signature is still active
    CharterVersion.objects.update(is_published=False)
    assert sign_reminder_state(ids) == ""  # nothing to sign


def test_it_costs_one_query(version, partner_org, other_org):
    with CaptureQueriesContext(connection) as ctx:
        sign_reminder_state({partner_org.pk, other_org.pk})
    assert len(ctx.captured_queries) == 1
