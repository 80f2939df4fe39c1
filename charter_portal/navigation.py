"""The main navigation, assembled from what each app offers the current person.

Each module in ``NAV_MODULES`` has ``items(actor)`` returning ``NavItem``s; their order is the order
in the menu. A module that does not exist (yet) is skipped.
"""

from dataclasses import dataclass
from importlib import import_module

from django.urls import reverse

NAV_MODULES = [
    "charter.nav",
    "organisations.nav_offers",
    "neighbourhoods.nav",
    "signals.nav",
    "covenants.nav",
    "organisations.nav",
    "accounts.nav",
]


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
    for name in NAV_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        items.extend(module.items(actor))
    return items
