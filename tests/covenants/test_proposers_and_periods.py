"""Who proposed a version of the terms, and the reporting periods in the covenant API (also those with no report)."""

from datetime import date

import pytest
from django.urls import reverse

from covenants import services
from covenants.models import Report, Side
from tests.conftest import api_client_for
from tests.covenants.conftest import agree, fill_draft

pytestmark = pytest.mark.django_db


def test_the_side_that_submits_a_version_proposes_it(covenant, partner_admin, partner_org):
    terms = covenant.versions.get(number=1)
    assert terms.proposed_by_side == Side.CITY  # the city opened the draft
    services.version_submit(terms=terms, by=partner_admin, side=Side.PARTNER)
    terms.refresh_from_db()
    assert terms.proposed_by_side == Side.PARTNER
    assert terms.proposed_by_organisation == partner_org
    assert terms.submitted_by == partner_admin


def test_the_version_page_names_the_partner_that_wrote_version_1(covenant, partner_admin, partner_org, staff_client):
    services.version_submit(terms=covenant.versions.get(number=1), by=partner_admin, side=Side.PARTNER)
    page = staff_client.get(reverse("covenants:version", args=[covenant.pk, 1])).content.decode()
    assert f"proposed by {partner_org.name} (partner side)" in page
    assert "proposed by the city" not in page
    assert "city side)" not in page


def test_a_new_draft_names_the_side_that_opened_it(agreed_covenant, partner_admin, partner_org):
    draft = services.version_propose(covenant=agreed_covenant, by=partner_admin, side=Side.PARTNER)
    assert (draft.proposed_by_side, draft.proposed_by_organisation) == (Side.PARTNER, partner_org)


def test_the_api_says_who_proposed_each_version(agreed_covenant, partner_member, city_org):
    data = api_client_for(partner_member).get(f"/api/v1/covenants/{agreed_covenant.pk}/").json()
    assert data["versions"][0]["proposed_by_side"] == "city"
    assert data["versions"][0]["proposed_by_organisation"] == city_org.name


def test_the_api_lists_every_period_with_its_id_status_and_report_links(agreed_covenant, partner_member, partner_admin):
    first, second = agreed_covenant.periods.order_by("starts_on")
    services.report_start(period=first, by=partner_admin)
    client = api_client_for(partner_member)
    data = client.get(f"/api/v1/covenants/{agreed_covenant.pk}/").json()
    periods = {p["id"]: p for p in data["periods"]}
    assert list(periods) == [first.pk, second.pk]
    report = Report.objects.get(period=first)
    assert periods[first.pk]["status"] == "draft"
    assert periods[first.pk]["report_id"] == report.pk
    assert periods[second.pk]["status"] == "not_started"
    assert periods[second.pk]["report_id"] is None
    assert periods[second.pk]["due_on"] == "2028-01-31"
    assert periods[second.pk]["page_url"] == reverse("covenants:report", args=[agreed_covenant.pk, second.pk])
    # The link reads the started report and starts the one that has none yet.
    assert client.get(periods[first.pk]["report_url"]).json()["id"] == report.pk
    assert client.get(periods[second.pk]["report_url"]).status_code == 404
    started = api_client_for(partner_admin).post(periods[second.pk]["report_url"])
    assert started.status_code == 200
    assert started.json()["period_id"] == second.pk


def test_a_period_past_its_due_date_without_a_submitted_report_is_late(
    city_org, partner_org, city_staff, partner_admin, partner_member
):
    from tests.covenants.conftest import make_covenant

    old = make_covenant(city_org, partner_org, starts_on=date(2020, 1, 1), ends_on=date(2021, 12, 31))
    fill_draft(old.versions.get(number=1), budget={}, indicators=None)
    agree(old, city_staff, partner_admin)
    data = api_client_for(partner_member).get(f"/api/v1/covenants/{old.pk}/").json()
    assert [p["is_late"] for p in data["periods"]] == [True, True]


def test_outsiders_get_404_for_a_period_report_link(agreed_covenant, other_admin):
    period = agreed_covenant.periods.first()
    assert (
        api_client_for(other_admin).get(f"/api/v1/covenants/{agreed_covenant.pk}/reports/{period.pk}/").status_code
        == 404
    )
