"""The page header is kept per audience, language, day and menu item (charter_portal/templatetags/portal_header.py);
the bell's unread count is kept per person (notifications.selectors.unread_count). Neither ever shows one person,
request or page what belongs to another."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_lazy as _

from charter_portal import caching
from charter_portal.templatetags.portal_header import BELL_PLACEHOLDER, NEXT_PLACEHOLDER
from notifications import services
from notifications.kinds import register_kind
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db

register_kind("tests.header-ping", category="signals", title=_("{actor} pinged “{thing}”"))
PAGE = "/toegankelijkheid/"


def committed(write):
    """Run ``write`` and its after-commit work (the domain bumps), as a committed request would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return write()


def ping(*recipients):
    return committed(lambda: services.notify("tests.header-ping", recipients, params={"thing": "Speelplein"}))


def client_for(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def bell_count(html: str) -> str | None:
    found = re.search(r'<span class="bell-count" aria-hidden="true">([^<]+)</span>', html)
    return found.group(1) if found else None


def tokens(html: str) -> set:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))


def header_rendered(response) -> bool:
    return "_page_header.html" in [template.name for template in response.templates]


@pytest.fixture
def colleagues(partner_org):
    """Two members of one organisation with the same role: one audience, so one kept header."""
    one = factories.member(partner_org, email="een@brug.example", full_name="Eerste Collega")
    two = factories.member(partner_org, email="twee@brug.example", full_name="Tweede Collega")
    caching.forget_pending()  # the fixtures' rows count as committed
    return one, two


def test_colleagues_share_the_kept_header_but_each_sees_their_own_count_token_and_path(colleagues):
    one, two = colleagues
    ping(one)
    ping(one)
    first, second = client_for(one), client_for(two)
    mine = first.get(f"{PAGE}?van=een")
    assert header_rendered(mine)
    theirs = second.get(f"{PAGE}?van=twee")
    assert not header_rendered(theirs)  # the header kept for the first colleague's audience
    mine_html, theirs_html = mine.content.decode(), theirs.content.decode()
    assert bell_count(mine_html) == "2" and bell_count(theirs_html) is None
    assert 'name="next" type="hidden" value="/toegankelijkheid/?van=twee"' in theirs_html
    assert "van=een" not in theirs_html and "Eerste Collega" not in theirs_html
    assert tokens(mine_html).isdisjoint(tokens(theirs_html))
    for placeholder in (caching.CSRF_PLACEHOLDER, NEXT_PLACEHOLDER, BELL_PLACEHOLDER):
        assert placeholder not in mine_html and placeholder not in theirs_html
    # The token in the kept header is the second person's own: the language switch posts through CSRF protection.
    (token,) = tokens(theirs_html)
    switched = second.post("/i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "en", "next": PAGE})
    assert switched.status_code == 302


def test_the_next_path_of_the_language_switch_is_escaped(colleagues):
    one, _two = colleagues
    html = client_for(one).get(f"{PAGE}?a=1&b=2").content.decode()
    assert 'name="next" type="hidden" value="/toegankelijkheid/?a=1&amp;b=2"' in html


def test_a_new_notification_and_reading_it_change_the_bell_on_the_next_request(colleagues):
    one, _two = colleagues
    client = client_for(one)
    assert bell_count(client.get(PAGE).content.decode()) is None
    with CaptureQueriesContext(connection) as queries:
        client.get(PAGE)
    assert not [query for query in queries.captured_queries if "notifications_notification" in query["sql"]]
    (row,) = ping(one)
    assert bell_count(client.get(PAGE).content.decode()) == "1"
    committed(lambda: services.mark_read(one, row.pk))
    assert bell_count(client.get(PAGE).content.decode()) is None
    ping(one)
    ping(one)
    assert bell_count(client.get(PAGE).content.decode()) == "2"
    committed(lambda: services.mark_all_read(one))
    assert bell_count(client.get(PAGE).content.decode()) is None
    assert not Notification.objects.filter(recipient=one, read_at__isnull=True).exists()


def test_the_bell_is_marked_current_on_the_notifications_page_only(colleagues):
    one, _two = colleagues
    client = client_for(one)
    assert 'class="bell" href="/meldingen/" aria-current="page"' in client.get("/meldingen/").content.decode()
    assert 'class="bell" href="/meldingen/">' in client.get(PAGE).content.decode()


def test_people_who_may_see_other_pages_get_another_header(colleagues, city_staff):
    one, _two = colleagues
    partner_html = client_for(one).get(PAGE).content.decode().split("</header>")[0]
    staff_html = client_for(city_staff).get(PAGE).content.decode().split("</header>")[0]
    overview = 'href="/stad/overzicht/"'  # the city's monthly overview: city staff only
    assert overview in staff_html
    assert overview not in partner_html
    visitor_html = Client().get(PAGE).content.decode().split("</header>")[0]
    assert 'class="bell"' not in visitor_html and 'class="login-link"' in visitor_html


def test_each_language_its_own_header(colleagues):
    one, _two = colleagues
    client = client_for(one)
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "nl"})
    dutch = client.get(PAGE).content.decode().split("</header>")[0]
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})
    english = client.get(PAGE).content.decode().split("</header>")[0]
    assert "Afmelden" in dutch and "Log out" in english
    assert "Log out" not in dutch and "Afmelden" not in english
