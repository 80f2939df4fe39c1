from django.utils import timezone, translation

from charter_portal.navigation import current_item, menu_for
from charter_portal.page_cache import kept
from charter_portal.permissions import actor_for

# A visitor's menu depends on the language alone (no data): kept per language for the process's life.
_visitor_menus = {}


def _menu(actor):
    language = translation.get_language()
    if not actor.is_authenticated:
        menu = _visitor_menus.get(language)
        if menu is None:
            menu = _visitor_menus[language] = menu_for(actor)
        return menu
    # A person's menu depends on their memberships and on data (the charter reminder): kept under the
    # data version token, per person, language and day (charter_portal/page_cache.py).
    return kept("menu", (actor.user.pk, language, timezone.localdate().isoformat()), lambda: menu_for(actor))


def portal(request):
    actor = actor_for(getattr(request, "user", None))
    menu = _menu(actor)
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
