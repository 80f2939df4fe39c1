"""A report shows baseline, target and last year's actual beside each value; reviews are kept as a thread."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from covenants import services
from covenants.models import Report, ReportNote
from covenants.selectors import reports_queryset, value_context
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db


def _report(covenant, year, by, actual="118", submit=True):
    period = covenant.periods.get(starts_on=date(year, 1, 1))
    report = services.report_start(period=period, by=by)
    values = {
        v.indicator_id: (Decimal(actual) if v.indicator.is_quantitative else None, f"Story of {year}")
        for v in report.values.select_related("indicator")
    }
    services.report_save(report=report, expected_version=None, values=values)
    if submit:
        services.report_submit(report=report, by=by)
    return report


def test_value_context_holds_baseline_target_and_last_years_actual(agreed_covenant, partner_member):
    _report(agreed_covenant, 2026, partner_member, actual="118")
    second = _report(agreed_covenant, 2027, partner_member, actual="131", submit=False)
    context = value_context(reports_queryset().get(pk=second.pk))
    quant = next(c for i, c in context.items() if c["baseline"] is not None)
    assert (quant["year"], quant["baseline"], quant["target"], quant["last_actual"]) == (
        2027,
        Decimal(100),
        Decimal(140),
        Decimal(118),
    )
    qual = next(c for c in context.values() if c["baseline"] is None)
    assert qual["last_narrative"] == "Story of 2026"


def test_a_draft_of_last_year_does_not_count_as_last_years_actual(agreed_covenant, partner_member):
    _report(agreed_covenant, 2026, partner_member, actual="118", submit=False)
    second = _report(agreed_covenant, 2027, partner_member, submit=False)
    assert not any(c["has_last"] for c in value_context(reports_queryset().get(pk=second.pk)).values())


def test_the_report_form_and_the_review_show_the_context(agreed_covenant, partner_member, member_client, staff_client):
    _report(agreed_covenant, 2026, partner_member, actual="118")
    second = _report(agreed_covenant, 2027, partner_member, actual="131", submit=False)
    url = reverse("covenants:report", args=[agreed_covenant.pk, second.period_id])
    form_page = member_client.get(url).content.decode()
    for text in ("Baseline", "100.00 children", "Target 2027", "140.00 children", "Actual 2026", "118.00 children"):
        assert text in form_page
    services.report_submit(report=second, by=partner_member)
    review_page = staff_client.get(url).content.decode()
    assert "Target 2027" in review_page and "140.00" in review_page and "118.00" in review_page
    assert "Record review" in review_page


def test_the_revision_comment_survives_acceptance_in_the_thread(
    agreed_covenant, partner_member, city_staff, member_client, staff_client
):
    report = _report(agreed_covenant, 2026, partner_member)
    services.report_review(report=report, by=city_staff, accept=False, comment="Please explain the drop in spring.")
    url = reverse("covenants:report", args=[agreed_covenant.pk, report.period_id])
    report.refresh_from_db()
    data = {"version": report.version, "submit": "1", "answer": "The youth house was closed for works."}
    for value in report.values.select_related("indicator"):
        if value.indicator.is_quantitative:
            data[f"v{value.indicator_id}-actual"] = "110"
        data[f"v{value.indicator_id}-narrative"] = "Explained."
    assert member_client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.state == Report.State.SUBMITTED
    services.report_review(report=report, by=city_staff, accept=True, comment="Clear, thank you.")
    kinds = list(ReportNote.objects.filter(report=report).values_list("kind", "side", "body"))
    assert kinds == [
        ("revision_requested", "city", "Please explain the drop in spring."),
        ("answer", "partner", "The youth house was closed for works."),
        ("accepted", "city", "Clear, thank you."),
    ]
    page = member_client.get(url).content.decode()
    assert "Please explain the drop in spring." in page
    assert "The youth house was closed for works." in page
    assert "Clear, thank you." in page
    thread = api_client_for(partner_member).get(f"/api/v1/covenants/{agreed_covenant.pk}/").json()["reports"][0]
    assert [n["kind"] for n in thread["review_thread"]] == ["revision_requested", "answer", "accepted"]
    assert thread["review_comment"] == "Clear, thank you."


def test_an_answer_with_personal_data_is_refused_and_changes_nothing(
    agreed_covenant, partner_member, city_staff, member_client
):
    report = _report(agreed_covenant, 2026, partner_member)
    services.report_review(report=report, by=city_staff, accept=False, comment="Please explain.")
    report.refresh_from_db()
    url = reverse("covenants:report", args=[agreed_covenant.pk, report.period_id])
    data = {"version": report.version, "submit": "1", "answer": "Call jan.peeters@example.com on 0470 12 34 56."}
    for value in report.values.select_related("indicator"):
        if value.indicator.is_quantitative:
            data[f"v{value.indicator_id}-actual"] = "110"
        data[f"v{value.indicator_id}-narrative"] = "Explained."
    response = member_client.post(url, data)
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.state == Report.State.REVISION_REQUESTED
    assert not ReportNote.objects.filter(kind="answer").exists()
