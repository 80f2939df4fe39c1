"""The main navigation, assembled from what each app offers the current person.

Each app may have a ``nav.py`` with ``items(actor)`` returning ``NavItem``s; the order of
``NAV_APPS`` is the order in the menu.
"""

from dataclasses import dataclass
from importlib import import_module

from django.urls import reverse

NAV_APPS = ["charter", "organisations", "neighbourhoods", "signals", "covenants", "accounts"]


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    section: str = ""  # URL prefix that marks the item as current

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def nav_items(actor) -> list[NavItem]:
    items = []
    for app in NAV_APPS:
        try:
            module = import_module(f"{app}.nav")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.nav":
                raise
            continue
        items.extend(module.items(actor))
    return items
