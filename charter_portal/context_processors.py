from charter_portal.navigation import nav_items
from charter_portal.permissions import actor_for


def portal(request):
    actor = actor_for(getattr(request, "user", None))
    items = nav_items(actor)
    current = ""
    for item in items:
        url = item.url
        if request.path.startswith(url) and len(url) > len(current):
            current = url
    return {"actor": actor, "nav_items": items, "nav_current": current}
