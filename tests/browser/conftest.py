"""Real-browser fixtures: Debian's Chromium driven by Playwright against a live portal on loopback.

The tests skip, with the reason, only where no Chromium is installed; `.ci/run` installs it. Every
page a test visits is checked with ``Visit.check``: axe-core (WCAG 2.0/2.1 A and AA) at desktop size and
at 320 px, no console errors, no horizontal scrolling, and no horizontal scrolling at 200 % text size;
each size is saved as a screenshot under ``test-artifacts/screenshots/<test>/`` (ignored by git), numbered
in the order of the journey, for a person to look at (a screenshot never fails a test). The ``Visit`` helpers
fill in forms with the keyboard only (Tab, typing, Space, the arrow keys, Enter) and require a visible focus on
every control they reach.
"""

import itertools
import os
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 320, "height": 640}}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
SCREENSHOT_TIMEOUT_MS = 5_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("no Chromium installed (Debian package `chromium`): browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Visit:
    """A person in a browser: language, screen size, and the checks every visited page passes."""

    def __init__(self, browser, base_url, test_name, language="nl", size="desktop", shots=None):
        self.base_url = base_url
        self.test_name = self.folder_name(test_name)
        self.size = size
        self.context = browser.new_context(viewport=SIZES[size], locale="nl-BE" if language == "nl" else "en-GB")
        host = re.sub(r"^https?://", "", base_url).split(":")[0]
        self.context.add_cookies([{"name": "portal_language", "value": language, "domain": host, "path": "/"}])
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.console_errors = []
        self.page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        self.shots = shots if shots is not None else itertools.count(1)

    @staticmethod
    def folder_name(test_name):
        return re.sub(r"[^a-z0-9]+", "-", test_name.lower()).strip("-")

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status < 400, f"{path} answered {response and response.status}"
        return response

    @property
    def path(self):
        return "/" + self.page.url.removeprefix(self.base_url).lstrip("/")

    # Keyboard only: every helper below moves the focus with Tab (or the arrow keys inside a radio group or
    # a select, as a keyboard user does) and acts with typing, Space or Enter. None of them clicks.

    def tab_to(self, selector, limit=250):
        """Press Tab until the element ``selector`` has the focus; fail when it cannot be reached."""
        target = self.page.locator(selector)
        assert target.count() == 1, f"{selector!r} matches {target.count()} elements on {self.page.url}"
        for _ in range(limit):
            if target.evaluate("element => element === document.activeElement"):
                assert has_visible_focus(target), f"{selector!r} shows no focus indicator on {self.page.url}"
                return target
            self.page.keyboard.press("Tab")
        raise AssertionError(f"{selector!r} cannot be reached with the Tab key on {self.page.url}")

    def type_into(self, selector, text):
        self.tab_to(selector)
        self.page.keyboard.press("ControlOrMeta+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def tick(self, selector):
        """Tab to a checkbox and tick it with Space."""
        box = self.tab_to(selector)
        if not box.is_checked():
            self.page.keyboard.press("Space")
        assert box.is_checked(), f"{selector!r} is not ticked"

    def choose_radio(self, name, value):
        """Tab into a radio group, then move with the arrow keys to the option ``value``."""
        page = self.page
        for _ in range(250):
            if page.evaluate("() => document.activeElement.name") == name:
                break
            page.keyboard.press("Tab")
        else:
            raise AssertionError(f"radio group {name!r} cannot be reached with the Tab key")
        for _ in range(30):
            if page.evaluate("() => document.activeElement.value") == value:
                break
            page.keyboard.press("ArrowDown")
        if not page.evaluate("() => document.activeElement.checked"):
            page.keyboard.press("Space")
        assert page.locator(f"input[name={name}][value='{value}']").is_checked()

    def select_option(self, selector, label):
        """Tab to a select and move with the arrow keys until ``label`` is chosen."""
        element = self.tab_to(selector)
        labels = element.evaluate("el => Array.from(el.options).map(o => o.text.trim())")
        assert label in labels, f"{label!r} is not an option of {selector!r}: {labels}"
        key = "ArrowDown" if labels.index(label) > element.evaluate("el => el.selectedIndex") else "ArrowUp"
        for _ in range(len(labels)):
            if element.evaluate("el => el.options[el.selectedIndex].text.trim()") == label:
                return
            self.page.keyboard.press(key)
        raise AssertionError(f"could not choose {label!r} in {selector!r} with the arrow keys")

    def press_enter_on(self, selector):
        """Tab to a button or link and press Enter; waits for the page it leads to."""
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.page.wait_for_load_state()

    def login(self, email, password):
        self.goto("/account/login/")
        self.type_into("input[name=username]", email)
        self.type_into("input[name=password]", password)
        self.press_enter_on("main button[type=submit]")
        assert "/account/login/" not in self.page.url, f"login as {email} failed"

    def logout(self):
        self.press_enter_on("header .logout-form button")

    def check(self, name):
        """The page at this size and at the other size (desktop and 320 px), then at 200 % text size.

        Each time: a screenshot, zero axe violations, no console errors and no horizontal scrolling.
        """
        sizes = [self.size] + [size for size in SIZES if size != self.size]
        for size in sizes:
            if size != self.size:
                self.page.set_viewport_size(SIZES[size])
            number = next(self.shots)
            save_screenshot(self.page, SCREENSHOTS / self.test_name / f"{number:02d}-{name}-{size}.png")
            assert_accessible(self.page)
            assert not self.console_errors, f"console errors on {self.page.url}: {self.console_errors}"
            assert not scrolls_horizontally(self.page), (
                f"{self.page.url} scrolls horizontally at {size} size: {too_wide(self.page)}"
            )
        self.page.set_viewport_size(SIZES["desktop"])
        assert_usable_at_double_text_size(self.page)
        self.page.set_viewport_size(SIZES[self.size])

    def close(self):
        self.context.close()


def save_screenshot(page, path, full_page=True) -> str | None:
    """A screenshot for a person to look at, which never fails a test: the whole page when it can be taken in a
    few seconds (Chromium gives up on the longest pages), else the visible part. The reason when neither was
    taken."""
    from playwright.sync_api import Error

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    for whole in (True, False) if full_page else (False,):
        try:
            page.screenshot(path=str(path), full_page=whole, timeout=SCREENSHOT_TIMEOUT_MS)
            return None
        except Error as error:
            reason = str(error).splitlines()[0]
    return reason


def scrolls_horizontally(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")


def has_visible_focus(element) -> bool:
    """WCAG 2.4.7: the focused element (or, for a check box or radio button, its label) shows an outline or ring."""
    return element.evaluate(
        """el => [el, el.closest("label")].filter(Boolean).some(node => {
            const style = getComputedStyle(node);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
            return outline || style.boxShadow !== "none";
        })"""
    )


def too_wide(page) -> str:
    """The elements that stick out to the right of the viewport, for the failure message."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return Array.from(document.querySelectorAll("body *"))
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .slice(-5)
                .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""))
                .join(", ");
        }"""
    )


def assert_usable_at_double_text_size(page):
    """Text zoom to 200 % (the root font size doubled): no horizontal scrolling, the heading still shown."""
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    try:
        assert not scrolls_horizontally(page), f"{page.url} scrolls horizontally at 200 % text size: {too_wide(page)}"
        assert page.locator("main h1").first.is_visible(), f"{page.url} hides its heading at 200 % text size"
    finally:
        page.evaluate("document.documentElement.style.fontSize = ''")


def axe_violations(page) -> list[dict]:
    """What axe-core finds on the page against the WCAG 2.0 and 2.1 rules at levels A and AA."""
    # Only the violations come back in detail: the passes' nodes would cost time on long pages.
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    if not page.evaluate("typeof window.axe !== 'undefined'"):  # not yet loaded with ``preload_axe``
        page.evaluate(AXE_SCRIPT)
    return page.evaluate("options => axe.run(options).then(results => results.violations)", options)


def preload_axe(context):
    """Every page the browser context opens has axe-core at once, instead of receiving it before each check."""
    context.add_init_script(script=AXE_SCRIPT)


def describe_violations(violations) -> str:
    return "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in violations
    )


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, f"axe found WCAG violations on {page.url}:\n{describe_violations(violations)}"


@pytest.fixture
def visit(browser, live_server, reference_data, request):
    """``visit(language="nl", size="desktop")`` opens a fresh browser context on the live portal."""
    shutil.rmtree(SCREENSHOTS / Visit.folder_name(request.node.name), ignore_errors=True)
    opened = []
    shots = itertools.count(1)  # one numbering per test, so the screenshots sort in the order of the journey

    def open_visit(language="nl", size="desktop"):
        v = Visit(browser, live_server.url, request.node.name, language, size, shots)
        opened.append(v)
        return v

    yield open_visit
    for v in opened:
        v.close()
