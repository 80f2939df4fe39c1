"""The main navigation, assembled from what each app offers the current person.

Each module in ``NAV_MODULES`` has ``items(actor)`` returning ``NavItem``s; their order is the order
in the menu.
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
    for module in map(import_module, NAV_MODULES):
        items.extend(module.items(actor))
    return items
