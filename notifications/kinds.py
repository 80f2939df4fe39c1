"""What can happen: each app registers the kinds of notification it sends, with a category and a title.

A kind's title is a translatable format string (``gettext_lazy``) filled with the notification's parameters and
``{actor}``, the one who did it. A notification stores its kind and parameters, not its text, so it is rendered in
the reader's language each time it is read, also after a language switch.

The category decides the e-mail the reader chose (notifications.models.Category): ``action_needed`` for what asks
the reader to act (approvals, invitations, deadlines), and one category per part of the portal for the rest.
"""

from dataclasses import dataclass

from notifications.categories import Category


@dataclass(frozen=True)
class Kind:
    code: str
    category: str
    title: object  # a lazy translatable format string


_kinds: dict[str, Kind] = {}


def register_kind(code: str, *, category: str, title) -> Kind:
    if category not in Category.values:
        raise ValueError(f"unknown notification category {category!r} for {code!r}")
    existing = _kinds.get(code)
    if existing is not None and existing.category != category:
        raise ValueError(f"notification kind {code!r} registered twice with different categories")
    kind = Kind(code, category, title)
    _kinds[code] = kind
    return kind


def get_kind(code: str) -> Kind | None:
    return _kinds.get(code)


def registered_kinds() -> dict[str, Kind]:
    return dict(_kinds)
