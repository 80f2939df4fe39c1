"""Whether young people raised a signal ("raised by young people", issue 22).

The participation app (above signals) keeps the moments a signal cites; it tells this app through two providers,
registered at start-up, so that signals never imports it:

- ``expression(ref)``: a boolean database expression, true when the signal whose id is the field ``ref`` of the
  row (``"pk"`` on a signal, ``"signal_id"`` on a round's candidate) cites an active participation moment. Lists
  annotate it (``Signal.objects.for_lists()``): no query of its own, whatever the number of rows;
- ``details(signal, actor)``: what the signal's page shows about it (``YouthVoice``), in a fixed number of queries.

Without a provider no signal is raised by young people.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Value

_expression = None
_details = None


@dataclass(frozen=True)
class YouthVoice:
    moments: int  # the active moments the signal cites
    young_people: str  # how many took part in them, as it may be shown ("fewer than 5" below 5)
    cite_url: str = ""  # where this person links moments to the signal; empty when they may not


def provide(*, expression, details) -> None:
    global _expression, _details
    _expression, _details = expression, details


def expression(ref: str = "pk"):
    if _expression is None:
        return Value(False, output_field=BooleanField())
    return _expression(ref)


def details(signal, actor) -> YouthVoice | None:
    return _details(signal, actor) if _details is not None else None
