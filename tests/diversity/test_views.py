"""Who sees what: an organisation's own figures for its admins and the coordinators only; the public page."""

import pytest

from diversity.models import DiversityReport
from tests import factories
from tests.diversity.conftest import LAST, file_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(partner_org, partner_admin):
    return file_report(partner_org, staff=20, by=partner_admin)


def page(slug):
    return f"/diversiteit/organisaties/{slug}/"


def test_the_admin_sees_the_own_trend_and_history(admin_client_, reported, partner_org):
    response = admin_client_.get(page(partner_org.slug))
    assert response.status_code == 200
    body = response.content.decode()
    assert ": your organisation" in body and "History of the reports" in body
    assert "No comparison for these years: fewer than 5 other organisations of your kind reported" in body


@pytest.mark.parametrize("persona", ["other_client", "member_client", "staff_client", "city_admin_client"])
def test_nobody_else_reads_the_report_not_even_a_plain_member(request, persona, reported, partner_org):
    client = request.getfixturevalue(persona)
    assert client.get(page(partner_org.slug)).status_code == 404
    assert client.get(f"{page(partner_org.slug)}{LAST}/").status_code == 404
    assert client.post(f"{page(partner_org.slug)}{LAST}/", {"paid_staff": 1}).status_code == 404
    assert DiversityReport.objects.get().paid_staff == 20


def test_a_charter_coordinator_reads_but_does_not_file(client, coordinator, reported, partner_org):
    client.force_login(coordinator)
    assert client.get(page(partner_org.slug)).status_code == 200
    assert client.get(f"{page(partner_org.slug)}{LAST}/").status_code == 403
    assert partner_org.name in client.get("/diversiteit/mijn/").content.decode()


def test_visitors_see_the_public_page_with_table_and_chart(client, civil_orgs, city_org):
    for org in civil_orgs(5):
        file_report(org, staff=30)
    file_report(city_org, staff=40)
    body = client.get("/diversiteit/").content.decode()
    assert "diversity-chart" in body and '<svg viewBox="0 0 640' in body and "<table" in body
    assert "Civil society" in body and "City services (the city as one employer)" in body
    assert "150" in body  # civil society's paid staff


def test_the_export_is_for_the_city(member_client, client, staff_client):
    assert member_client.get("/diversiteit/export/").status_code == 403
    assert client.get("/diversiteit/export/").status_code == 302
    assert staff_client.get("/diversiteit/export/").status_code == 200


def test_the_public_page_costs_the_same_with_1_and_50_reports(client, same_queries):
    org = factories.organisation(name="Eerste")
    file_report(org, staff=30)
    same_queries(lambda: client.get("/diversiteit/"))
    for i in range(49):
        file_report(factories.organisation(name=f"Org {i}"), staff=30)
    response = same_queries(lambda: client.get("/diversiteit/"))
    assert "1500" in response.content.decode()


def test_a_year_not_open_yet_is_not_a_page(admin_client_, partner_org):
    assert admin_client_.get(f"{page(partner_org.slug)}{LAST + 1}/").status_code == 404


def test_the_admin_lists_reports_read_only_and_the_reference_figures(client, reported):
    client.force_login(factories.user(email="root@example.org", is_superuser=True, is_staff=True))
    assert client.get("/admin/diversity/diversityreport/").status_code == 200
    assert client.get(f"/admin/diversity/diversityreport/{reported.pk}/change/").status_code == 200
    assert client.get("/admin/diversity/diversityreport/add/").status_code == 403
    assert client.get("/admin/diversity/populationreference/").status_code == 200


def test_a_coordinator_sees_the_organisations_that_reported_in_a_fixed_number_of_queries(
    client, coordinator, same_queries
):
    client.force_login(coordinator)
    file_report(factories.organisation(name="Eerste"))
    same_queries(lambda: client.get("/diversiteit/mijn/"))
    for i in range(49):
        file_report(factories.organisation(name=f"Org {i}"))
    assert "Org 48" in same_queries(lambda: client.get("/diversiteit/mijn/")).content.decode()
