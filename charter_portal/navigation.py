"""The main navigation, assembled from what each app offers the current person.

The menu has one entry per section (charter, offer, neighbourhoods, signals, covenants,
organisations); inside a section, a second row lists that section's pages. Each app registers its
section at start-up (``register_section`` in its ``AppConfig.ready``) with ``items(actor)`` returning
the ``NavItem``s the person may use; a section without items is left out. Account links live in the
page header (``register_account_items``).
"""

from dataclasses import dataclass

from django.urls import reverse

_sections: list[tuple[int, object, object]] = []  # (position, label, items)
_account_items = []


def register_section(label, items, *, position: int) -> None:
    """Add a menu section; ``position`` orders the sections (lowest first)."""
    _sections.append((position, label, items))
    _sections.sort(key=lambda section: section[0])


def register_account_items(items) -> None:
    _account_items.append(items)


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
    for _position, label, items_for in _sections:
        items = items_for(actor)
        if items:
            sections.append(NavSection(label, items))
    return sections


def account_items(actor) -> list[NavItem]:
    return [item for items_for in _account_items for item in items_for(actor)]


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
