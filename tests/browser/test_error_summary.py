"""The error summary in a real browser: after a failed submit it has the focus, its links move the focus to their
fields, a field's error is as wide as the field, and the page passes axe. Screenshots of the forms with errors, in
Dutch and English at 1280 and 375 px, go to ``test-artifacts/forms/`` for a person to look at."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import assert_accessible, has_visible_focus, save_screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORMS = Path(settings.BASE_DIR) / "test-artifacts" / "forms"
WIDTHS = (1280, 375)


def summary_has_focus(page) -> bool:
    return page.evaluate("document.activeElement.matches('[data-error-summary]')")


def submit_empty(person, path):
    person.goto(path)
    person.press_enter_on("main form.form button[type=submit]")
    person.page.wait_for_selector("[data-error-summary]")


def screenshots(person, name, language):
    for width in WIDTHS:
        person.page.set_viewport_size({"width": width, "height": 900})
        path = FORMS / f"{name}-{language}-{width}.png"
        problem = save_screenshot(person.page, path)
        assert problem is None and path.stat().st_size > 0, f"no screenshot of the {name} form: {problem}"
    person.page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_summary_takes_the_focus_and_leads_to_the_fields(visit, language):
    person = visit(language)
    submit_empty(person, "/organisaties/registreren/")

    assert summary_has_focus(person.page), "the summary does not have the focus after a failed submit"
    summary = person.page.locator("[data-error-summary]")
    assert has_visible_focus(summary)
    title = summary.locator("h2").inner_text()
    assert title == {"nl": "Er is een probleem", "en": "There is a problem"}[language]
    person.check("register-errors")
    screenshots(person, "register", language)

    # Tab to the first link and follow it: the focus is on the name field, its label in view.
    person.page.focus("[data-error-summary]")
    person.page.keyboard.press("Tab")
    assert person.page.evaluate("document.activeElement.getAttribute('href')") == "#id_name"
    person.page.keyboard.press("Enter")
    assert person.page.evaluate("document.activeElement.id") == "id_name"
    assert person.page.locator("label[for=id_name]").is_visible()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_offer_form_shows_each_error_as_wide_as_its_field(visit, partner_admin, language):
    person = visit(language)
    person.login(partner_admin.email, PASSWORD)
    submit_empty(person, "/aanbod/mijn-aanbod/nieuw/")

    assert summary_has_focus(person.page)
    for width in WIDTHS:
        person.page.set_viewport_size({"width": width, "height": 900})
        for error in person.page.locator(".offer-form .field-error .errorlist li").all():
            # The width the field's parts have: its box (or its group's fieldset) less the padding.
            field_width = error.evaluate(
                """el => {
                    const box = el.closest(".errorlist").parentElement.parentElement, style = getComputedStyle(box);
                    return box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                }"""
            )
            error_width = error.evaluate("el => el.getBoundingClientRect().width")
            assert error_width >= field_width - 1, f"an error {error_width:.0f} px wide in a {field_width:.0f} px field"
    person.page.set_viewport_size({"width": 1280, "height": 900})
    person.check("offer-errors")
    screenshots(person, "offer", language)

    # A link to a group of check boxes leads to its first box.
    person.page.locator("[data-error-summary] a[href='#id_functions_0']").click()
    assert person.page.evaluate("document.activeElement.id") == "id_functions_0"


def test_the_summary_wins_over_a_field_that_asks_for_the_focus(visit):
    """The login form focuses its first field; after a failed login the summary has the focus instead."""
    person = visit("nl")
    person.goto("/account/login/")
    assert person.page.evaluate("document.activeElement.name") == "username"
    person.type_into("input[name=username]", "niemand@example.org")
    person.type_into("input[name=password]", "fout")
    person.press_enter_on("main button[type=submit]")

    assert summary_has_focus(person.page)
    assert person.page.locator("[data-error-summary] a").count() == 0, "a wrong login is no one field's fault"
    assert_accessible(person.page)
