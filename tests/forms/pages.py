"""Reading rendered pages as a person does: the visible text, the error summary, the forms on a page, and the
words that do not belong on a page (a library's English on a Dutch page, the formal "u").

The standard library's HTML parser is enough for the portal's own, well-formed markup."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from django.test import Client
from django.urls import Resolver404, resolve

from tests.security import matrix
from tests.security.test_permission_matrix import EXPECTED

# Attributes whose values a person reads or hears.
READ_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


# English that the libraries bring and that would leak into a Dutch page: regular expressions over the text a
# person reads. Months and days come from date formats that bypass the locale.
DEFAULT_ENGLISH = [
    # the empty choice of a select (Django 6.1, Django before it, django-filter)
    r"Select an option",
    r"-{9}",
    # form fields and widgets (django.forms)
    r"This field is required",
    r"Enter a valid",
    r"Enter a (whole )?number",
    r"Ensure this (value|field)",
    r"Select a valid choice",
    r"Enter a list of values",
    r"No file was submitted",
    r"The submitted file is empty",
    r"\bCurrently:",
    r"Hidden field",
    r"\bUnknown\b",
    # accounts and passwords (django.contrib.auth)
    r"Please enter a correct",
    r"This account is inactive",
    r"\bpassword\b",
    r"Password confirmation",
    r"Enter the same password",
    # pages Django answers with when the portal does not
    r"Page not found",
    r"Server Error",
    r"CSRF verification",
    # Django REST framework
    r"Authentication credentials",
    r"You do not have permission",
    r"may not be (blank|null)",
    r"A valid \w+ is required",
    r"Invalid pk",
    # django-filter
    r"Any date",
    r"Past 7 days",
    r"Multiple values may be separated",
    r"\b(a|de)scending\b",
    # dates and times formatted without the locale
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b",
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b",
    r"\b\d+\s(minutes?|hours?|days?|weeks?|months?|years?) ago\b",
]

# The formal address as a word of its own ("u", "uw", "U", "Uw"); "u/week" and "12 u" are hours.
FORMAL_ADDRESS = r"(?<![\w/])(?<!\d )[Uu]w?(?![\w/])"


def english_defaults_in(text: str) -> list[str]:
    return [found.group(0) for pattern in DEFAULT_ENGLISH if (found := re.search(pattern, text))]


def formal_address_in(text: str) -> list[str]:
    return [text[max(0, m.start() - 40) : m.end() + 40] for m in re.finditer(FORMAL_ADDRESS, text)]


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._other_language: list[str] = []  # the element marked as English inside a page, with its nesting

    def handle_starttag(self, tag, attrs):
        if self._other_language:
            if tag == self._other_language[0]:
                self._other_language.append(tag)
            return
        if tag != "html" and dict(attrs).get("lang") == "en":
            # A part of the page marked as English (the API reference): screen readers read it as English, and it
            # is not a translation that went missing.
            self._other_language.append(tag)
            return
        if tag in ("script", "style", "template", "textarea"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.parts.append(value)
        if tag == "input" and dict(attrs).get("type") in ("submit", "button") and dict(attrs).get("value"):
            self.parts.append(dict(attrs)["value"])

    def handle_endtag(self, tag):
        if self._other_language:
            if tag == self._other_language[0]:
                self._other_language.pop()
            return
        if tag in ("script", "style", "template", "textarea") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and not self._other_language:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """What the page says to a person: its text and read attributes, with white space made single; not what a
    person typed (a text area's content)."""
    parser = _TextParser()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


@dataclass
class Summary:
    start: int  # offset in the page
    items: list[tuple[str, str]] = field(default_factory=list)  # (href or "", text)


def error_summaries(html: str) -> list[Summary]:
    """Each error summary of the page with its items: the link target (empty for an item without link) and text."""
    found = []
    for match in re.finditer(r"<div class=\"error-summary\"[^>]*>(.*?)</ul>", html, re.S):
        assert 'tabindex="-1"' in match.group(0).split(">", 1)[0], "the summary cannot take the focus"
        summary = Summary(match.start())
        for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S):
            link = re.match(r'\s*<a href="([^"]*)">(.*)</a>\s*$', item, re.S)
            href, text = (link.group(1), link.group(2)) if link else ("", item)
            summary.items.append((href, unescape(re.sub(r"<[^>]+>", "", text)).strip()))
        found.append(summary)
    return found


def element_ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def invalid_ids(html: str) -> set[str]:
    """The ids of the controls marked invalid (``aria-invalid="true"``)."""
    ids = set()
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*aria-invalid=\"true\"[^>]*>", html):
        found = re.search(r'\sid="([^"]+)"', tag)
        if found:
            ids.add(found.group(1))
    return ids


@dataclass(frozen=True)
class PostForm:
    action: str
    fields: tuple[str, ...]  # names of the controls a person fills in


def post_forms(html: str, page_url: str) -> list[PostForm]:
    """The forms of the page that send something a person typed or chose (not only hidden values and buttons)."""
    forms = []
    for attrs, body in re.findall(r"<form\b([^>]*)>(.*?)</form>", html, re.S):
        if not re.search(r'method="post"', attrs, re.I):
            continue
        action = re.search(r'action="([^"]*)"', attrs)
        names = []
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", body):
            kind = re.search(r'type="([^"]+)"', tag)
            name = re.search(r'name="([^"]+)"', tag)
            if name and not (kind and kind.group(1) in ("hidden", "submit", "button")):
                names.append(name.group(1))
        if names:
            forms.append(PostForm(unescape(action.group(1)) if action and action.group(1) else page_url, tuple(names)))
    return forms


def url_name(url: str) -> str:
    try:
        match = resolve(url.split("?")[0])
    except Resolver404:
        return url
    return match.view_name


def client_for(persona: str, request, language: str) -> Client:
    client = Client()
    client.cookies["portal_language"] = language
    if persona != "visitor":
        client.force_login(request.getfixturevalue(persona))
    return client


TEXT_TYPES = ("text/", "application/json")


def matrix_pages(world, request, language: str, personas=matrix.PERSONAS) -> Iterator[tuple[str, str, str, object]]:
    """Every page of the permission matrix that answers 200 to a GET, for each persona that gets it:
    (persona, the matrix key, the URL, the response)."""
    routes = matrix.portal_routes()
    kwargs_by_name = matrix.url_kwargs(world)
    by_name = {route.name: route for route in routes if not route.has_format_suffix}
    cases = [(route.name, route, None) for route in routes]
    cases += [(f"{name} [{label}]", by_name[name], kw) for label, name, kw in matrix.extra_cases(world)]
    for persona in personas:
        index = matrix.PERSONAS.index(persona)
        client = client_for(persona, request, language)
        for key, route, kwargs in cases:
            if EXPECTED.get(key, (None,) * 6)[index] != 200:
                continue
            url = matrix.build_url(route, kwargs_by_name, kwargs)
            response = client.get(url)
            assert response.status_code == 200, f"{url} as {persona}: {response.status_code}"
            if not response.get("Content-Type", "").startswith(TEXT_TYPES):
                continue  # a download (an XLSX workbook, a ZIP): no words or forms to read
            yield persona, key, url, response


def form_data(html: str, page_url: str, action_url: str) -> dict:
    """What a browser sends for the form of the page that posts to ``action_url`` when a person fills in nothing:
    its hidden values, and every text field and select empty (boxes not ticked are not sent)."""
    for attrs, body in re.findall(r"<form\b([^>]*)>(.*?)</form>", html, re.S):
        action = re.search(r'action="([^"]*)"', attrs)
        target = unescape(action.group(1)) if action and action.group(1) else page_url
        if target.split("?")[0] != action_url.split("?")[0]:
            continue
        data = {}
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", body):
            name = re.search(r'name="([^"]+)"', tag)
            kind = re.search(r'type="([^"]+)"', tag)
            kind = kind.group(1) if kind else "text"
            if not name or kind in ("submit", "button", "checkbox", "radio", "file"):
                continue
            value = re.search(r'value="([^"]*)"', tag)
            data[name.group(1)] = unescape(value.group(1)) if kind == "hidden" and value else ""
        return data
    raise AssertionError(f"no form on {page_url} sends to {action_url}")
