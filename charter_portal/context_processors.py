from charter_portal.navigation import current_item, menu_for
from charter_portal.permissions import actor_for


def portal(request):
    actor = actor_for(getattr(request, "user", None))
    menu = menu_for(actor)
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
