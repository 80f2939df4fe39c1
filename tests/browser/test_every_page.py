"""Every page of the permission matrix in a real browser, with the neighbourhoods' outlines loaded so that every
map is drawn: the checks of ``Visit.check`` (axe-core WCAG 2.0/2.1 A and AA at desktop size and 320 px, no
console errors, no horizontal scrolling, usable at 200 % text size).

Each page is opened by the visitor when it is public, and by the person who sees the most on it (the first of
``RICHEST`` the matrix gives it to), so forms and buttons are on the page when it is checked. It takes several
minutes, so it runs once per CI run: in the PostgreSQL pass.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from tests.browser.conftest import SIZES
from tests.factories import PASSWORD
from tests.security import matrix
from tests.security.conftest import world  # noqa: F401 - the fixture, shared with the permission matrix
from tests.security.test_permission_matrix import EXPECTED

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the tour of every page runs once per CI run, on PostgreSQL"
    ),
]

RICHEST = ("city_admin", "partner_admin", "city_staff", "partner_member", "other_admin")

# Pages that are not the portal's own: each with the reason and where its accessible alternative is.
NOT_OURS = {
    "api:docs_interactive": "Swagger UI (third-party software); the API reference at api:docs says the same",
}


def _cases(w):
    routes = matrix.portal_routes()
    by_name = {route.name: route for route in routes if not route.has_format_suffix}
    cases = [(route.name, route, None) for route in routes]
    cases += [(f"{name} [{label}]", by_name[name], kw) for label, name, kw in matrix.extra_cases(w)]
    kwargs_by_name = matrix.url_kwargs(w)
    for key, route, kwargs in cases:
        row = EXPECTED.get(key)
        if row is None or key in NOT_OURS:
            continue
        who = ["visitor"] if row[0] == 200 else []
        who += [persona for persona in RICHEST if row[matrix.PERSONAS.index(persona)] == 200][:1]
        if who:
            yield key, matrix.build_url(route, kwargs_by_name, kwargs), who


def pages_per_person(w, request) -> dict[str, list[tuple[str, str]]]:
    """(matrix key, URL) of every HTML page, per persona that opens it; downloads and JSON are left out."""
    clients = {}
    found: dict[str, list[tuple[str, str]]] = {}
    for key, url, who in _cases(w):
        for persona in who:
            if persona not in clients:
                clients[persona] = Client()
                if persona != "visitor":
                    clients[persona].force_login(request.getfixturevalue(persona))
            response = clients[persona].get(url)
            assert response.status_code == 200, f"{url} as {persona}: {response.status_code}"
            if response.get("Content-Type", "").startswith("text/html"):
                found.setdefault(persona, []).append((key, url))
    return found


def test_every_page_of_every_role_is_accessible_with_the_map_loaded(visit, request):
    import_module("neighbourhoods.migrations.0004_ghent_outlines").load(apps, None)
    per_person = pages_per_person(request.getfixturevalue("world"), request)
    assert sum(len(pages) for pages in per_person.values()) > 100
    failures = []
    for persona, pages in per_person.items():
        person = visit("nl")
        if persona != "visitor":
            person.login(request.getfixturevalue(persona).email, PASSWORD)
        for key, url in pages:
            person.goto(url)
            try:
                person.check(f"{persona}-{key}".replace(":", "-").replace(" ", "")[:80])
            except AssertionError as failure:  # every page is checked; the test lists all that fail
                failures.append(f"{key} as {persona}: {failure}")
                person.console_errors.clear()
                person.page.evaluate("document.documentElement.style.fontSize = ''")
                person.page.set_viewport_size(SIZES["desktop"])
        person.close()
    assert not failures, "\n\n".join(failures)
