"""The signal state machine as data: which transition goes from which state to which, and who may make it.

Who-rules (the names in ``Transition.who``) are decided in ``signals.rules``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from signals.models import REOPEN_DAYS, Status

__all__ = ["REOPEN_DAYS", "TRANSITIONS", "Transition", "allowed_from", "transition"]


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset
    target: str
    who: str
    label: str


TRANSITIONS = {
    t.name: t
    for t in [
        # City staff of any service, or the staff of the body a routing rule proposed, take the signal in and
        # confirm or change the responsible body.
        Transition(
            "acknowledge", frozenset({Status.SUBMITTED}), Status.ACKNOWLEDGED, "city_staff_or_body", _("Acknowledge")
        ),
        # Staff of the responsible service (or a city admin) work on it and answer.
        Transition("start", frozenset({Status.ACKNOWLEDGED}), Status.IN_PROGRESS, "responsible_body", _("Start work")),
        Transition("answer", frozenset({Status.IN_PROGRESS}), Status.ANSWERED, "responsible_body", _("Answer")),
        # After an answer, either side may close: the city when the answer stands, the reporter when satisfied.
        Transition("close", frozenset({Status.ANSWERED}), Status.CLOSED, "city_or_reporter", _("Close")),
        # The reporting organisation may reopen within REOPEN_DAYS of the answer.
        Transition("reopen", frozenset({Status.ANSWERED}), Status.IN_PROGRESS, "reporter", _("Reopen")),
    ]
}


def transition(name: str) -> Transition:
    return TRANSITIONS[name]


def allowed_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
