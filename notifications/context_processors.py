from django.template.loader import render_to_string
from django.urls import reverse

from notifications.selectors import unread_count


class _Bell:
    """The bell in the page header with the person's unread count, rendered when the header shows it and never
    kept with the header (charter_portal/templatetags/portal_header.py)."""

    def __init__(self, request, user):
        self.request = request
        self.user = user

    def __str__(self) -> str:
        url = reverse("notifications:list")
        return render_to_string(
            "notifications/_bell.html",
            {"unread": unread_count(self.user), "url": url, "current": self.request.path == url},
        )


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"header_bell": _Bell(request, user)}
