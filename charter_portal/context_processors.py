from charter_portal.navigation import account_items, current_item, nav_sections
from charter_portal.permissions import actor_for


def portal(request):
    actor = actor_for(getattr(request, "user", None))
    sections = nav_sections(actor)
    accounts = account_items(actor)
    items = [item for section in sections for item in section.items] + accounts
    current = current_item(items, request.path)
    current_section = next((s for s in sections if current in s.items), None)
    return {
        "actor": actor,
        "nav_sections": sections,
        "nav_items": items,
        "nav_account_items": accounts,
        "nav_current": current.url if current else "",
        "nav_current_section": current_section,
    }
