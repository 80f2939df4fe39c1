"""Every page of the permission matrix in a real browser, as every persona the matrix lets see it, with the
neighbourhoods' outlines loaded so that every map is drawn: axe-core finds no violation of WCAG 2.0 and 2.1 at
levels A and AA. In Dutch for every persona; in English for the pages of the persona who sees the most.

The pages are the HTML answers of the matrix's URLs (downloads and JSON are left out) in the matrix's world
(tests/security/conftest.py). One page's trouble never stops the tour: every page is checked and the test lists
each page, persona and violation that fails. A screenshot of the visible part of every page goes to
``test-artifacts/screenshots/<test>/``; a page whose screenshot cannot be taken is noted, not failed. The tour
opens several hundred pages, so it runs once per CI run: in the PostgreSQL pass.
"""

import time
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from tests.browser.conftest import (
    SCREENSHOTS,
    Visit,
    axe_violations,
    describe_violations,
    preload_axe,
    save_screenshot,
)
from tests.factories import PASSWORD
from tests.security import matrix
from tests.security.conftest import world  # noqa: F401 - the fixture, shared with the permission matrix
from tests.security.test_permission_matrix import EXPECTED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ONLY_ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the tour of every page takes minutes: it runs once per CI run, in the PostgreSQL pass",
)

# The persona who sees the most: their pages are also checked in English.
RICHEST = "city_admin"

# Pages that are not the portal's own: each with the reason and where its accessible alternative is.
NOT_OURS = {
    "api:docs_interactive": "Swagger UI (third-party software); the API reference at api:docs says the same",
}

# Pages whose content is the same for every persona and language, and so long that axe takes most of a minute on
# them: checked once, as the first persona that may open them, in Dutch. The header around them, the only part that
# changes, is checked on every other page of each persona.
ONCE = {
    "api:docs": "the API reference, read from the schema, in English for everyone",
}


def matrix_pages(w) -> list[tuple[str, str, list[str]]]:
    """(matrix key, URL, the personas that get it) for every URL of the matrix that some persona may GET."""
    routes = matrix.portal_routes()
    by_name = {route.name: route for route in routes if not route.has_format_suffix}
    cases = [(route.name, route, None) for route in routes]
    cases += [(f"{name} [{label}]", by_name[name], kw) for label, name, kw in matrix.extra_cases(w)]
    kwargs_by_name = matrix.url_kwargs(w)
    pages = []
    for key, route, kwargs in cases:
        row = EXPECTED.get(key)
        if row is None or key in NOT_OURS:
            continue
        who = [persona for persona, status in zip(matrix.PERSONAS, row, strict=True) if status == 200]
        if who:
            pages.append((key, matrix.build_url(route, kwargs_by_name, kwargs), who[:1] if key in ONCE else who))
    return pages


def pages_per_persona(w, request) -> dict[str, list[tuple[str, str]]]:
    """(matrix key, URL) of every HTML page, per persona that may open it; downloads and JSON are left out.

    Whether a URL answers HTML does not depend on who asks: each is asked once, by the first persona it is for."""
    clients: dict[str, Client] = {}
    found: dict[str, list[tuple[str, str]]] = {persona: [] for persona in matrix.PERSONAS}
    for key, url, who in matrix_pages(w):
        if who[0] not in clients:
            clients[who[0]] = Client()
            if who[0] != "visitor":
                clients[who[0]].force_login(request.getfixturevalue(who[0]))
        response = clients[who[0]].get(url)
        assert response.status_code == 200, f"{url} as {who[0]}: {response.status_code}"
        if response.get("Content-Type", "").startswith("text/html"):
            for persona in who:
                found[persona].append((key, url))
    return found


def tour(person, persona, language, pages) -> tuple[list[str], list[str]]:
    """Open every page and run axe on it: (failures, screenshots not taken)."""
    failures, not_taken = [], []
    for key, url in pages:
        response = person.page.goto(person.base_url + url, wait_until="load")
        status = response.status if response else None
        if status != 200:
            failures.append(f"{key} ({url}) as {persona} in {language}: answered {status}")
            continue
        violations = axe_violations(person.page)
        if violations:
            failures.append(f"{key} ({url}) as {persona} in {language}:\n{describe_violations(violations)}")
        name = f"{language}-{persona}-{Visit.folder_name(key)}"
        path = SCREENSHOTS / person.test_name / f"{name}.jpeg"
        problem = save_screenshot(person.page, path, full_page=False)
        if problem:
            not_taken.append(f"{name}: {problem}")
    return failures, not_taken


@ONLY_ON_POSTGRESQL
def test_every_page_of_every_role_is_accessible_with_the_map_loaded(visit, request):
    import_module("neighbourhoods.migrations.0004_ghent_outlines").load(apps, None)
    started = time.monotonic()
    per_persona = pages_per_persona(request.getfixturevalue("world"), request)
    visits = [(persona, "nl", pages) for persona, pages in per_persona.items()]
    visits.append((RICHEST, "en", [(key, url) for key, url in per_persona[RICHEST] if key not in ONCE]))
    assert all(pages for _, _, pages in visits), "a persona without pages: the matrix's world is broken"
    assert sum(len(pages) for pages in per_persona.values()) > 400, "the tour lost most of its pages"

    failures, not_taken = [], []
    for persona, language, pages in visits:
        person = visit(language)
        preload_axe(person.context)
        if persona != "visitor":
            person.login(request.getfixturevalue(persona).email, PASSWORD)
        found, missed = tour(person, persona, language, pages)
        failures += found
        not_taken += missed
        person.close()
    count = sum(len(pages) for _, _, pages in visits)
    print(f"\nthe tour checked {count} pages in {time.monotonic() - started:.0f} s")
    if not_taken:
        print("screenshots not taken:\n" + "\n".join(not_taken))

    assert not failures, f"{len(failures)} of {count} pages fail:\n\n" + "\n\n".join(failures)


def test_the_tour_names_the_page_the_persona_and_the_violation(visit):
    """A page with an unnamed link and an image without a text alternative fails the tour with both named."""
    person = visit("en")
    preload_axe(person.context)
    person.page.route(
        "**/broken/",
        lambda route: route.fulfill(
            content_type="text/html",
            body='<!doctype html><html lang="en"><title>Broken</title><main><h1>Broken</h1>'
            '<a href="/"><img src="/static/img/favicon.svg"></a></main></html>',
        ),
    )

    failures, not_taken = tour(person, "partner_member", "en", [("broken:page", "/broken/")])

    assert len(failures) == 1 and not not_taken
    assert failures[0].startswith("broken:page (/broken/) as partner_member in en:")
    assert "- image-alt (critical)" in failures[0] and "- link-name (serious)" in failures[0]
