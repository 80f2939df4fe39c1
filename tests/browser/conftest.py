"""Real-browser fixtures: Debian's Chromium driven by Playwright against a live portal on loopback.

The tests skip, with the reason, only where no Chromium is installed; `.ci/run` installs it. Every
page a test visits can be checked with axe-core (WCAG 2.0/2.1 A and AA) and is saved as a
screenshot under ``test-artifacts/screenshots/`` (ignored by git) for a person to look at.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
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

    def __init__(self, browser, base_url, test_name, language="nl", size="desktop"):
        self.base_url = base_url
        self.test_name = re.sub(r"[^a-z0-9]+", "-", test_name.lower()).strip("-")
        self.size = size
        self.context = browser.new_context(viewport=SIZES[size], locale="nl-BE" if language == "nl" else "en-GB")
        host = re.sub(r"^https?://", "", base_url).split(":")[0]
        self.context.add_cookies([{"name": "portal_language", "value": language, "domain": host, "path": "/"}])
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.console_errors = []
        self.page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        self.shots = 0

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status < 400, f"{path} answered {response and response.status}"
        return response

    def login(self, email, password):
        self.goto("/account/login/")
        self.page.fill("input[name=username]", email)
        self.page.fill("input[name=password]", password)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()

    def check(self, name):
        """Screenshot, then axe (zero violations), no console errors, no horizontal scrolling."""
        self.shots += 1
        folder = SCREENSHOTS / self.test_name
        folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(folder / f"{self.shots:02d}-{name}-{self.size}.png"), full_page=True)
        assert_accessible(self.page)
        assert not self.console_errors, f"console errors on {self.page.url}: {self.console_errors}"
        assert not scrolls_horizontally(self.page), f"{self.page.url} scrolls horizontally at {self.size} size"

    def close(self):
        self.context.close()


def scrolls_horizontally(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")


def assert_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe found WCAG violations on {page.url}:\n{report}"


@pytest.fixture
def visit(browser, live_server, request):
    """``visit(language="nl", size="desktop")`` opens a fresh browser context on the live portal."""
    opened = []

    def open_visit(language="nl", size="desktop"):
        v = Visit(browser, live_server.url, request.node.name, language, size)
        opened.append(v)
        return v

    yield open_visit
    for v in opened:
        v.close()
