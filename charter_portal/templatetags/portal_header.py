"""The page header (brand, menu, language switch, account links): ``{% page_header %}`` in ``base.html``.

The header is the same for everyone with the same audience (what the person may see, never who they are), language,
day and current menu item, so it is rendered once and kept under the domains the menu is kept under
(charter_portal/context_processors.py). What is the person's or the request's own is never kept: the CSRF token, the
path the language switch returns to, and the bell with the person's unread count (given by the notifications app as
``header_bell``) are placeholders in the kept HTML, filled in for each request.
"""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape

from charter_portal import caching
from charter_portal.context_processors import MENU_DOMAINS

register = template.Library()

NEXT_PLACEHOLDER = caching.placeholder("next")
BELL_PLACEHOLDER = caching.placeholder("bell")
_MENU_NAMES = ("actor", "nav_sections", "nav_account_items", "nav_current", "nav_current_section")


@register.simple_tag(takes_context=True)
def page_header(context):
    request = context["request"]
    values = {name: context.get(name) for name in _MENU_NAMES}

    def render() -> str:
        return render_to_string(
            "_page_header.html",
            {**values, "csrf_token": caching.CSRF_PLACEHOLDER, "next_path": NEXT_PLACEHOLDER, "bell": BELL_PLACEHOLDER},
        ).strip()

    key = (
        "page-header",
        translation.get_language(),
        timezone.localdate().isoformat(),
        caching.audience(values["actor"]),
        values["nav_current"],
    )
    own = {NEXT_PLACEHOLDER: escape(request.get_full_path()), BELL_PLACEHOLDER: str(context.get("header_bell", ""))}
    return caching.serve(request, caching.kept(MENU_DOMAINS, key, render), own)
