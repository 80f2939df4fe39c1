"""Purging personal data found after the fact (issue 17, item 9).

Objects are archived, never deleted, and their history keeps every version. When personal data slipped in anyway
(the guard missed it, or it predates the guard), a city admin purges it: ``redact_object`` replaces every piece of
personal data the guard finds, and every text the admin names (a child's name, which no pattern can find), with
``REDACTED`` in each text field of the object and of all its history rows. The rows stay, with their dates, authors
and every other value, so past coverage and timelines still read them. The purge is logged without the data: which
object, how many values in how many rows, by whom.
"""

import logging
from dataclasses import dataclass

from django.db import models, transaction

from charter_portal.personal_data import find_personal_data, normalise

security_log = logging.getLogger("portal.security")

REDACTED = "[…]"


def redact_text(text: str, named: tuple[str, ...] = ()) -> str:
    """``text`` with every finding of the guard, and every named text (matched as the guard reads text, in any
    case), replaced by ``REDACTED``."""
    if not text:
        return text
    spans = [(finding.start, finding.start + len(finding.text)) for finding in find_personal_data(text)]
    if named:
        normalised, origin = normalise(text)
        lowered = normalised.lower()
        if len(lowered) != len(normalised):  # a letter whose lower case is longer: match the case as typed
            lowered = normalised
        for name in named:
            wanted = normalise(name)[0].strip().lower()
            start = lowered.find(wanted) if wanted else -1
            while start != -1:
                end = start + len(wanted)
                spans.append((origin[start], origin[end - 1] + 1))
                start = lowered.find(wanted, end)
    if not spans:
        return text
    parts, position = [], 0
    for start, end in sorted(spans):
        if start < position:  # overlapping spans: the first one already covers the start
            start = position
        if start >= end:
            continue
        parts.extend([text[position:start], REDACTED])
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _text_fields(model) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices and field.editable
    ]


def _redact_rows(model, rows, named) -> tuple[int, int]:
    """(values, rows) changed; each row is written with ``update`` so no new history row repeats the data."""
    fields = _text_fields(model)
    values = changed_rows = 0
    for row in rows:
        changes = {}
        for name in fields:
            old = getattr(row, name)
            new = redact_text(old, named)
            if new != old:
                changes[name] = new
        if changes:
            model._default_manager.filter(pk=row.pk).update(**changes)
            values += len(changes)
            changed_rows += 1
    return values, changed_rows


@dataclass(frozen=True)
class PurgeResult:
    values: int
    rows: int


@transaction.atomic
def redact_object(*, instance, named: tuple[str, ...] = (), by: str = "") -> PurgeResult:
    """Redact personal data in ``instance`` and in every history row of it (django-simple-history)."""
    model = type(instance)
    values, rows = _redact_rows(model, model._default_manager.filter(pk=instance.pk).select_for_update(), named)
    history = getattr(model, "history", None)
    if history is not None:
        history_model = history.model
        more_values, more_rows = _redact_rows(history_model, history_model.objects.filter(id=instance.pk), named)
        values, rows = values + more_values, rows + more_rows
    security_log.info(
        "personal data purged from %s %s: %s values in %s rows, by %s",
        model._meta.label,
        instance.pk,
        values,
        rows,
        by or "an operator",
    )
    return PurgeResult(values=values, rows=rows)
