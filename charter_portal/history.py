"""Who changed what, when: the recorded history (django-simple-history) of the portal's domain objects.

Each app registers the kinds of objects whose history it keeps (``register_kinds``); the core knows no app.

``history_entries`` merges the history of several kinds of objects into one timeline, newest first, each
entry with its changes (field: old -> new) computed against the object's previous record. The number of
queries does not grow with the number of entries: two per kind (the records, and the records before them)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

MAX_VALUE_LENGTH = 120
NOT_SHOWN = {"id", "version", "token_hash", "text_hash"}


def last_records_before(history_model, before: datetime.datetime):
    """Each object's last historical record saved before ``before``: the object as it stood then, objects deleted
    by then left out (one query with a subquery). An object whose history starts later has no record here."""
    last = (
        history_model.objects.filter(id=OuterRef("id"), history_date__lt=before)
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    return history_model.objects.filter(history_date__lt=before, history_id=Subquery(last)).exclude(history_type="-")


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    model_path: str
    describe: object  # historical record -> str
    organisation_filter: object = None  # organisation -> Q on the historical model, or None: city admins only
    related: tuple = ()


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    kind: Kind
    when: datetime.datetime
    who: object
    what: str
    action: str
    changes: list = field(default_factory=list)
    reason: str = ""


def _model(path):
    from django.apps import apps

    return apps.get_model(path)


# Registered by the apps at start-up (``register_kinds`` in ``AppConfig.ready``), in the order shown.
KINDS: list[Kind] = []
KINDS_BY_CODE: dict[str, Kind] = {}


def register_kinds(*kinds: Kind) -> None:
    for kind in kinds:
        if kind.code not in KINDS_BY_CODE:
            KINDS.append(kind)
            KINDS_BY_CODE[kind.code] = kind


ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def kinds_for(organisation=None) -> list[Kind]:
    """The kinds of objects shown: an organisation's own, or (``None``) every kind, for city admins."""
    return [kind for kind in KINDS if organisation is None or kind.organisation_filter is not None]


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    text = str(value)
    return text if len(text) <= MAX_VALUE_LENGTH else text[: MAX_VALUE_LENGTH - 1] + "…"


def _tracked_fields(history_model) -> list:
    """The fields whose changes are shown: the tracked, editable ones (``diff_against`` compares those)."""
    return [f for f in history_model.tracked_fields if f.editable and f.attname not in NOT_SHOWN]


def _previous_records(history_model, records) -> dict:
    """For each record, the record of the same object just before it (one query)."""
    if not records:
        return {}
    object_ids = {r.id for r in records}
    before = max(r.history_date for r in records)
    rows = history_model.objects.filter(id__in=object_ids, history_date__lte=before).order_by("history_date", "pk")
    by_object = {}
    for row in rows:
        by_object.setdefault(row.id, []).append(row)
    previous = {}
    for record in records:
        chain = by_object.get(record.id, [])
        index = next((i for i, row in enumerate(chain) if row.pk == record.pk), None)
        previous[record.pk] = chain[index - 1] if index else None
    return previous


def _changes(record, previous, fields) -> list[Change]:
    if previous is None or record.history_type != "~":
        return []
    changes = []
    delta = record.diff_against(previous, included_fields=[f.name for f in fields])
    verbose = {f.name: f.verbose_name for f in fields}
    for change in delta.changes:
        changes.append(Change(str(verbose.get(change.field, change.field)), _shown(change.old), _shown(change.new)))
    return changes


def history_entries(
    *, organisation=None, kind_codes=None, since: datetime.date | None = None, until=None, limit: int = 100
) -> list[Entry]:
    """The newest ``limit`` history entries of ``organisation``'s objects (or of everything), newest first."""
    entries = []
    for kind in kinds_for(organisation):
        if kind_codes and kind.code not in kind_codes:
            continue
        model = _model(kind.model_path)
        history_model = model.history.model
        records = history_model.objects.select_related("history_user", *kind.related).order_by("-history_date", "-pk")
        if organisation is not None:
            records = records.filter(kind.organisation_filter(organisation))
        if since:
            records = records.filter(history_date__date__gte=since)
        if until:
            records = records.filter(history_date__date__lte=until)
        records = list(records[:limit])
        previous = _previous_records(history_model, [r for r in records if r.history_type == "~"])
        fields = _tracked_fields(history_model)
        for record in records:
            entries.append(
                Entry(
                    kind=kind,
                    when=record.history_date,
                    who=record.history_user,
                    what=kind.describe(record),
                    action=ACTIONS.get(record.history_type, record.history_type),
                    changes=_changes(record, previous.get(record.pk), fields),
                    reason=record.history_change_reason or "",
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
