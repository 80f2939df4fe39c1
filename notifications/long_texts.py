"""Texts saved before their field had a maximum and longer than it: found, and told to the people who can shorten them.

The database keeps such a text (charter_portal.db_limits refuses only a new or changed value), so nothing is cut;
``flag_long_texts()`` (the ``flag_long_texts`` command, run once after the upgrade that brought the limits) sends
one notification per text to its owners: which field of which object, the limit, and a link to the object's edit
page, never the text itself. Each app says who owns its objects and where they are edited with
``register_text_owners`` (in its ``events.py``); for the others, ``register_default_text_owners`` names who looks
after them (the city's admins, organisations/events.py), with a link to the object's page in the admin.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Q
from django.db.models.functions import Length
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from charter_portal.text_limits import limited_models, limited_text_fields
from notifications.kinds import register_kind
from notifications.services import notify

KIND = "texts.too_long"

register_kind(
    KIND,
    category="action_needed",
    title=_(
        "The {field} of “{object}” is longer than the {limit} characters it may hold now: shorten it when you next "
        "edit it"
    ),
)


@dataclass(frozen=True)
class TextOwners:
    people: Callable  # object -> the users who can shorten its texts
    edit_url: Callable  # object -> the path of its edit page


def _admin_url(obj) -> str:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""


_owners: dict[str, TextOwners] = {}
_default = TextOwners(people=lambda obj: [], edit_url=_admin_url)


def register_text_owners(model, *, people: Callable, edit_url: Callable) -> None:
    _owners[model._meta.label_lower] = TextOwners(people=people, edit_url=edit_url)


def register_default_text_owners(*, people: Callable) -> None:
    """Who looks after the objects whose app registered no owners (they get the admin's edit page)."""
    global _default
    _default = TextOwners(people=people, edit_url=_admin_url)


def owners_of(model) -> TextOwners:
    return _owners.get(model._meta.label_lower, _default)


def too_long(model) -> Iterable[tuple[object, list]]:
    """(object, its fields whose text is longer than the field's limit), one query for the model."""
    fields = limited_text_fields(model)
    lengths = {f"_length_{field.name}": Length(field.name) for field in fields}
    longer = Q()
    for field in fields:
        longer |= Q(**{f"_length_{field.name}__gt": field.max_length})
    for obj in model._base_manager.annotate(**lengths).filter(longer).order_by("pk"):
        yield obj, [field for field in fields if getattr(obj, f"_length_{field.name}") > field.max_length]


def flag_long_texts() -> list[tuple[str, int, str]]:
    """Tell the owners of every too-long text; returns (model label, pk, field name) of each text found."""
    found = []
    for model in limited_models():
        owners = owners_of(model)
        for obj, fields in too_long(model):
            people = sorted(owners.people(obj), key=lambda user: (user.preferred_language or "", user.pk))
            url = owners.edit_url(obj)
            for field in fields:
                found.append((model._meta.label, obj.pk, field.name))
                # The parameters are stored as text: each reader gets them in their own language.
                for language, group in groupby(people, key=lambda user: user.preferred_language or ""):
                    with translation.override(language or None):
                        params = {"field": str(field.verbose_name), "object": str(obj), "limit": field.max_length}
                    notify(KIND, list(group), target=obj, params=params, url=url)
    return found
