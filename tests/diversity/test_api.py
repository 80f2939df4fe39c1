"""/api/v1/staff-diversity/ and /api/v1/public/staff-diversity/ (issue 24, item 5)."""

import pytest

from diversity import services
from diversity.models import DiversityReport
from notifications.models import Notification
from tests import factories
from tests.conftest import api_client_for
from tests.diversity.conftest import LAST, even_counts, file_report

pytestmark = pytest.mark.django_db
URL = "/api/v1/staff-diversity/"


def body(year=LAST, staff=10, **extra):
    return {
        "year": year,
        "reference_date": f"{year}-12-31",
        "paid_staff": staff,
        "volunteers": 0,
        "leadership": 4,
        "counts": even_counts(staff, 4),
        **extra,
    }


def test_an_admin_files_reads_corrects_and_archives(partner_admin, partner_org):
    api = api_client_for(partner_admin)
    created = api.post(URL, body(), format="json")
    assert created.status_code == 201, created.json()
    report = created.json()
    assert report["organisation"] == partner_org.pk and report["version"] == 1

    assert api.patch(f"{URL}{report['id']}/", {"paid_staff": 12}, format="json").status_code == 428
    stale = api.patch(f"{URL}{report['id']}/", {"paid_staff": 12, "version": 7}, format="json")
    assert stale.status_code == 409
    changed = api.patch(f"{URL}{report['id']}/", {"paid_staff": 12, "version": 1}, format="json")
    assert changed.status_code == 200 and changed.json()["paid_staff"] == 12 and changed.json()["version"] == 2

    archived = api.delete(f"{URL}{report['id']}/")
    assert archived.status_code == 200
    assert DiversityReport.objects.get().is_archived
    assert api.get(URL).json()["count"] == 0


def test_bad_counts_are_refused_with_a_message(partner_admin):
    api = api_client_for(partner_admin)
    response = api.post(URL, body(counts={"staff_gender_women": 11}), format="json")
    assert response.status_code == 400
    assert "larger than the total (10)" in str(response.json())
    assert not DiversityReport.objects.exists()


def test_the_organisation_is_required_for_an_admin_of_several(partner_admin, other_org):
    from organisations.models import Membership

    Membership.objects.create(user=partner_admin, organisation=other_org, role="admin")
    api = api_client_for(type(partner_admin).objects.get(pk=partner_admin.pk))
    response = api.post(URL, body(), format="json")
    assert response.status_code == 400
    assert "several" in str(response.json())
    assert api.post(URL, body(organisation=other_org.pk), format="json").status_code == 201


def test_a_partner_cannot_read_another_organisations_report_nor_a_plain_member(
    partner_org, partner_admin, partner_member, other_admin
):
    report = file_report(partner_org, by=partner_admin)
    for user in (other_admin, partner_member):
        api = api_client_for(user)
        assert api.get(f"{URL}{report.pk}/").status_code == 404
        assert api.get(URL).json()["count"] == 0
        assert api.delete(f"{URL}{report.pk}/").status_code == 404
    assert not DiversityReport.objects.get().is_archived


def test_the_list_costs_the_same_with_1_and_50_reports(partner_admin, partner_org, same_queries):
    from organisations.models import Membership

    file_report(partner_org)
    api = api_client_for(partner_admin)
    assert same_queries(lambda: api.get(URL)).json()["count"] == 1
    for i in range(49):
        org = factories.organisation(name=f"Org {i}")
        Membership.objects.create(user=partner_admin, organisation=org, role="admin")
        file_report(org)
    api = api_client_for(type(partner_admin).objects.get(pk=partner_admin.pk))
    assert same_queries(lambda: api.get(URL)).json()["count"] == 50


def test_the_public_endpoint_refuses_a_bad_year(api_client):
    response = api_client.get("/api/v1/public/staff-diversity/?year=abc")
    assert response.status_code == 400
    assert "four digits" in str(response.json())


def test_the_yearly_reminder_goes_to_admins_once(partner_admin, partner_member, other_admin):
    assert services.reminders_send(year=LAST) == 2
    assert services.reminders_send(year=LAST) == 0
    assert set(Notification.objects.values_list("recipient__email", flat=True)) == {
        partner_admin.email,
        other_admin.email,
    }
