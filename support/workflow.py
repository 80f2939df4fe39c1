"""The steps of a support request, as data: which state it leaves, where it goes and who takes it.

asked → taken up (by a supporting organisation, or matched by a charter coordinator) → in progress → done or
not possible (with a reason). A request can be called not possible from every open state. Once done, the asking
organisation says whether it helped.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ASKED, TAKEN_UP, IN_PROGRESS, DONE, NOT_POSSIBLE = "asked", "taken_up", "in_progress", "done", "not_possible"


@dataclass(frozen=True)
class Step:
    name: str
    label: object
    sources: tuple
    target: str | None  # None: the state stays (the asker's confirmation)
    who: tuple  # parties of ``support.rules.party_of``


STEPS = (
    Step("take_up", _("Take up"), (ASKED,), TAKEN_UP, ("catalogue", "coordinator")),
    Step("start", _("Start"), (TAKEN_UP,), IN_PROGRESS, ("supporter", "coordinator")),
    Step("done", _("Mark as done"), (TAKEN_UP, IN_PROGRESS), DONE, ("supporter", "coordinator")),
    Step(
        "not_possible",
        _("Not possible"),
        (ASKED, TAKEN_UP, IN_PROGRESS),
        NOT_POSSIBLE,
        ("supporter", "coordinator"),
    ),
    Step("confirm", _("Say whether it helped"), (DONE,), None, ("asker",)),
)
BY_NAME = {step.name: step for step in STEPS}
# While a request is open, the asking organisation may still change what it needs and by when.
EDITABLE = (ASKED, TAKEN_UP, IN_PROGRESS)
