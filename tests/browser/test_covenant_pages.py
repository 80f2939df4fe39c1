"""The covenant pages of the portfolio and the equal-partners work in a real browser, in Dutch and in English:
axe finds nothing, no console errors, no horizontal scrolling (``Visit.check``)."""

from datetime import date
from decimal import Decimal

import pytest

from covenants import services
from covenants.models import CityCommitment
from tests.covenants.conftest import agree, fill_draft, make_covenant
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def covenant_data(city_org, partner_org, city_staff, partner_admin, partner_member):
    covenant = make_covenant(
        city_org, partner_org, by=city_staff, starts_on=date(2025, 1, 1), ends_on=date(2026, 12, 31)
    )
    terms = fill_draft(
        covenant.versions.get(number=1),
        budget={2025: Decimal(50000), 2026: Decimal(52000)},
    )
    services.version_save_draft(
        terms=terms,
        expected_version=None,
        commitments=[services.CommitmentData(CityCommitment.Kind.FUNDING, "The subsidy is paid before 31 March.")],
    )
    agree(covenant, city_staff, partner_admin)
    period = covenant.periods.get(starts_on=date(2025, 1, 1))
    report = services.report_start(period=period, by=partner_member)
    services.city_report_start(period=period, by=city_staff)
    services.document_upload(
        covenant=covenant,
        by=partner_admin,
        content=b"%PDF-1.7\n%%EOF\n",
        file_name="agreement.pdf",
        title="Signed agreement",
        no_child_data_confirmed=True,
    )
    return {"covenant": covenant, "period": period, "report": report}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_new_covenant_pages_are_accessible_in_both_languages(
    visit, covenant_data, partner_admin, city_staff, language
):
    covenant, period = covenant_data["covenant"], covenant_data["period"]
    staff = visit(language)
    staff.login(city_staff.email, PASSWORD)
    for name, path in [
        ("portfolio", "/convenanten/overzicht/"),
        ("city-report", f"/convenanten/{covenant.pk}/stadsrapporten/{period.pk}/"),
        ("documents-city", f"/convenanten/{covenant.pk}/documenten/"),
    ]:
        staff.goto(path)
        staff.check(f"{language}-covenant-{name}")
    staff.close()
    partner = visit(language)
    partner.login(partner_admin.email, PASSWORD)
    for name, path in [
        ("propose", "/convenanten/voorstellen/"),
        ("report", f"/convenanten/{covenant.pk}/rapporten/{period.pk}/"),
        ("documents", f"/convenanten/{covenant.pk}/documenten/"),
    ]:
        partner.goto(path)
        partner.check(f"{language}-covenant-{name}")
    partner.close()
