""" "Waiting for you": what a person or their organisation must do now, computed from the portal's current state.

Each app registers a provider (``@register_todo(domains=(...))``) that takes the ``Actor`` and returns ``TodoItem``s
in a fixed number of queries, however many items there are. An item disappears as soon as the thing is done: a
provider that names the caching domains it reads has its items kept in the shared cache per person, language and
day until one of those domains, or "organisations" and "accounts" (memberships, invitations), is bumped, which every
service that changes them does after its commit (charter_portal/caching.py). The home page of every signed-in
person shows the list, and nine providers asked on every read made it the page's largest cost. A provider without
domains (its app's writes bump none) is asked on every read.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone, translation

from charter_portal import caching

# The actor's memberships and roles decide what every provider finds.
_ASKER_DOMAINS = ("organisations", "accounts")
_providers: list[tuple] = []  # (provider, its domains)


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


def register_todo(provider=None, *, domains: tuple = ()):
    """Register ``provider(actor) -> Iterable[TodoItem]``; usable as a decorator, bare or with ``domains``: the caching
    domains whose data the provider reads, so that its items are kept until one of them changes (see above)."""

    def add(provider):
        if all(known is not provider for known, _domains in _providers):
            _providers.append((provider, tuple(domains)))
        return provider

    return add(provider) if provider is not None else add


def urgency(item: TodoItem):
    """Overdue first, then the nearest deadline, then items without a deadline; ties by title."""
    return (item.due_on is None, item.due_on or date.max, str(item.title))


def todo_domains() -> tuple[str, ...] | None:
    """The domains of everything the list reads, to keep a rendering of it under (the home page's card); None while
    a provider names no domains: its items must be asked for on every read."""
    if any(not domains for _provider, domains in _providers):
        return None
    return tuple(sorted({domain for _provider, domains in _providers for domain in domains} | set(_ASKER_DOMAINS)))


def todo_for(actor) -> list[TodoItem]:
    if not actor.is_authenticated:
        return []
    items = []
    for provider, domains in _providers:
        if not domains:
            items += provider(actor)
            continue
        key = (
            "todo",
            f"{provider.__module__}.{provider.__qualname__}",
            actor.user.pk,
            translation.get_language(),
            timezone.localdate().isoformat(),
        )
        items += caching.kept((*domains, *_ASKER_DOMAINS), key, lambda provider=provider: list(provider(actor)))
    return sorted(items, key=urgency)
