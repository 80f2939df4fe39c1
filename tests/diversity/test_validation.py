"""A report's figures hold together; bad input changes nothing; corrections stay in the history."""

import pytest
from django.core.exceptions import ValidationError

from diversity import categories
from diversity.models import DiversityReport
from tests.diversity.conftest import LAST, even_counts, file_report

pytestmark = pytest.mark.django_db


def test_not_known_makes_up_the_rest_of_each_category(partner_org):
    report = file_report(partner_org, staff=20, counts={"staff_gender_women": 12, "staff_gender_men": 5})
    figures = report.figures()
    assert figures["staff_gender_not_known"] == 3
    assert figures["staff_age_not_known"] == 20
    assert figures["leadership_total"] == 6


def test_a_count_larger_than_the_total_is_refused(partner_org):
    with pytest.raises(ValidationError) as refused:
        file_report(partner_org, staff=10, counts={"staff_disability_yes": 11})
    assert "larger than the total (10)" in str(refused.value.message_dict["staff_disability_yes"])
    assert not DiversityReport.objects.exists()


def test_a_category_cannot_add_up_to_more_than_the_total(partner_org):
    with pytest.raises(ValidationError) as refused:
        file_report(partner_org, staff=10, counts={"staff_age_under_26": 6, "staff_age_from_45": 6})
    assert "more than the total (10)" in str(refused.value.message_dict["staff_age_under_26"])
    assert not DiversityReport.objects.exists()


def test_the_problems_are_found_without_a_database():
    assert categories.problems({"staff": 5, "leadership": 0}, {"staff_gender_women": 5}) == []
    found = dict(categories.problems({"staff": 5, "leadership": 0}, {"leadership_gender_men": 1}))
    assert "leadership_gender_men" in found


def test_a_year_opens_only_when_it_has_ended(partner_org):
    with pytest.raises(ValidationError) as refused:
        file_report(partner_org, year=LAST + 1)
    assert "year" in refused.value.message_dict


def test_the_narrative_goes_through_the_personal_data_guard(partner_org):
    with pytest.raises(ValidationError) as refused:
        file_report(partner_org, narrative="Ask jan.peeters@example.org about our diversity plan.")
    assert "e-mail address" in " ".join(refused.value.message_dict["narrative"])


def test_an_earlier_year_never_reported_can_be_filed_and_a_correction_keeps_the_history(partner_org, partner_admin):
    file_report(partner_org, year=LAST - 3, staff=20, by=partner_admin)
    report = file_report(partner_org, year=LAST - 3, staff=24, by=partner_admin)
    assert DiversityReport.objects.filter(organisation=partner_org).count() == 1
    assert [h.paid_staff for h in report.history.order_by("history_date")] == [20, 24]
    assert [h.history_change_reason for h in report.history.order_by("history_date")] == ["filed", "corrected"]


def test_the_form_refuses_bad_counts_and_saves_nothing(admin_client_, partner_org):
    data = {
        "reference_date": f"{LAST}-12-31",
        "paid_staff": 10,
        "volunteers": 2,
        "leadership": 4,
        **even_counts(10, 4),
        "staff_gender_women": 11,
    }
    response = admin_client_.post(f"/diversiteit/organisaties/{partner_org.slug}/{LAST}/", data)
    assert response.status_code == 400
    assert "This count is larger than the total (10)." in response.content.decode()
    assert 'class="error-summary' in response.content.decode() or "error-summary" in response.content.decode()
    assert not DiversityReport.objects.exists()


def test_the_form_files_a_report(admin_client_, partner_org):
    data = {"reference_date": f"{LAST}-12-31", "paid_staff": 10, "volunteers": 2, "leadership": 4, **even_counts(10, 4)}
    response = admin_client_.post(f"/diversiteit/organisaties/{partner_org.slug}/{LAST}/", data)
    assert response.status_code == 302
    report = DiversityReport.objects.get()
    assert report.paid_staff == 10 and report.counts["staff_gender_women"] == 5


def test_the_correction_form_shows_the_filed_figures(admin_client_, partner_org, partner_admin):
    file_report(partner_org, staff=20, by=partner_admin)
    body = admin_client_.get(f"/diversiteit/organisaties/{partner_org.slug}/{LAST}/").content.decode()
    assert f'value="{LAST}-12-31"' in body
    assert 'name="paid_staff" value="20"' in body
