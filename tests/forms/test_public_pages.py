"""Which pages are public is listed in one place (charter_portal.public_pages), and the list tells the truth."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from charter_portal.public_pages import ACCOUNT_STEPS, MACHINE_ENDPOINTS, PUBLIC_PAGES
from tests.forms import pages
from tests.security.test_permission_matrix import EXPECTED

pytestmark = pytest.mark.django_db

# Public pages whose object in the matrix's world is not public: shown with an object of their own below.
SHOWN_APART = {"signals:public_detail"}


def _visitor_gets(key) -> bool:
    return EXPECTED.get(key, (None,))[0] == 200 or any(
        k.startswith(f"{key} [") and row[0] == 200 for k, row in EXPECTED.items()
    )


def test_every_listed_page_answers_a_visitor():
    missing = [name for name in PUBLIC_PAGES if name not in SHOWN_APART and not _visitor_gets(name)]
    assert missing == []


@pytest.mark.parametrize(("is_public", "status"), [(True, 200), (False, 404)])
def test_a_signal_s_public_page_is_public_when_the_signal_is(client, partner_member, partner_org, is_public, status):
    from signals.services import signal_report

    signal = signal_report(
        by=partner_member,
        organisation=partner_org,
        title="Playground unlit at night",
        description="Children stay away after dark.",
        themes=["public_space"],
        children_affected="21-50",
        city_wide=True,
        is_public=is_public,
    )
    assert client.get(reverse("signals:public_detail", args=[signal.pk])).status_code == status


def test_every_page_open_to_a_visitor_is_listed():
    open_to_visitors = {
        key
        for key, row in EXPECTED.items()
        if row[0] == 200 and "[" not in key and not (key.startswith("api:") and key not in PUBLIC_PAGES)
    }
    assert sorted(open_to_visitors - set(PUBLIC_PAGES) - ACCOUNT_STEPS - MACHINE_ENDPOINTS) == []


PUBLIC_WORDS = re.compile(r"\b(public|openbaar|openbare)\b", re.IGNORECASE)


def _public_links(html: str):
    for href, text in re.findall(r'<a\b[^>]*href="([^"#]+)"[^>]*>(.*?)</a>', html, re.S):
        words = pages.visible_text(text)
        if PUBLIC_WORDS.search(words):
            yield unescape(href), words


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_link_that_promises_a_public_page_leads_to_one(world, request, language):
    found = []
    for persona, _key, url, response in pages.matrix_pages(
        world, request, language, personas=("visitor", "partner_admin", "city_staff")
    ):
        if not response["Content-Type"].startswith("text/html"):
            continue
        for href, words in _public_links(response.content.decode()):
            path = urlsplit(href).path
            if not path.startswith("/"):
                continue
            try:
                name = resolve(path).view_name
            except Resolver404:
                found.append(f"{url} as {persona}: {words!r} -> {href} (no page)")
                continue
            if name not in PUBLIC_PAGES:
                found.append(f"{url} as {persona}: {words!r} -> {name} is not a public page")
    assert found == []
