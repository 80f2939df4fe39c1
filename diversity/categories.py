"""What a staff-diversity report counts, as data: the scopes (paid staff, leadership) and the categories of each.

Every category is a partition of its scope's total: its cells plus "not known" (the rest, never entered) make up
the total. The key of a cell is ``<scope>_<category>_<cell>`` (``staff_gender_women``); the key of a scope's
total is ``<scope>_total``. Plain Python: forms, the API, the privacy engine and the pages all read it from here.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

NOT_KNOWN = "not_known"


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    cells: tuple[tuple[str, str], ...]  # (code, label), without "not known"


@dataclass(frozen=True)
class Scope:
    code: str
    label: str


SCOPES = (
    Scope("staff", _("Paid staff")),
    Scope("leadership", _("Leadership (board and coordination)")),
)

_YES_NO = (("yes", _("yes")), ("no", _("no")))

CATEGORIES = (
    Category("gender", _("Gender"), (("women", _("women")), ("men", _("men")), ("other", _("other or not stated")))),
    Category(
        "age", _("Age"), (("under_26", _("under 26")), ("from_26_to_44", _("26 to 44")), ("from_45", _("45 and over")))
    ),
    Category("foreign_origin", _("Of foreign origin"), _YES_NO),
    Category("disability", _("With a disability"), _YES_NO),
    Category("low_education", _("With a low level of education"), _YES_NO),
)

NOT_KNOWN_LABEL = _("not known")


def total_key(scope: str) -> str:
    return f"{scope}_total"


def cell_key(scope: str, category: str, cell: str) -> str:
    return f"{scope}_{category}_{cell}"


def entered_keys() -> list[str]:
    """The keys a report enters (every cell of every category, not the "not known" rest)."""
    return [cell_key(s.code, c.code, cell) for s in SCOPES for c in CATEGORIES for cell, _label in c.cells]


def partitions(scope: str) -> list[tuple[str, list[str]]]:
    """(category code, keys of its cells including "not known") for one scope."""
    return [
        (c.code, [cell_key(scope, c.code, cell) for cell, _label in c.cells] + [cell_key(scope, c.code, NOT_KNOWN)])
        for c in CATEGORIES
    ]


def all_keys() -> list[str]:
    """Every figure of a report: each scope's total, then its cells with "not known"."""
    keys = []
    for scope in SCOPES:
        keys.append(total_key(scope.code))
        for _code, cells in partitions(scope.code):
            keys.extend(cells)
    return keys


def complete(totals: dict[str, int], counts: dict[str, int]) -> dict[str, int]:
    """Every figure of one report: the totals, the entered counts and each category's "not known" rest."""
    figures = {}
    for scope in SCOPES:
        total = int(totals.get(scope.code) or 0)
        figures[total_key(scope.code)] = total
        for category in CATEGORIES:
            entered = [int(counts.get(cell_key(scope.code, category.code, cell)) or 0) for cell, _l in category.cells]
            for (cell, _label), value in zip(category.cells, entered, strict=True):
                figures[cell_key(scope.code, category.code, cell)] = value
            figures[cell_key(scope.code, category.code, NOT_KNOWN)] = max(total - sum(entered), 0)
    return figures


def problems(totals: dict[str, int], counts: dict[str, int]) -> list[tuple[str, str]]:
    """What is wrong with a report's figures: (key, message) pairs; empty when the figures hold together.

    No count may be negative or larger than its scope's total, and a category's counts together may not exceed
    the total (the rest is "not known")."""
    found = []
    for key, value in list(totals.items()) + list(counts.items()):
        if value is not None and int(value) < 0:
            found.append((key, str(_("A count cannot be negative."))))
    for scope in SCOPES:
        total = int(totals.get(scope.code) or 0)
        for category in CATEGORIES:
            keys = [cell_key(scope.code, category.code, cell) for cell, _label in category.cells]
            values = [int(counts.get(key) or 0) for key in keys]
            for key, value in zip(keys, values, strict=True):
                if value > total:
                    found.append((key, str(_("This count is larger than the total (%(total)s).") % {"total": total})))
            if sum(values) > total and all(value <= total for value in values):
                found.append(
                    (
                        keys[0],
                        str(
                            _(
                                "Together these counts (%(sum)s) are more than the total (%(total)s); leave the "
                                "people you do not know out: they count as “not known”."
                            )
                            % {"sum": sum(values), "total": total}
                        ),
                    )
                )
    return found
