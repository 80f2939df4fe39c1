from functools import cached_property

from notifications.selectors import unread_count


class _Unread:
    """The header's unread count: one query, made only when a template shows it."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def count(self) -> int:
        return unread_count(self.user)


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": _Unread(user)}
