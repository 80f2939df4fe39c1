"""Withdrawal: a new chain entry with a reason; the organisation leaves the list; history stays."""

import pytest
from django.urls import reverse

from charter.models import ChainEntry
from charter.selectors import signatory_organisation_ids, verify_chain
from charter.services import charter_withdraw
from charter_portal.errors import StepNotAllowed
from tests.charter.conftest import entry_count, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def signature(version, partner_org, partner_admin):
    return sign(partner_org, partner_admin)


def test_it_withdraws_with_a_reason_and_keeps_the_history(signature, partner_org, admin_client_, client):
    url = reverse("charter:withdraw", args=[signature.receipt_code])
    assert admin_client_.get(url).status_code == 200
    response = admin_client_.post(url, {"reason": "Our board wants to discuss it again."})
    assert response.status_code == 302
    withdrawal = ChainEntry.objects.get(kind="withdraw")
    assert withdrawal.withdraws == signature and withdrawal.reason == "Our board wants to discuss it again."
    assert withdrawal.organisation == partner_org and withdrawal.sequence == 2
    assert ChainEntry.objects.filter(sequence=signature.sequence).exists()  # the signature stays
    assert partner_org.pk not in signatory_organisation_ids()
    assert partner_org.name not in client.get(reverse("charter:signatories")).content.decode()
    page = client.get(reverse("charter:verify_code", args=[signature.receipt_code])).content.decode()
    assert "withdrawn" in page
    assert verify_chain().ok


def test_it_refuses_withdrawing_twice(signature, partner_admin, admin_client_):
    charter_withdraw(signature=signature, user=partner_admin, reason="First time")
    url = reverse("charter:withdraw", args=[signature.receipt_code])
    assert "already been withdrawn" in admin_client_.get(url).content.decode()
    response = admin_client_.post(url, {"reason": "Second time"})
    assert response.status_code == 400
    assert "already been withdrawn" in response.content.decode()
    with pytest.raises(StepNotAllowed):
        charter_withdraw(signature=signature, user=partner_admin, reason="Third time")
    assert entry_count() == 2


def test_it_refuses_withdrawing_a_withdrawal(signature, partner_admin):
    withdrawal = charter_withdraw(signature=signature, user=partner_admin, reason="Once")
    with pytest.raises(StepNotAllowed):
        charter_withdraw(signature=withdrawal, user=partner_admin, reason="Again")
    assert entry_count() == 2


def test_it_requires_a_reason_without_personal_data(signature, admin_client_):
    url = reverse("charter:withdraw", args=[signature.receipt_code])
    response = admin_client_.post(url, {"reason": ""})
    assert response.status_code == 400
    response = admin_client_.post(url, {"reason": "Ask jan.peeters@example.org"})
    assert response.status_code == 400
    assert "e-mail" in response.content.decode()
    assert entry_count() == 1


def test_it_refuses_a_member_with_403_and_an_outsider_with_404(signature, member_client, other_client, client):
    url = reverse("charter:withdraw", args=[signature.receipt_code])
    assert member_client.get(url).status_code == 403
    assert member_client.post(url, {"reason": "x"}).status_code == 403
    assert other_client.get(url).status_code == 404
    assert other_client.post(url, {"reason": "x"}).status_code == 404
    assert client.post(url, {"reason": "x"}).status_code == 302
    assert entry_count() == 1


def test_it_refuses_an_outsider_in_the_service(signature, other_admin, partner_member):
    for person in (other_admin, partner_member):
        with pytest.raises(StepNotAllowed):
            charter_withdraw(signature=signature, user=person, reason="Not mine")
    assert entry_count() == 1


def test_it_answers_404_for_an_unknown_code(version, admin_client_):
    assert admin_client_.get(reverse("charter:withdraw", args=["ZZZZZZZZZZZZ"])).status_code == 404
