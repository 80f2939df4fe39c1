"""The main navigation, assembled from what each app offers the current person.

The menu has one entry per section (charter, offer, neighbourhoods, signals, covenants,
organisations); inside a section, a second row lists that section's pages. Each module in
``NAV_SECTIONS`` has ``items(actor)`` returning the ``NavItem``s the person may use; a section
without items is left out. Account links live in the page header (``ACCOUNT_MODULE``).
"""

from dataclasses import dataclass
from importlib import import_module

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAV_SECTIONS = [
    (_("Charter"), "charter.nav"),
    (_("Offer"), "offers.nav"),
    (_("Neighbourhoods"), "neighbourhoods.nav"),
    (_("Signals"), "signals.nav"),
    (_("Covenants"), "covenants.nav"),
    (_("Organisations"), "organisations.nav"),
]
ACCOUNT_MODULE = "accounts.nav"


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    section: str = ""  # URL prefix that marks the item as current

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class NavSection:
    label: str
    items: list

    @property
    def url(self) -> str:
        return self.items[0].url


def nav_sections(actor) -> list[NavSection]:
    sections = []
    for label, name in NAV_SECTIONS:
        items = import_module(name).items(actor)
        if items:
            sections.append(NavSection(label, items))
    return sections


def account_items(actor) -> list[NavItem]:
    return import_module(ACCOUNT_MODULE).items(actor)


@dataclass(frozen=True)
class MenuItem:
    """A menu entry with its label translated and its URL resolved, ready to be kept and shown."""

    label: str
    url: str
    url_name: str


@dataclass(frozen=True)
class MenuSection:
    label: str
    items: tuple
    url: str


@dataclass(frozen=True)
class Menu:
    sections: tuple
    account_items: tuple


def menu_for(actor) -> Menu:
    """The person's menu in the active language, with every label and URL resolved once.

    Kept per person, language and day under the data version token by the context processor: the
    items depend on the person's memberships and on data (an organisation admin sees "Sign the charter"
    until the organisation signed the current version), and change whenever that data changes.
    """
    sections = tuple(
        MenuSection(
            str(section.label),
            tuple(MenuItem(str(item.label), item.url, item.url_name) for item in section.items),
            section.url,
        )
        for section in nav_sections(actor)
    )
    accounts = tuple(MenuItem(str(item.label), item.url, item.url_name) for item in account_items(actor))
    return Menu(sections, accounts)


def current_item(items, path: str):
    """The item whose URL is the longest prefix of ``path``."""
    best = None
    for item in items:
        url = item.url
        if path.startswith(url) and (best is None or len(url) > len(best.url)):
            best = item
    return best
