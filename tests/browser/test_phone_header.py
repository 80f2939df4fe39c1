"""On a phone the header folds behind a menu button: content starts within the first 200 px at 375 px wide."""

import pytest

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_phone_header_is_compact_and_opens_the_menu(visit, partner_admin, language):
    person = visit(language)
    person.login(partner_admin.email, PASSWORD)
    page = person.page
    page.set_viewport_size({"width": 375, "height": 740})
    person.goto("/signalen/")
    content_top = page.locator("main h1").first.bounding_box()["y"]
    assert content_top < 200, f"the content starts at {content_top:.0f} px"
    toggle = page.locator("header .menu-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert ("Signalen" if language == "nl" else "Signals") in toggle.inner_text()  # the current section
    assert not page.locator("nav.main-nav").is_visible()
    assert page.locator("header .bell").is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("nav.main-nav").is_visible() and page.locator("header .logout-form").is_visible()
    person.check(f"phone-header-open-{language}")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not toggle.is_visible() and page.locator("nav.main-nav").is_visible()
