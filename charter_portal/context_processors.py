from django.utils import timezone, translation

from charter_portal import caching
from charter_portal.navigation import current_item, menu_for
from charter_portal.permissions import actor_for

# A visitor's menu depends on the language alone (no data): made once per language in each process.
_visitor_menus = {}
# What a signed-in person's menu is computed from: their memberships and roles, and their organisations' signatures.
MENU_DOMAINS = ("organisations", "charter")


def menu_of(actor):
    """The menu depends on what the person may see (their organisations and roles) and, for admins, on whether
    their organisations signed the current charter version: kept per audience, language and day in the shared
    cache until memberships or signatures change (charter_portal/caching.py). It holds no name of anyone."""
    if not actor.is_authenticated:
        language = translation.get_language()
        if language not in _visitor_menus:
            _visitor_menus[language] = menu_for(actor)
        return _visitor_menus[language]
    key = ("menu", translation.get_language(), timezone.localdate().isoformat(), caching.audience(actor))
    return caching.kept(MENU_DOMAINS, key, lambda: menu_for(actor))


def portal(request):
    actor = actor_for(getattr(request, "user", None))
    menu = menu_of(actor)
    items = [item for section in menu.sections for item in section.items] + list(menu.account_items)
    current = current_item(items, request.path)
    current_section = next((s for s in menu.sections if current in s.items), None)
    return {
        "actor": actor,
        "nav_sections": menu.sections,
        "nav_items": items,
        "nav_account_items": menu.account_items,
        "nav_current": current.url if current else "",
        "nav_current_section": current_section,
    }
