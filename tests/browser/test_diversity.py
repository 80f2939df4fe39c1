"""The staff-diversity pages in a real browser, in Dutch and English: the public page with its chart, an
organisation's own figures, the report form (with a refused count) and the coordinators' page."""

import pytest

from diversity.selectors import first_open_year
from organisations.models import Membership
from tests import factories
from tests.diversity.conftest import file_report
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reports(partner_org, partner_admin, city_org, city_staff):
    file_report(partner_org, year=first_open_year() - 1, staff=20, by=partner_admin)
    file_report(partner_org, staff=22, by=partner_admin)
    for i in range(5):
        file_report(factories.organisation(name=f"Vzw Divers {i}"), staff=15 + i)
    file_report(city_org, staff=40, counts={"staff_disability_yes": 3, "staff_gender_women": 25})
    Membership.objects.filter(user=city_staff).update(is_charter_coordinator=True)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_diversity_pages_are_accessible(
    visit, reports, partner_org, partner_admin, city_staff, city_admin, language
):
    year = first_open_year()
    person = visit(language)
    person.goto("/diversiteit/")
    assert person.page.locator("main svg").count() == 1
    person.check("public")

    person.login(partner_admin.email, PASSWORD)
    for name, path in [
        ("mine", "/diversiteit/mijn/"),
        ("organisation", f"/diversiteit/organisaties/{partner_org.slug}/"),
        ("report", f"/diversiteit/organisaties/{partner_org.slug}/{year}/"),
    ]:
        person.goto(path)
        person.check(name)
    person.page.fill("#id_staff_gender_women", "99")
    person.page.locator("main button[type=submit]").first.click()
    person.page.wait_for_load_state()
    assert person.page.locator(".error-summary").count() == 1
    # The refused form answers 400 on purpose; Chromium logs that status of the page itself as a console error.
    assert person.console_errors == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    person.console_errors.clear()
    person.check("report-refused")
    person.close()

    coordinator = visit(language)
    coordinator.login(city_staff.email, PASSWORD)
    coordinator.goto(f"/diversiteit/organisaties/{partner_org.slug}/")
    coordinator.check("organisation-coordinator")
    coordinator.close()

    admin = visit(language)
    admin.login(city_admin.email, PASSWORD)
    admin.goto("/organisaties/coordinatoren/")
    admin.check("coordinators")
    admin.close()
