"""A partner organisation (or a collaboration's coordinator) proposes a covenant; the city service accepts to
negotiate it or declines it with a reason; then both sides agree on the terms as equals (R7)."""

from datetime import date

import pytest
from django.urls import reverse

from covenants.models import Covenant, Opening, Status, TermsVersion
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db

PROPOSE = reverse("covenants:propose")


def _proposal(city_org, partner_org, **extra):
    return {
        "title": "Homework support in Sluizeken",
        "city_service": city_org.pk,
        "partner_organisation": partner_org.pk,
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "objectives": "Homework support twice a week.",
        **extra,
    }


def _terms_post(terms, submit=False):
    data = {
        "version": terms.version,
        "objectives": "Homework support twice a week in the youth house.",
        "change_note": "",
        "budget_2026": "12000",
        "budget_2027": "12500",
        "ind-TOTAL_FORMS": "2",
        "ind-INITIAL_FORMS": "0",
        "ind-0-kind": "quantitative",
        "ind-0-name": "Pupils supported",
        "ind-0-unit": "pupils",
        "ind-0-baseline": "20",
        "ind-0-higher_is_better": "on",
        "ind-0-target_2026": "25",
        "ind-0-target_2027": "30",
        "ind-1-kind": "qualitative",
        "ind-1-name": "How pupils experience it",
        "ind-1-guiding_question": "What do pupils say about the support?",
    }
    if submit:
        data["submit"] = "1"
    return data


def test_a_partner_started_covenant_goes_through_to_approval_by_both(
    city_org, partner_org, partner_admin, city_staff, admin_client_, staff_client, django_capture_on_commit_callbacks
):
    response = admin_client_.post(PROPOSE, _proposal(city_org, partner_org))
    assert response.status_code == 302
    covenant = Covenant.objects.get(title="Homework support in Sluizeken")
    assert covenant.reference.startswith("CONV-2026-")
    assert (covenant.started_by_side, covenant.opening, covenant.status) == ("partner", "waiting", Status.PROPOSED)
    assert Notification.objects.filter(recipient=city_staff, kind="covenants.proposed").exists()
    terms = covenant.versions.get(number=1)
    assert terms.proposed_by_side == "partner" and terms.proposed_by_organisation == partner_org

    # The partner works on the draft while the city decides; the city cannot submit or edit it yet.
    edit = reverse("covenants:version_edit", args=[covenant.pk, 1])
    assert admin_client_.post(edit, _terms_post(terms)).status_code == 302
    assert staff_client.get(edit).status_code == 403
    terms.refresh_from_db()
    admin_client_.post(edit, _terms_post(terms, submit=True))
    terms.refresh_from_db()
    assert terms.state == TermsVersion.State.DRAFT  # not before the city accepted to negotiate

    decide = reverse("covenants:decide_opening", args=[covenant.pk])
    assert admin_client_.post(decide, {"decision": "accept"}).status_code == 403  # the partner cannot accept
    page = staff_client.get(reverse("covenants:detail", args=[covenant.pk])).content.decode()
    assert "Accept to negotiate" in page
    assert staff_client.post(decide, {"decision": "accept"}).status_code == 302
    covenant.refresh_from_db()
    assert covenant.opening == Opening.OPEN and covenant.status == Status.DRAFT
    assert Notification.objects.filter(recipient=partner_admin, kind="covenants.proposal_accepted").exists()

    # Then the usual flow: the partner submits its version 1, both approve it.
    terms.refresh_from_db()
    assert admin_client_.post(edit, _terms_post(terms, submit=True)).status_code == 302
    terms.refresh_from_db()
    assert terms.state == TermsVersion.State.SUBMITTED and terms.proposed_by_side == "partner"
    approve = reverse("covenants:version_approve", args=[covenant.pk, 1])
    assert staff_client.post(approve, {"side": "city"}).status_code == 302
    assert admin_client_.post(approve, {"side": "partner"}).status_code == 302
    terms.refresh_from_db()
    assert terms.state == TermsVersion.State.AGREED
    covenant = Covenant.objects.with_status(today=date(2026, 6, 1)).get(pk=covenant.pk)
    assert covenant.status == Status.RUNNING
    version_page = staff_client.get(reverse("covenants:version", args=[covenant.pk, 1])).content.decode()
    assert f"proposed by {partner_org.name} (partner side)" in version_page


def test_the_city_declines_with_a_reason_and_nothing_changes_after(
    city_org, partner_org, partner_admin, partner_member, admin_client_, staff_client
):
    admin_client_.post(PROPOSE, _proposal(city_org, partner_org))
    covenant = Covenant.objects.get()
    decide = reverse("covenants:decide_opening", args=[covenant.pk])
    staff_client.post(decide, {"decision": "decline", "reason": ""})
    covenant.refresh_from_db()
    assert covenant.opening == Opening.WAITING  # a refusal needs a reason
    staff_client.post(decide, {"decision": "decline", "reason": "No budget for new covenants in 2026."})
    covenant.refresh_from_db()
    assert covenant.opening == Opening.DECLINED and covenant.status == Status.DECLINED
    assert Notification.objects.filter(recipient=partner_member, kind="covenants.proposal_declined").exists()
    page = admin_client_.get(reverse("covenants:detail", args=[covenant.pk])).content.decode()
    assert "No budget for new covenants in 2026." in page
    edit = reverse("covenants:version_edit", args=[covenant.pk, 1])
    assert admin_client_.get(edit).status_code == 403
    assert staff_client.post(decide, {"decision": "accept"}).status_code == 403


def test_only_partner_admins_propose_and_only_for_their_own_organisation(
    city_org, partner_org, other_org, member_client, admin_client_, staff_client
):
    assert member_client.get(PROPOSE).status_code == 403
    assert staff_client.get(PROPOSE).status_code == 403
    response = admin_client_.post(PROPOSE, _proposal(city_org, other_org))
    assert response.status_code == 200
    assert not Covenant.objects.exists()


def test_a_collaboration_coordinator_proposes_for_its_collaboration(city_org, partner_org, other_org, admin_client_):
    collaboration = factories.collaboration(partner_org, other_org, name="Samen huiswerk")
    response = admin_client_.post(
        PROPOSE, _proposal(city_org, partner_org, partner_organisation="", partner_collaboration=collaboration.pk)
    )
    assert response.status_code == 302
    covenant = Covenant.objects.get()
    assert covenant.partner_collaboration == collaboration and covenant.opening == Opening.WAITING


def test_bad_input_is_refused_in_the_persons_language(city_org, partner_org, admin_client_):
    response = admin_client_.post(
        PROPOSE, _proposal(city_org, partner_org, ends_on="2025-01-01"), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 200
    assert not Covenant.objects.exists()
