"""The notification pages in a real browser, in Dutch and English, on a desktop and a phone: the bell, 'Waiting for
you' on the home page and as a page, the notification list, the e-mail choices and the unsubscribe page."""

import pytest

from notifications.tokens import unsubscribe_token
from offers import services as offer_services
from offers.models import Collaboration
from tests import factories
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def waiting(partner_org, partner_admin, other_org, other_admin):
    """An invitation for the partner to answer, and news of an answer for the other organisation."""
    invited = offer_services.collaboration_create(
        collaboration=Collaboration(name="Zomerwerking Brugse Poort", coordinator=other_org),
        members=[partner_org],
        links={},
        by=other_admin,
    )
    mine = offer_services.collaboration_create(
        collaboration=Collaboration(name="Huiswerkklas Rabot", coordinator=partner_org),
        members=[other_org],
        links={},
        by=partner_admin,
    )
    member = mine.members.get(organisation=other_org)
    offer_services.collaboration_answer(member=member, accept=True, by=factories.member(other_org, full_name="Omar"))
    return invited


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_notification_pages(visit, waiting, partner_admin, language):
    person = visit(language)
    person.login(partner_admin.email, PASSWORD)
    person.goto("/")
    assert person.page.locator("header .bell .bell-count").inner_text() == "2"  # invited, and an answer
    assert person.page.locator("#todo-title").count() == 1
    person.check(f"home-{language}")
    for path, name in [
        ("/wacht-op-jou/", "todo"),
        ("/meldingen/", "notifications"),
        ("/meldingen/voorkeuren/", "preferences"),
        (f"/meldingen/afmelden/{unsubscribe_token(partner_admin.pk, 'collaborations')}/", "unsubscribe"),
    ]:
        person.goto(path)
        person.check(f"{name}-{language}")
    person.goto("/meldingen/")
    person.press_enter_on("main form.mark-all button")
    assert person.page.locator("header .bell .bell-count").count() == 0
