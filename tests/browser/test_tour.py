"""Every page in the menu of every role, in a real browser: the same checks as the journeys' pages.

Each role opens each page its menu offers (a page already checked for an earlier role is not checked again),
with some data on it: an offer, a signal, a covenant and a charter signature.
"""

import pytest

from tests import factories
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def some_of_everything(partner_org, partner_admin, city_org, city_staff):
    from charter.services import charter_sign
    from covenants import services as covenants
    from covenants.models import Side
    from signals.services import signal_report
    from tests.covenants.conftest import fill_draft, make_covenant

    factories.offer(partner_org, title="Speelnamiddag", neighbourhoods=[factories.neighbourhood(3)])
    charter_sign(
        organisation=partner_org,
        user=partner_admin,
        signer_name="Ada Admin",
        signer_role="Voorzitter",
        authorised=True,
        password=PASSWORD,
    )
    signal_report(
        by=partner_admin,
        organisation=partner_org,
        title="Geen speelruimte",
        description="Het speelplein is al maanden dicht.",
        themes=["welfare"],
        city_wide=True,
        children_affected="6-20",
    )
    covenant = make_covenant(city_org, partner_org, by=city_staff)
    covenants.version_submit(terms=fill_draft(covenant.versions.get(number=1)), by=city_staff, side=Side.CITY)


def test_it_serves_every_menu_page_accessibly_to_every_role(
    visit, some_of_everything, partner_member, partner_admin, city_staff, city_admin
):
    seen = set()
    for who in [None, partner_member, partner_admin, city_staff, city_admin]:
        person = visit("nl")
        if who is None:
            person.goto("/")
        else:
            person.login(who.email, PASSWORD)
        sections = person.page.locator("nav.main-nav a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert sections, "the menu is empty"
        links = []
        for section in sections:  # each section's own menu lists its pages
            person.goto(section)
            links += person.page.locator("nav.sub-nav a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        for path in dict.fromkeys(sections + links):
            if path in seen:
                continue
            seen.add(path)
            person.goto(path)
            person.check(path.strip("/").replace("/", "-") or "home")
        person.close()
    assert len(seen) >= 10
