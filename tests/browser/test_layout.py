"""The base layout in a real browser: accessible, usable by keyboard, no horizontal scrolling at 320 px."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_serves_accessible_public_pages(visit, language):
    person = visit(language)  # check() looks at each page at desktop size, at 320 px and at 200 % text size
    for path, name in [("/", "home"), ("/functies/", "functions"), ("/toegankelijkheid/", "accessibility")]:
        person.goto(path)
        assert person.page.locator("html").get_attribute("lang") == language
        person.check(name)


def test_it_lets_keyboard_users_skip_to_the_content(visit):
    person = visit()
    person.goto("/")
    person.page.keyboard.press("Tab")
    focused = person.page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    person.page.keyboard.press("Enter")
    assert person.page.evaluate("document.activeElement.id") == "main"


def test_it_switches_language_with_the_keyboard(visit):
    person = visit("nl")
    person.goto("/")
    assert person.page.locator("h1").inner_text().startswith("Samen")
    person.page.focus("button[name=language][value=en]")
    with person.page.expect_navigation():
        person.page.keyboard.press("Enter")
    assert person.page.locator("html").get_attribute("lang") == "en"


def test_it_keeps_content_usable_at_200_percent_text_zoom(visit):
    person = visit("nl", "desktop")
    person.goto("/")
    person.page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert not person.page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
    ), "text zoom to 200% makes the page scroll horizontally"
    assert person.page.locator("h1").is_visible()


def test_its_accessibility_check_catches_a_violation(browser):
    from tests.browser.conftest import assert_accessible

    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html lang="nl"><body><main><img src="x.png"><input type="text"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
    context.close()


def test_its_focus_check_catches_an_invisible_focus(browser):
    from tests.browser.conftest import has_visible_focus

    context = browser.new_context()
    page = context.new_page()
    page.set_content(
        '<html lang="nl"><head><style>button:focus { outline: none; box-shadow: none; }</style></head>'
        "<body><main><a href='#x'>Zichtbaar</a><button>Onzichtbaar</button></main></body></html>"
    )
    page.keyboard.press("Tab")
    assert has_visible_focus(page.locator("a"))
    page.keyboard.press("Tab")
    assert not has_visible_focus(page.locator("button"))
    context.close()
