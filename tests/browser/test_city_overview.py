"""The city's monthly overview in a real browser, in Dutch and English: every block filled, the leisure chart from
two monthly snapshots, axe at desktop and phone size, no horizontal scrolling."""

import datetime

import pytest

from neighbourhoods.services import coverage_snapshot_take
from tests import factories
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def month(partner_org, partner_member, city_org, city_staff):
    from covenants import services as covenants
    from covenants.models import Side
    from signals.services import signal_report
    from tests.covenants.conftest import fill_draft, make_covenant

    today = datetime.date.today()
    factories.offer(partner_org, title="Speelnamiddag", neighbourhoods=[factories.neighbourhood(3)])
    coverage_snapshot_take(day=today.replace(day=1) - datetime.timedelta(days=40))
    coverage_snapshot_take(day=today.replace(day=1))
    signal_report(
        by=partner_member,
        organisation=partner_org,
        title="Geen speelruimte",
        description="Het speelplein is al maanden dicht.",
        themes=["welfare"],
        city_wide=True,
        children_affected="6-20",
    )
    covenant = make_covenant(city_org, partner_org, by=city_staff)
    covenants.version_submit(terms=fill_draft(covenant.versions.get(number=1)), by=city_staff, side=Side.CITY)
    factories.organisation(name="Nieuwe jeugdwerking", is_approved=False)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_monthly_overview_is_accessible(visit, month, city_staff, language):
    person = visit(language)
    person.login(city_staff.email, PASSWORD)
    person.goto("/stad/overzicht/")
    assert person.page.locator("main svg[role=img] circle").count() == 2
    assert person.page.locator("main h2").count() >= 8
    person.check("overview")
    person.close()
