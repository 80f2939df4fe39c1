"""Reads of the charter app: current version, signatories, chain verification."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone

from charter import anchors
from charter.models import Article, ChainEntry, ChainHead, CharterVersion
from organisations.models import Organisation


def current_version() -> CharterVersion | None:
    return CharterVersion.objects.current()


def version_with_articles(version: CharterVersion) -> dict:
    """The articles of a version split into the two sections (one query)."""
    articles = list(version.articles.all())
    return {
        "vision": [a for a in articles if a.section == Article.Section.VISION],
        "principles": [a for a in articles if a.section == Article.Section.PRINCIPLE],
    }


def active_signatures():
    return ChainEntry.objects.active()


def signatory_organisation_ids() -> set[int]:
    """Organisations with an active (not withdrawn) signature of any charter version."""
    return set(active_signatures().values_list("organisation_id", flat=True).distinct())


def annotate_is_signatory(queryset):
    """Annotate an Organisation queryset with ``is_signatory``: an active signature of any version."""
    return queryset.annotate(is_signatory=Exists(active_signatures().filter(organisation=OuterRef("pk"))))


def signatories(*, kind: str = "", sector: str = ""):
    """Approved, active organisations with an active signature, each with its latest signed version.

    Annotations: ``signed_version_id``, ``signed_version_label``, ``signed_version_published_on``,
    ``signed_at``. One query (plus one for the prefetched sectors), whatever the number of rows.
    """
    latest = (
        active_signatures()
        .filter(organisation=OuterRef("pk"))
        .order_by("-charter_version__published_on", "-charter_version_id", "-sequence")
    )
    qs = (
        annotate_is_signatory(Organisation.objects.approved())
        .filter(is_signatory=True)
        .annotate(
            signed_version_id=Subquery(latest.values("charter_version_id")[:1]),
            signed_version_label=Subquery(latest.values("charter_version__label")[:1]),
            signed_version_published_on=Subquery(latest.values("charter_version__published_on")[:1]),
            signed_at=Subquery(latest.values("created_at")[:1]),
        )
        .prefetch_related("sectors")
        .order_by("name")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if sector:
        qs = qs.filter(
            Exists(Organisation.sectors.through.objects.filter(organisation=OuterRef("pk"), sector__code=sector))
        )
    return qs


def signatory_counts() -> dict[str, int]:
    """Number of signatory organisations per kind (one query)."""
    rows = (
        annotate_is_signatory(Organisation.objects.approved())
        .filter(is_signatory=True)
        .values("kind")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(Organisation.Kind.values, 0)
    for row in rows:
        counts[row["kind"]] = row["n"]
    return counts


SIGNED_CURRENT, SIGNED_OLDER, NOT_SIGNED = "current", "older", "none"


def signature_status_rows(*, kind: str = "", status: str = ""):
    """Every approved, active organisation with its signature: ``signature_status`` (``SIGNED_CURRENT``,
    ``SIGNED_OLDER`` or ``NOT_SIGNED``), ``signed_version_label`` and ``signed_at`` of its latest active signature.
    One query, plus one for the sectors."""
    from django.db.models import Case, CharField, Value, When

    version = CharterVersion.objects.published().order_by("-published_on", "-pk").values("pk")[:1]
    signed = active_signatures().filter(organisation=OuterRef("pk"))
    latest = signed.order_by("-charter_version__published_on", "-charter_version_id", "-sequence")
    qs = (
        Organisation.objects.approved()
        .annotate(
            signature_status=Case(
                When(Exists(signed.filter(charter_version_id=Subquery(version))), then=Value(SIGNED_CURRENT)),
                When(Exists(signed), then=Value(SIGNED_OLDER)),
                default=Value(NOT_SIGNED),
                output_field=CharField(),
            ),
            signed_version_label=Subquery(latest.values("charter_version__label")[:1]),
            signed_at=Subquery(latest.values("created_at")[:1]),
        )
        .prefetch_related("sectors")
        .order_by("name", "pk")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(signature_status=status)
    return qs


@dataclass(frozen=True)
class OrganisationCharterStatus:
    organisation: Organisation
    current_signature: ChainEntry | None  # active signature of the current version
    older_signature: ChainEntry | None  # latest active signature of an older version

    @property
    def needs_to_sign(self) -> bool:
        return self.current_signature is None

    @property
    def signed_older_only(self) -> bool:
        return self.current_signature is None and self.older_signature is not None


def charter_status_for(organisation_ids, version: CharterVersion | None) -> list[OrganisationCharterStatus]:
    """Per organisation: did it sign the current version, or only an older one? Two queries."""
    if not organisation_ids:
        return []
    organisations = list(Organisation.objects.approved().filter(pk__in=organisation_ids).order_by("name"))
    entries = (
        active_signatures()
        .filter(organisation_id__in=[o.pk for o in organisations])
        .select_related("charter_version")
        .order_by("charter_version__published_on", "charter_version_id", "sequence")
    )
    current, older = {}, {}
    for entry in entries:
        if version is not None and entry.charter_version_id == version.pk:
            current[entry.organisation_id] = entry
        else:
            older[entry.organisation_id] = entry  # later rows win: the latest older version
    return [OrganisationCharterStatus(o, current.get(o.pk), older.get(o.pk)) for o in organisations]


def sign_reminder_state(organisation_ids) -> str:
    """For the menu, in one query: '' when every organisation signed the current version (or there is none),
    'new' when one signed only an older version, 'first' when one never signed. Same answer as
    ``charter_status_for``."""
    if not organisation_ids:
        return ""
    current = CharterVersion.objects.published().order_by("-published_on", "-pk").values("pk")[:1]
    signed = active_signatures().filter(organisation=OuterRef("pk"))
    rows = (
        Organisation.objects.approved()
        .filter(pk__in=organisation_ids)
        .annotate(
            signed_current=Exists(signed.filter(charter_version_id=Subquery(current))),
            signed_any=Exists(signed),
            has_version=Exists(CharterVersion.objects.published()),
        )
        .values_list("signed_current", "signed_any", "has_version")
    )
    unsigned = [signed_any for signed_current, signed_any, has_version in rows if has_version and not signed_current]
    if any(unsigned):
        return "new"
    return "first" if unsigned else ""


def organisation_history(organisation: Organisation):
    return (
        ChainEntry.objects.filter(organisation=organisation)
        .select_related("charter_version", "withdrawal")
        .order_by("-sequence")
    )


def entry_by_code(code: str) -> ChainEntry | None:
    from charter.models import normalise_receipt_code

    code = normalise_receipt_code(code)
    if not code:
        return None
    return (
        ChainEntry.objects.select_related("charter_version", "organisation", "withdraws", "withdrawal")
        .filter(receipt_code=code)
        .first()
    )


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    bad_sequence: int | None = None
    problem: str = ""


def verify_chain(*, upto: int | None = None) -> ChainReport:
    """Walk the chain from the first entry (up to ``upto``) and check sequence, links, hashes and HMACs.

    Reads the raw columns, so any change made behind the model's back is found.
    """
    version_hashes = dict(CharterVersion.objects.values_list("pk", "text_hash"))
    entries = ChainEntry.objects.order_by("sequence")
    if upto is not None:
        entries = entries.filter(sequence__lte=upto)
    expected_sequence = 1
    previous_hash = "0" * 64
    checked = 0
    key_rank = 0
    for entry in entries.iterator(chunk_size=500):
        if entry.sequence != expected_sequence:
            # Entry ``expected_sequence`` was removed or renumbered: name the one that is missing.
            return ChainReport(
                False, checked, expected_sequence, f"entry {expected_sequence} is missing (found {entry.sequence})"
            )
        if entry.previous_hash != previous_hash:
            return ChainReport(False, checked, entry.sequence, "previous hash does not match the previous entry")
        if entry.compute_hash() != entry.entry_hash:
            return ChainReport(False, checked, entry.sequence, "entry hash does not match its content")
        if version_hashes.get(entry.charter_version_id) != entry.charter_hash:
            return ChainReport(False, checked, entry.sequence, "charter hash does not match the charter version")
        if problem := anchors.hmac_problem(entry.entry_hash, entry.hmac):
            return ChainReport(False, checked, entry.sequence, problem)
        rank = anchors.key_rank(entry.hmac)
        if rank < key_rank:
            return ChainReport(False, checked, entry.sequence, "its HMAC key is older than the previous entry's")
        key_rank = rank
        checked += 1
        expected_sequence += 1
        previous_hash = entry.entry_hash
    if upto is None:
        head = ChainHead.objects.filter(pk=1).first()
        head_sequence = head.sequence if head else 0
        head_hash = head.last_hash if head else "0" * 64
        if head_sequence != checked or head_hash != previous_hash:
            return ChainReport(
                False, checked, checked + 1 if head_sequence > checked else checked, "chain head mismatch"
            )
    return ChainReport(True, checked)


def extends_head(head: anchors.Head) -> str:
    """Why the chain does not extend a head published earlier ('' when it does): the entry at the head's length
    must still exist and have the head's hash. Run ``verify_chain`` too: this checks the one link only."""
    if head.length == 0:
        return "" if head.hash == "0" * 64 else "the kept head of length 0 must have the hash of 64 zeros"
    entry_hash = ChainEntry.objects.filter(sequence=head.length).values_list("entry_hash", flat=True).first()
    if entry_hash is None:
        length = ChainEntry.objects.count()
        return f"the chain has {length} entries, fewer than the {head.length} of the kept head of {head.time}"
    if entry_hash != head.hash:
        return f"entry {head.length} no longer has the hash of the kept head of {head.time}: the chain was rewritten"
    return ""


def published_head() -> dict:
    """The chain head as the portal publishes it: length, last hash and the time now, signed (one query)."""
    head = ChainHead.objects.filter(pk=1).values("sequence", "last_hash").first() or {
        "sequence": 0,
        "last_hash": "0" * 64,
    }
    return anchors.signed_head(length=head["sequence"], last_hash=head["last_hash"], moment=timezone.now())


def verify_charter_versions() -> list[str]:
    """Labels of published versions whose stored hash no longer matches their text."""
    bad = []
    for version in CharterVersion.objects.published().prefetch_related("articles"):
        if version.compute_hash() != version.text_hash:
            bad.append(version.label)
    return bad


def kinds_with_counts(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(value, label, counts.get(value, 0)) for value, label in Organisation.Kind.choices]
