"""Reports per reporting period: the partner reports, the city reviews (accept or ask for a revision)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from covenants import services
from covenants.models import Report, ReportingPeriod
from covenants.selectors import actuals_by_key, covenant_detail_queryset

pytestmark = pytest.mark.django_db


def _values_post(report, **overrides):
    data = {"version": report.version}
    for value in report.values.select_related("indicator"):
        prefix = f"v{value.indicator_id}"
        if value.indicator.is_quantitative:
            data[f"{prefix}-actual"] = "118"
        data[f"{prefix}-narrative"] = "Many new faces after the summer."
    data.update(overrides)
    return data


def test_it_runs_the_review_round_trip(
    agreed_covenant, member_client, staff_client, city_staff, django_capture_on_commit_callbacks
):
    period = agreed_covenant.periods.get(starts_on=date(2026, 1, 1))
    url = reverse("covenants:report", args=[agreed_covenant.pk, period.pk])

    assert member_client.post(url, {"start": "1"}).status_code == 302
    report = Report.objects.get(period=period)
    assert report.values.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(url, {**_values_post(report), "submit": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == Report.State.SUBMITTED
    assert [m.to for m in mail.outbox] == [[city_staff.email]]
    assert "wacht op jouw beoordeling" in mail.outbox[0].subject  # city staff read Dutch by default

    # Submitted: the partner can no longer change it.
    assert member_client.post(url, _values_post(report, version=report.version)).status_code == 403

    review = reverse("covenants:report_review", args=[agreed_covenant.pk, period.pk])
    assert staff_client.post(review, {"decision": "revise", "comment": ""}).status_code == 302
    report.refresh_from_db()
    assert report.state == Report.State.SUBMITTED  # a revision needs a comment
    staff_client.post(review, {"decision": "revise", "comment": "Please explain the drop in spring."})
    report.refresh_from_db()
    assert report.state == Report.State.REVISION_REQUESTED
    assert "explain the drop" in member_client.get(url).content.decode()

    quant = report.values.get(indicator__kind="quantitative")
    response = member_client.post(
        url,
        {
            **_values_post(report, **{f"v{quant.indicator_id}-narrative": "Renovation closed the house in April."}),
            "submit": "1",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == Report.State.SUBMITTED
    assert report.values.get(pk=quant.pk).narrative == "Renovation closed the house in April."

    staff_client.post(review, {"decision": "accept", "comment": "Thank you."})
    report.refresh_from_db()
    assert report.state == Report.State.ACCEPTED
    assert report.reviewed_by == city_staff


def test_it_refuses_reviews_by_the_partner_and_reports_by_the_city(
    agreed_covenant, member_client, staff_client, partner_member
):
    period = agreed_covenant.periods.first()
    url = reverse("covenants:report", args=[agreed_covenant.pk, period.pk])
    assert staff_client.post(url, {"start": "1"}).status_code == 403
    report = services.report_start(period=period, by=partner_member)
    services.report_save(
        report=report, expected_version=None, values={v.indicator_id: (Decimal(1), "fine") for v in report.values.all()}
    )
    services.report_submit(report=report, by=partner_member)
    review = reverse("covenants:report_review", args=[agreed_covenant.pk, period.pk])
    assert member_client.post(review, {"decision": "accept"}).status_code == 403
    assert Report.objects.get(pk=report.pk).state == Report.State.SUBMITTED


def test_it_refuses_a_report_without_an_agreed_version(covenant, member_client):
    period = covenant.periods.first()
    member_client.post(reverse("covenants:report", args=[covenant.pk, period.pk]), {"start": "1"})
    assert not Report.objects.exists()


def test_it_accepts_numbers_only_and_guards_narratives_against_personal_data(
    agreed_covenant, member_client, partner_member
):
    period = agreed_covenant.periods.first()
    report = services.report_start(period=period, by=partner_member)
    url = reverse("covenants:report", args=[agreed_covenant.pk, period.pk])
    quant = report.values.get(indicator__kind="quantitative")
    qual = report.values.get(indicator__kind="qualitative")
    response = member_client.post(
        url,
        _values_post(
            report,
            **{
                f"v{quant.indicator_id}-actual": "about forty",
                f"v{qual.indicator_id}-narrative": "Ask lena@example.org",
            },
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "e-mail" in page
    assert report.values.filter(actual__isnull=False).count() == 0
    assert not report.values.filter(narrative__contains="lena").exists()


def test_it_refuses_submitting_an_incomplete_report(agreed_covenant, member_client, partner_member):
    period = agreed_covenant.periods.first()
    report = services.report_start(period=period, by=partner_member)
    quant = report.values.get(indicator__kind="quantitative")
    url = reverse("covenants:report", args=[agreed_covenant.pk, period.pk])
    member_client.post(url, {**_values_post(report, **{f"v{quant.indicator_id}-actual": ""}), "submit": "1"})
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT


def test_it_refuses_a_stale_report_save(agreed_covenant, member_client, partner_member):
    period = agreed_covenant.periods.first()
    report = services.report_start(period=period, by=partner_member)
    url = reverse("covenants:report", args=[agreed_covenant.pk, period.pk])
    old_version = report.version
    member_client.post(url, _values_post(report))
    response = member_client.post(url, _values_post(report, version=old_version), follow=True)
    assert any("Someone else" in str(m) or "Iemand" in str(m) for m in response.context["messages"])


def test_it_charts_target_against_accepted_actuals(agreed_covenant, partner_member, city_staff, staff_client):
    period = agreed_covenant.periods.get(starts_on=date(2026, 1, 1))
    report = services.report_start(period=period, by=partner_member)
    services.report_save(
        report=report, expected_version=None, values={v.indicator_id: (Decimal(118), "ok") for v in report.values.all()}
    )
    services.report_submit(report=report, by=partner_member)
    services.report_review(report=report, by=city_staff, accept=True)
    covenant = covenant_detail_queryset().get(pk=agreed_covenant.pk)
    key = covenant.versions.get(number=1).indicators.get(kind="quantitative").key
    assert actuals_by_key(covenant) == {key: {2026: Decimal("118.00")}}
    url = reverse("covenants:detail", args=[agreed_covenant.pk])
    page = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "<svg" in page and "<desc" in page
    assert "120,00" in page and "118,00" in page  # Dutch number format in the text alternative
    page = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "120.00" in page and "118.00" in page  # and the English one


def test_it_adds_a_custom_reporting_period_within_the_covenant(covenant, staff_client, other_client):
    url = reverse("covenants:period_add", args=[covenant.pk])
    staff_client.post(url, {"starts_on": "2026-01-01", "ends_on": "2026-06-30"})  # starts on an existing period
    staff_client.post(url, {"starts_on": "2026-07-01", "ends_on": "2030-06-30"})  # beyond the covenant
    assert ReportingPeriod.objects.filter(covenant=covenant).count() == 2
    staff_client.post(url, {"starts_on": "2026-07-01", "ends_on": "2026-12-31"})
    assert ReportingPeriod.objects.filter(covenant=covenant).count() == 3
    assert other_client.post(url, {"starts_on": "2026-08-01", "ends_on": "2026-12-31"}).status_code == 404
