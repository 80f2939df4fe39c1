"""How long a free text may be: the few maxima every ``TextField`` of the portal takes its ``max_length`` from.

The limit is chosen by what people write in a field, with room to spare: a few sentences (a reason, a schedule), a
note or a comment, a description of a page or two, the charter's own texts; the texts the portal writes itself (an
offer's search words, a reminder's list of addresses) get a ceiling far above what they hold. A form and the API
refuse a longer text with the field's error; the database refuses it too (``charter_portal.db_limits``), except an
old value that was there before the limit and is not changed: ``flag_long_texts`` tells its owners.
tests/security/test_text_limits.py fails on a ``TextField`` without a limit or without its database trigger.
"""

from django.apps import apps
from django.db import models

SHORT_TEXT = 1_000  # a few sentences: a reason, a schedule, what a space offers
NOTE_TEXT = 2_000  # a note, a comment, an observation
TEXT = 5_000  # a description, an answer, a narrative
LONG_TEXT = 20_000  # the charter's introduction and articles, written by the city
GENERATED_TEXT = 100_000  # text the portal writes itself from other fields


def limited_text_fields(model) -> list[models.TextField]:
    """The model's own text fields that carry a limit (concrete columns, not inherited through a parent link)."""
    return [
        field
        for field in model._meta.local_concrete_fields
        if isinstance(field, models.TextField) and field.max_length is not None
    ]


def limited_models() -> list:
    """The portal's models with a limited text field; history copies are left out (they keep what was saved)."""
    found = []
    for model in apps.get_models():
        if model.__name__.startswith("Historical") or model._meta.proxy or not model._meta.managed:
            continue
        if limited_text_fields(model):
            found.append(model)
    return found
