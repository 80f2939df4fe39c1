""" "Waiting for you": what a person or their organisation must do now, computed from the portal's current state.

Each app registers a provider (``@register_todo``) that takes the ``Actor`` and returns ``TodoItem``s in a fixed
number of queries, however many items there are. The list is computed on every read, never stored, so it is never
stale: an item disappears as soon as the thing is done.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

_providers = []


@dataclass(frozen=True)
class TodoItem:
    kind: str
    title: str
    url: str
    due_on: date | None = None
    object_type: str = ""
    object_id: int | None = None

    @property
    def is_overdue(self) -> bool:
        return self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def days_left(self) -> int | None:
        return None if self.due_on is None else (self.due_on - timezone.localdate()).days


def register_todo(provider):
    """Register ``provider(actor) -> Iterable[TodoItem]``; usable as a decorator."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def urgency(item: TodoItem):
    """Overdue first, then the nearest deadline, then items without a deadline; ties by title."""
    return (item.due_on is None, item.due_on or date.max, str(item.title))


def todo_for(actor) -> list[TodoItem]:
    if not actor.is_authenticated:
        return []
    items = [item for provider in _providers for item in provider(actor)]
    return sorted(items, key=urgency)
