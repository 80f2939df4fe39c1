"""The city's own commitments in a covenant: agreed in the terms, reported on by the city, reviewed by the partner."""

from datetime import date

import pytest
from django.urls import reverse

from covenants import services
from covenants.models import CityCommitment, CityReport, Report, ReportNote, Side
from notifications.models import Notification
from tests.conftest import api_client_for
from tests.covenants.conftest import agree, fill_draft, make_covenant

pytestmark = pytest.mark.django_db

COMMITMENTS = [
    services.CommitmentData(kind=CityCommitment.Kind.FUNDING, description="The subsidy is paid before 31 March."),
    services.CommitmentData(kind=CityCommitment.Kind.SPACE, description="The sports hall on Wednesday afternoons."),
]


@pytest.fixture
def committed(city_org, partner_org, city_staff, partner_admin):
    covenant = make_covenant(city_org, partner_org, by=city_staff)
    terms = fill_draft(covenant.versions.get(number=1))
    services.version_save_draft(terms=terms, expected_version=None, commitments=COMMITMENTS)
    agree(covenant, city_staff, partner_admin)
    return covenant


def test_the_terms_hold_the_citys_commitments_and_a_new_version_keeps_them(committed, partner_admin):
    draft = services.version_propose(covenant=committed, by=partner_admin, side=Side.PARTNER)
    old = {c.key: c.description for c in committed.versions.get(number=1).city_commitments.all()}
    new = {c.key: c.description for c in draft.city_commitments.all()}
    assert new == old and len(new) == 2


def test_the_draft_form_edits_the_commitments(covenant, staff_client):
    url = reverse("covenants:version_edit", args=[covenant.pk, 1])
    terms = covenant.versions.get(number=1)
    page = staff_client.get(url).content.decode()
    assert "Commitments of the city" in page
    data = {
        "version": terms.version,
        "objectives": "Open five days a week.",
        "ind-TOTAL_FORMS": "1",
        "ind-INITIAL_FORMS": "0",
        "ind-0-kind": "qualitative",
        "ind-0-name": "Experience",
        "ind-0-guiding_question": "How is it?",
        "com-TOTAL_FORMS": "2",
        "com-INITIAL_FORMS": "0",
        "com-0-kind": "contact",
        "com-0-description": "A contact person at the youth service answers within a week.",
        "com-1-kind": "",
        "com-1-description": "",
        "save": "1",
    }
    assert staff_client.post(url, data).status_code == 302
    assert list(terms.city_commitments.values_list("kind", flat=True)) == ["contact"]
    data["com-1-description"] = "A room"  # a commitment without its kind is refused, nothing changes
    data["version"] = covenant.versions.get(number=1).version
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Choose the kind of commitment." in response.content.decode()
    assert terms.city_commitments.count() == 1


def test_the_city_reports_and_the_partner_reviews_as_equals(
    committed, city_staff, partner_admin, staff_client, admin_client_, member_client
):
    period = committed.periods.get(starts_on=date(2026, 1, 1))
    url = reverse("covenants:city_report", args=[committed.pk, period.pk])
    assert member_client.post(url, {"start": "1"}).status_code == 403  # the partner does not write the city's report
    assert staff_client.post(url, {"start": "1"}).status_code == 302
    report = CityReport.objects.get(period=period)
    funding, space = report.values.order_by("commitment__position")
    data = {
        "version": report.version,
        f"c{funding.commitment_id}-fulfilment": "kept",
        f"c{space.commitment_id}-fulfilment": "partly",
        f"c{space.commitment_id}-narrative": "",
        "submit": "1",
    }
    staff_client.post(url, data)
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT  # "partly" needs an explanation
    data[f"c{space.commitment_id}-narrative"] = "The hall was under renovation in May."
    data["version"] = report.version
    assert staff_client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.state == Report.State.SUBMITTED
    assert Notification.objects.filter(recipient=partner_admin, kind="covenants.city_report_submitted").exists()

    review = reverse("covenants:city_report_review", args=[committed.pk, period.pk])
    assert staff_client.post(review, {"decision": "accept"}).status_code == 403  # the city does not review itself
    assert member_client.post(review, {"decision": "accept"}).status_code == 403  # partner admins review
    admin_client_.post(review, {"decision": "revise", "comment": "Which weeks was the hall closed?"})
    report.refresh_from_db()
    assert report.state == Report.State.REVISION_REQUESTED
    assert Notification.objects.filter(recipient=city_staff, kind="covenants.city_report_sent_back").exists()
    data.update(version=report.version, answer="Closed from 6 to 24 May.")
    assert staff_client.post(url, data).status_code == 302
    admin_client_.post(review, {"decision": "accept", "comment": "Thanks."})
    report.refresh_from_db()
    assert report.state == Report.State.ACCEPTED
    assert list(ReportNote.objects.filter(city_report=report).values_list("kind", "side")) == [
        ("revision_requested", "partner"),
        ("answer", "city"),
        ("accepted", "partner"),
    ]
    page = member_client.get(url).content.decode()
    assert "The hall was under renovation in May." in page and "Closed from 6 to 24 May." in page
    data = api_client_for(partner_admin).get(f"/api/v1/covenants/{committed.pk}/").json()
    assert [c["kind"] for c in data["versions"][0]["city_commitments"]] == ["funding", "space"]
    assert data["city_reports"][0]["state"] == "accepted"
    assert len(data["city_reports"][0]["review_thread"]) == 3


def test_outsiders_get_404_on_the_citys_report(committed, other_client):
    period = committed.periods.first()
    assert other_client.get(reverse("covenants:city_report", args=[committed.pk, period.pk])).status_code == 404


def test_what_changed_names_the_citys_commitments(committed, partner_admin, staff_client):
    from covenants.diff import diff_versions
    from covenants.selectors import versions_queryset

    draft = services.version_propose(covenant=committed, by=partner_admin, side=Side.PARTNER)
    first, second = COMMITMENTS
    services.version_save_draft(
        terms=draft,
        expected_version=None,
        commitments=[
            services.CommitmentData(first.kind, first.description, key=draft.city_commitments.get(kind="funding").key),
            services.CommitmentData(CityCommitment.Kind.CONTACT, "A contact person answers within a week."),
        ],
    )
    diff = diff_versions(versions_queryset().get(number=1, covenant=committed), versions_queryset().get(pk=draft.pk))
    assert [(c.before, c.after) for c in diff.commitments] == [
        ("—", "A contact person answers within a week."),
        (second.description, "—"),
    ]
    page = staff_client.get(reverse("covenants:version", args=[committed.pk, 2])).content.decode()
    assert "A contact person answers within a week." in page
