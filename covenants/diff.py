"""What changed between two versions of a covenant's terms, field by field. Pure computation on plain data."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class IndicatorChange:
    name: str
    kind: str  # "added" | "removed" | "changed"
    changes: list[Change] = field(default_factory=list)


@dataclass
class VersionDiff:
    objectives: Change | None
    budget: list[Change]
    indicators: list[IndicatorChange]
    commitments: list[Change] = field(default_factory=list)  # the city's: label = kind, before/after = text

    @property
    def is_empty(self) -> bool:
        return self.objectives is None and not self.budget and not self.indicators and not self.commitments


def _fmt(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def indicator_snapshot(indicator) -> dict:
    """The comparable fields of an indicator (uses prefetched targets)."""
    return {
        "key": indicator.key,
        "name": indicator.name,
        "kind": indicator.get_kind_display(),
        "unit": indicator.unit,
        "baseline": indicator.baseline,
        "higher_is_better": indicator.higher_is_better if indicator.is_quantitative else None,
        "guiding_question": indicator.guiding_question,
        "good_answer": indicator.good_answer,
        "targets": {t.year: t.value for t in indicator.targets.all()},
    }


FIELD_LABELS = {
    "name": _("name"),
    "kind": _("kind"),
    "unit": _("unit"),
    "baseline": _("baseline"),
    "higher_is_better": _("higher is better"),
    "guiding_question": _("guiding question"),
    "good_answer": _("what a good answer shows"),
}


def diff_versions(before, after) -> VersionDiff:
    """Compare two versions (``before`` may be None for the first version: everything is new)."""
    old_objectives = before.objectives if before else ""
    objectives = (
        Change(str(_("objectives")), old_objectives, after.objectives) if old_objectives != after.objectives else None
    )

    old_budget = {line.year: line.amount for line in before.budget_lines.all()} if before else {}
    new_budget = {line.year: line.amount for line in after.budget_lines.all()}
    budget = [
        Change(str(year), _fmt(old_budget.get(year)), _fmt(new_budget.get(year)))
        for year in sorted(set(old_budget) | set(new_budget))
        if old_budget.get(year) != new_budget.get(year)
    ]

    old_ind = {i.key: indicator_snapshot(i) for i in before.indicators.all()} if before else {}
    new_ind = {i.key: indicator_snapshot(i) for i in after.indicators.all()}
    indicators = []
    for key, snap in new_ind.items():
        if key not in old_ind:
            indicators.append(IndicatorChange(snap["name"], "added"))
            continue
        old = old_ind[key]
        changes = [
            Change(str(label), _fmt(old[name]), _fmt(snap[name]))
            for name, label in FIELD_LABELS.items()
            if old[name] != snap[name]
        ]
        for year in sorted(set(old["targets"]) | set(snap["targets"])):
            if old["targets"].get(year) != snap["targets"].get(year):
                changes.append(
                    Change(
                        str(_("target %(year)s") % {"year": year}),
                        _fmt(old["targets"].get(year)),
                        _fmt(snap["targets"].get(year)),
                    )
                )
        if changes:
            indicators.append(IndicatorChange(snap["name"], "changed", changes))
    for key, snap in old_ind.items():
        if key not in new_ind:
            indicators.append(IndicatorChange(snap["name"], "removed"))
    old_com = {c.key: c for c in before.city_commitments.all()} if before else {}
    new_com = {c.key: c for c in after.city_commitments.all()}
    commitments = [
        Change(
            str(c.get_kind_display()),
            _fmt(old_com[key].description) if key in old_com else "—",
            _fmt(c.description),
        )
        for key, c in new_com.items()
        if key not in old_com or (old_com[key].description, old_com[key].kind) != (c.description, c.kind)
    ]
    commitments += [
        Change(str(c.get_kind_display()), _fmt(c.description), "—") for key, c in old_com.items() if key not in new_com
    ]
    return VersionDiff(objectives=objectives, budget=budget, indicators=indicators, commitments=commitments)
