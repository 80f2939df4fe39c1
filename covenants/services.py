"""Writes on covenants: versions of the terms, approvals, reports and follow-up (charter rule R7)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charter_portal import caching
from charter_portal.concurrency import check_version, save_versioned
from covenants import events
from covenants.models import (
    Action,
    Approval,
    BudgetLine,
    CityCommitment,
    CityReport,
    Comment,
    CommitmentValue,
    Covenant,
    Document,
    Indicator,
    IndicatorTarget,
    Meeting,
    Opening,
    Report,
    ReportingPeriod,
    ReportNote,
    ReportValue,
    Side,
    TermsVersion,
)


@dataclass
class IndicatorData:
    """One indicator as a form or the API hands it in; ``key`` ties it to the same indicator in older versions."""

    kind: str
    name: str
    key: object = None
    unit: str = ""
    baseline: Decimal | None = None
    higher_is_better: bool = True
    guiding_question: str = ""
    good_answer: str = ""
    targets: dict = field(default_factory=dict)  # year -> Decimal


@dataclass
class CommitmentData:
    """One of the city's commitments as a form or the API hands it in; ``key`` ties it to older versions."""

    kind: str
    description: str
    key: object = None


def yearly_periods(starts_on: date, ends_on: date) -> list[tuple[date, date]]:
    """Calendar years clipped to the covenant period."""
    return [
        (max(starts_on, date(year, 1, 1)), min(ends_on, date(year, 12, 31)))
        for year in range(starts_on.year, ends_on.year + 1)
    ]


@caching.bumps("covenants")
@transaction.atomic
def covenant_create(
    *,
    by,
    reference: str,
    title: str,
    city_service,
    starts_on: date,
    ends_on: date,
    partner_organisation=None,
    partner_collaboration=None,
    objectives: str = "",
    is_demo: bool = False,
    side: str = Side.CITY,
) -> Covenant:
    """Start a covenant with its reporting periods and a first draft of the terms. Started by the city (``side``),
    it is negotiated at once; started by the partner, it waits until the city service accepts to negotiate."""
    covenant = Covenant(
        started_by_side=side,
        opening=Opening.OPEN if side == Side.CITY else Opening.WAITING,
        reference=reference,
        title=title,
        city_service=city_service,
        partner_organisation=partner_organisation,
        partner_collaboration=partner_collaboration,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
        is_demo=is_demo,
    )
    covenant.full_clean()
    covenant.save()
    ReportingPeriod.objects.bulk_create(
        ReportingPeriod(covenant=covenant, starts_on=start, ends_on=end)
        for start, end in yearly_periods(starts_on, ends_on)
    )
    TermsVersion.objects.create(
        covenant=covenant,
        number=1,
        objectives=objectives,
        proposed_by_side=side,
        proposed_by_organisation_id=side_organisation_id(covenant, side, by),
        created_by=by,
    )
    return covenant


def side_organisation_id(covenant: Covenant, side: str, by) -> int | None:
    """The organisation ``by`` acts for on ``side`` of the covenant: the city service, or the partner organisation
    (a collaboration's coordinator). ``None`` when unknown (no person, e.g. demo data without a user)."""
    if side == Side.CITY:
        return covenant.city_service_id
    ids = covenant.partner_organisation_ids
    if by is not None and len(ids) > 1:
        from organisations.models import Membership

        mine = Membership.objects.filter(user=by, organisation_id__in=ids).values_list("organisation_id", flat=True)
        return next(iter(sorted(mine)), None)
    return next(iter(ids), None)


def next_reference(year: int) -> str:
    """A free reference for a covenant a partner proposes (it does not know the city's numbering): CONV-year-NNN."""
    prefix = f"CONV-{year}-"
    taken = set(Covenant.objects.filter(reference__startswith=prefix).values_list("reference", flat=True))
    number = len(taken) + 1
    while f"{prefix}{number:03d}" in taken:
        number += 1
    return f"{prefix}{number:03d}"


@caching.bumps("covenants")
@transaction.atomic
def covenant_propose(
    *,
    by,
    title: str,
    city_service,
    starts_on: date,
    ends_on: date,
    partner_organisation=None,
    partner_collaboration=None,
    objectives: str = "",
) -> Covenant:
    """A partner organisation (or a collaboration's coordinator) starts a covenant draft for a city service; the
    city service accepts to negotiate it or declines it with a reason."""
    covenant = covenant_create(
        by=by,
        reference=next_reference(starts_on.year if starts_on else timezone.localdate().year),
        title=title,
        city_service=city_service,
        partner_organisation=partner_organisation,
        partner_collaboration=partner_collaboration,
        starts_on=starts_on,
        ends_on=ends_on,
        objectives=objectives,
        side=Side.PARTNER,
    )
    events.covenant_proposed(covenant, by=by)
    return covenant


@caching.bumps("covenants")
@transaction.atomic
def covenant_decide_opening(
    *, covenant: Covenant, by, accept: bool, reason: str = "", expected_version: int | None = None
) -> Covenant:
    """The city service accepts a partner's proposal to negotiate it, or declines it with a reason."""
    covenant = Covenant.objects.select_for_update().get(pk=covenant.pk)
    check_version(covenant, expected_version)
    if covenant.opening != Opening.WAITING or covenant.closed_on:
        raise ValidationError(_("This proposal was already accepted or declined."))
    if not accept and not reason.strip():
        raise ValidationError(_("Say why the city service declines this proposal."))
    covenant.opening = Opening.OPEN if accept else Opening.DECLINED
    covenant.decline_reason = "" if accept else reason.strip()
    covenant.opening_decided_at = timezone.now()
    covenant.opening_decided_by = by
    covenant.full_clean(exclude=["city_service", "partner_organisation", "partner_collaboration", "created_by"])
    save_versioned(
        covenant,
        None,
        update_fields=["opening", "decline_reason", "opening_decided_at", "opening_decided_by"],
    )
    events.opening_decided(covenant, by=by, accepted=accept)
    return covenant


def latest_version(covenant: Covenant) -> TermsVersion | None:
    return covenant.versions.order_by("-number").first()


@caching.bumps("covenants")
@transaction.atomic
def version_propose(*, covenant: Covenant, by, side: str, expected_version: int | None = None) -> TermsVersion:
    """A new draft, copied from the latest version (objectives, budget, indicators with their targets).

    When a draft already exists, that draft is returned: there is one draft at a time. ``expected_version``: the
    covenant's version the person read (StaleObjectError when it changed), ``None`` when not checked.
    """
    check_version(Covenant.objects.select_for_update().get(pk=covenant.pk), expected_version)
    existing = covenant.versions.filter(state=TermsVersion.State.DRAFT).first()
    if existing:
        return existing
    if covenant.closed_on:
        raise ValidationError(_("This covenant is closed; its terms no longer change."))
    previous = latest_version(covenant)
    draft = TermsVersion.objects.create(
        covenant=covenant,
        number=(previous.number + 1) if previous else 1,
        objectives=previous.objectives if previous else "",
        proposed_by_side=side,
        proposed_by_organisation_id=side_organisation_id(covenant, side, by),
        created_by=by,
    )
    if previous:
        BudgetLine.objects.bulk_create(
            BudgetLine(terms=draft, year=line.year, amount=line.amount) for line in previous.budget_lines.all()
        )
        for old in previous.indicators.prefetch_related("targets"):
            new = Indicator.objects.create(
                terms=draft,
                key=old.key,
                kind=old.kind,
                position=old.position,
                name=old.name,
                unit=old.unit,
                baseline=old.baseline,
                higher_is_better=old.higher_is_better,
                guiding_question=old.guiding_question,
                good_answer=old.good_answer,
            )
            IndicatorTarget.objects.bulk_create(
                IndicatorTarget(indicator=new, year=t.year, value=t.value) for t in old.targets.all()
            )
        CityCommitment.objects.bulk_create(
            CityCommitment(terms=draft, key=c.key, kind=c.kind, position=c.position, description=c.description)
            for c in previous.city_commitments.all()
        )
    return draft


@caching.bumps("covenants")
@transaction.atomic
def version_save_draft(
    *,
    terms: TermsVersion,
    expected_version: int | None,
    objectives: str | None = None,
    change_note: str | None = None,
    budget: dict[int, Decimal] | None = None,
    indicators: list[IndicatorData] | None = None,
    commitments: list[CommitmentData] | None = None,
) -> TermsVersion:
    """Replace what is given of a draft's content (``None`` keeps that part as it is); refused with
    StaleObjectError when someone else saved it meanwhile."""
    if not terms.is_draft:
        from covenants.models import ImmutableVersionError

        raise ImmutableVersionError()
    years = set(terms.covenant.years)
    if budget is not None and set(budget) - years:
        raise ValidationError(_("Budget years must lie within the covenant period."))
    if objectives is not None:
        terms.objectives = objectives
    if change_note is not None:
        terms.change_note = change_note
    terms.full_clean(exclude=["covenant", "created_by"])
    save_versioned(terms, expected_version)
    if budget is not None:
        _replace_budget(terms, budget)
    if indicators is not None:
        _replace_indicators(terms, indicators, years)
    if commitments is not None:
        _replace_commitments(terms, commitments)
    return terms


def _replace_commitments(terms: TermsVersion, commitments: list[CommitmentData]) -> None:
    terms.city_commitments.all().delete()  # drafts are never reported on
    for position, data in enumerate(commitments):
        commitment = CityCommitment(terms=terms, kind=data.kind, position=position, description=data.description)
        if data.key:
            commitment.key = data.key
        commitment.full_clean(exclude=["terms"])
        commitment.save()


def _replace_budget(terms: TermsVersion, budget: dict[int, Decimal]) -> None:
    terms.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(terms=terms, year=year, amount=amount)
        for year, amount in sorted(budget.items())
        if amount is not None
    )


def _replace_indicators(terms: TermsVersion, indicators: list[IndicatorData], years: set[int]) -> None:
    terms.indicators.all().delete()  # targets go with them (cascade); drafts are never reported on
    for position, data in enumerate(indicators):
        indicator = Indicator(
            terms=terms,
            kind=data.kind,
            position=position,
            name=data.name,
            unit=data.unit if data.kind == Indicator.Kind.QUANTITATIVE else "",
            baseline=data.baseline if data.kind == Indicator.Kind.QUANTITATIVE else None,
            higher_is_better=data.higher_is_better,
            guiding_question=data.guiding_question if data.kind == Indicator.Kind.QUALITATIVE else "",
            good_answer=data.good_answer if data.kind == Indicator.Kind.QUALITATIVE else "",
        )
        if data.key:
            indicator.key = data.key
        indicator.full_clean(exclude=["terms"])
        indicator.save()
        if data.kind == Indicator.Kind.QUANTITATIVE:
            IndicatorTarget.objects.bulk_create(
                IndicatorTarget(indicator=indicator, year=year, value=value)
                for year, value in sorted(data.targets.items())
                if value is not None and year in years
            )


@caching.bumps("covenants")
@transaction.atomic
def version_submit(*, terms: TermsVersion, by, side: str, expected_version: int | None = None) -> TermsVersion:
    """Freeze a draft and ask both sides for approval. Older versions still waiting are superseded."""
    terms = TermsVersion.objects.select_for_update().get(pk=terms.pk)
    check_version(terms, expected_version)
    if not terms.is_draft:
        raise ValidationError(_("Only a draft can be submitted."))
    if not terms.objectives.strip():
        raise ValidationError(_("Write the objectives before submitting this version."))
    if not terms.indicators.exists():
        raise ValidationError(_("Add at least one indicator before submitting this version."))
    opening = Covenant.objects.filter(pk=terms.covenant_id).values_list("opening", flat=True).get()
    if opening == Opening.WAITING:
        raise ValidationError(_("The city service has not yet accepted to negotiate this covenant."))
    if opening == Opening.DECLINED:
        raise ValidationError(_("The city service declined this proposal; its terms no longer change."))
    TermsVersion.objects.filter(covenant=terms.covenant_id, state=TermsVersion.State.SUBMITTED).update(
        state=TermsVersion.State.SUPERSEDED
    )
    # Straight UPDATE: the row stays as it is except for its workflow fields.
    now = timezone.now()
    # The side that submits a version proposes it, whoever opened the draft (a partner may write version 1).
    TermsVersion.objects.filter(pk=terms.pk).update(
        state=TermsVersion.State.SUBMITTED,
        submitted_at=now,
        submitted_by=by,
        proposed_by_side=side,
        proposed_by_organisation_id=side_organisation_id(terms.covenant, side, by),
        version=terms.version + 1,
    )
    terms.refresh_from_db()
    events.version_submitted(terms, by=by, side=side)
    return terms


@caching.bumps("covenants")
@transaction.atomic
def version_approve(
    *, terms: TermsVersion, by, side: str, organisation, expected_version: int | None = None
) -> Approval:
    """Record one side's approval of this exact version; both approvals make it the agreed version."""
    terms = TermsVersion.objects.select_for_update().get(pk=terms.pk)
    check_version(terms, expected_version)
    if terms.state != TermsVersion.State.SUBMITTED:
        raise ValidationError(_("Only a version that waits for approval can be approved."))
    if terms.approvals.filter(side=side).exists():
        raise ValidationError(_("Your side already approved this version."))
    approval = Approval.objects.create(terms=terms, side=side, approved_by=by, organisation=organisation)
    sides = set(terms.approvals.values_list("side", flat=True))
    if sides == {Side.CITY, Side.PARTNER}:
        TermsVersion.objects.filter(covenant=terms.covenant_id, state=TermsVersion.State.AGREED).update(
            state=TermsVersion.State.SUPERSEDED
        )
        terms.state = TermsVersion.State.AGREED
        terms.agreed_at = timezone.now()
        terms.save(update_fields=["state", "agreed_at"])
    events.version_approved(terms, by=by, side=side, agreed=terms.state == TermsVersion.State.AGREED)
    return approval


@caching.bumps("covenants")
@transaction.atomic
def covenant_close(*, covenant: Covenant, by, expected_version: int | None) -> Covenant:
    covenant.closed_on = timezone.localdate()
    save_versioned(covenant, expected_version, update_fields=["closed_on"])
    return covenant


def agreed_version(covenant: Covenant) -> TermsVersion | None:
    return covenant.versions.filter(state=TermsVersion.State.AGREED).order_by("-number").first()


@caching.bumps("covenants")
@transaction.atomic
def period_add(*, covenant: Covenant, starts_on: date, ends_on: date) -> ReportingPeriod:
    period = ReportingPeriod(covenant=covenant, starts_on=starts_on, ends_on=ends_on)
    if ends_on < starts_on:
        raise ValidationError(_("The period cannot end before it starts."))
    if starts_on < covenant.starts_on or ends_on > covenant.ends_on:
        raise ValidationError(_("A reporting period must lie within the covenant period."))
    if covenant.periods.filter(starts_on=starts_on).exists():
        raise ValidationError(_("There already is a reporting period starting on that date."))
    period.save()
    return period


@caching.bumps("covenants")
@transaction.atomic
def report_start(*, period: ReportingPeriod, by) -> Report:
    """Open (or return) the report of a period, against the version of the terms agreed now."""
    existing = Report.objects.filter(period=period).first()
    if existing:
        return existing
    terms = agreed_version(period.covenant)
    if terms is None:
        raise ValidationError(_("There is no agreed version of the terms to report on yet."))
    report = Report.objects.create(covenant=period.covenant, period=period, terms=terms)
    ReportValue.objects.bulk_create(ReportValue(report=report, indicator=i) for i in terms.indicators.all())
    return report


@caching.bumps("covenants")
@transaction.atomic
def report_save(*, report: Report, expected_version: int | None, values: dict[int, tuple]) -> Report:
    """Store actuals and narratives: ``values`` maps indicator id to (actual or None, narrative)."""
    if not report.is_editable_by_partner:
        raise ValidationError(_("This report is waiting for review or accepted; it cannot change now."))
    save_versioned(report, expected_version)
    rows = {row.indicator_id: row for row in report.values.select_related("indicator")}
    for indicator_id, (actual, narrative) in values.items():
        row = rows.get(indicator_id)
        if row is None:
            continue
        row.actual = actual if row.indicator.is_quantitative else None
        row.narrative = narrative or ""
        row.full_clean(exclude=["report", "indicator"])
        row.save()
    return report


@caching.bumps("covenants")
@transaction.atomic
def report_submit(*, report: Report, by, expected_version: int | None = None, answer: str = "") -> Report:
    """Send a report for review; ``answer``: what the partner says to the city's last review (kept in the thread)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    check_version(report, expected_version)
    if not report.is_editable_by_partner:
        raise ValidationError(_("This report was already submitted."))
    missing = [
        v.indicator.name
        for v in report.values.select_related("indicator")
        if (v.indicator.is_quantitative and v.actual is None) or (not v.indicator.is_quantitative and not v.narrative)
    ]
    if missing:
        raise ValidationError(
            _("Fill in every indicator before submitting. Still missing: %(names)s.") % {"names": ", ".join(missing)}
        )
    _mark_submitted(report, by=by, answer=answer, side=Side.PARTNER, note_of="report")
    events.report_submitted(report, by=by)
    return report


@caching.bumps("covenants")
@transaction.atomic
def report_review(
    *, report: Report, by, accept: bool, comment: str = "", expected_version: int | None = None
) -> Report:
    report = _locked_for_review(Report, report, expected_version, by=by, accept=accept, comment=comment)
    # The latest review stays on the report (the API's review_comment); every review joins the thread.
    report.review_comment = comment
    report.full_clean(exclude=["covenant", "period", "terms", "reviewed_by"])
    _record_review(report, by=by, accept=accept, comment=comment, side=Side.CITY, note_of="report")
    events.report_reviewed(report, by=by, accepted=accept)
    return report


@caching.bumps("covenants")
def comment_add(*, covenant: Covenant, by, side: str, body: str) -> Comment:
    comment = Comment(covenant=covenant, author=by, side=side, body=body)
    comment.full_clean(exclude=["covenant", "author"])
    comment.save()
    events.discussed(covenant, kind="covenants.comment", by=by, side=side, target=comment)
    return comment


@dataclass
class ActionData:
    description: str
    owner_side: str
    due_on: date


@caching.bumps("covenants")
@transaction.atomic
def meeting_record(
    *, covenant: Covenant, by, held_on: date, participants, notes: str, actions: list[ActionData]
) -> Meeting:
    meeting = Meeting(covenant=covenant, held_on=held_on, notes=notes, created_by=by)
    meeting.full_clean(exclude=["covenant", "created_by"])
    meeting.save()
    meeting.participants.set(participants)
    for data in actions:
        action = Action(
            covenant=covenant,
            meeting=meeting,
            description=data.description,
            owner_side=data.owner_side,
            due_on=data.due_on,
        )
        action.full_clean(exclude=["covenant", "meeting"])
        action.save()
    events.discussed(covenant, kind="covenants.meeting", by=by, side=None, target=meeting)
    return meeting


@caching.bumps("covenants")
def action_mark_done(*, action: Action, expected_version: int | None) -> Action:
    action.done_on = timezone.localdate()
    save_versioned(action, expected_version, update_fields=["done_on"])
    return action


# --- the city's own report on its commitments (the partner reviews it) -----------------------------------


@caching.bumps("covenants")
@transaction.atomic
def city_report_start(*, period: ReportingPeriod, by) -> CityReport:
    """Open (or return) the city's report of a period, against the commitments of the version agreed now."""
    existing = CityReport.objects.filter(period=period).first()
    if existing:
        return existing
    terms = agreed_version(period.covenant)
    if terms is None:
        raise ValidationError(_("There is no agreed version of the terms to report on yet."))
    commitments = list(terms.city_commitments.all())
    if not commitments:
        raise ValidationError(_("The agreed terms hold no commitments of the city to report on."))
    report = CityReport.objects.create(covenant=period.covenant, period=period, terms=terms)
    CommitmentValue.objects.bulk_create(CommitmentValue(report=report, commitment=c) for c in commitments)
    return report


@caching.bumps("covenants")
@transaction.atomic
def city_report_save(*, report: CityReport, expected_version: int | None, values: dict[int, tuple]) -> CityReport:
    """Store per commitment whether it was kept and why: ``values`` maps commitment id to (fulfilment, narrative)."""
    if not report.is_editable_by_city:
        raise ValidationError(_("This report is waiting for review or accepted; it cannot change now."))
    save_versioned(report, expected_version)
    rows = {row.commitment_id: row for row in report.values.all()}
    for commitment_id, (fulfilment, narrative) in values.items():
        row = rows.get(commitment_id)
        if row is None:
            continue
        row.fulfilment = fulfilment or ""
        row.narrative = narrative or ""
        row.full_clean(exclude=["report", "commitment"])
        row.save()
    return report


@caching.bumps("covenants")
@transaction.atomic
def city_report_submit(*, report: CityReport, by, expected_version: int | None = None, answer: str = "") -> CityReport:
    report = CityReport.objects.select_for_update().get(pk=report.pk)
    check_version(report, expected_version)
    if not report.is_editable_by_city:
        raise ValidationError(_("This report was already submitted."))
    missing = [
        v.commitment.description
        for v in report.values.select_related("commitment")
        if not v.fulfilment or (v.fulfilment != CommitmentValue.Fulfilment.KEPT and not v.narrative.strip())
    ]
    if missing:
        raise ValidationError(
            _(
                "Say for every commitment whether it was kept, and explain what was not fully kept. Still missing: "
                "%(names)s."
            )
            % {"names": ", ".join(missing)}
        )
    _mark_submitted(report, by=by, answer=answer, side=Side.CITY, note_of="city_report")
    events.city_report_submitted(report, by=by)
    return report


@caching.bumps("covenants")
@transaction.atomic
def city_report_review(
    *, report: CityReport, by, accept: bool, comment: str = "", expected_version: int | None = None
) -> CityReport:
    """The partner accepts the city's report or asks for a revision (with a comment, kept in the thread)."""
    report = _locked_for_review(CityReport, report, expected_version, by=by, accept=accept, comment=comment)
    _record_review(report, by=by, accept=accept, comment=comment, side=Side.PARTNER, note_of="city_report")
    events.city_report_reviewed(report, by=by, accepted=accept)
    return report


# --- what both sides' reports share: submitting with an answer, and a review kept in the thread -----------------
# ``note_of``: the field of ReportNote that holds this kind of report (``report`` or ``city_report``).


def _mark_submitted(report: Report | CityReport, *, by, answer: str, side: str, note_of: str) -> None:
    report.state = Report.State.SUBMITTED
    report.submitted_at = timezone.now()
    save_versioned(report, None)
    if answer.strip():
        _add_note(report, note_of, kind=ReportNote.Kind.ANSWER, side=side, author=by, body=answer.strip())


def _locked_for_review(model, report, expected_version, *, by, accept: bool, comment: str):
    """The report locked, checked and moved to its reviewed state, to be saved by ``_record_review``."""
    report = model.objects.select_for_update().get(pk=report.pk)
    check_version(report, expected_version)
    if report.state != Report.State.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be reviewed."))
    if not accept and not comment.strip():
        raise ValidationError(_("Say what needs revising in the comment."))
    report.state = Report.State.ACCEPTED if accept else Report.State.REVISION_REQUESTED
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    return report


def _record_review(report: Report | CityReport, *, by, accept: bool, comment: str, side: str, note_of: str) -> None:
    save_versioned(report, None)
    kind = ReportNote.Kind.ACCEPTED if accept else ReportNote.Kind.REVISION_REQUESTED
    _add_note(report, note_of, kind=kind, side=side, author=by, body=comment.strip(), written_at=report.reviewed_at)


def _add_note(report, note_of: str, **fields) -> None:
    note = ReportNote(**{note_of: report}, **fields)
    note.full_clean(exclude=[note_of, "author"])
    note.save()


# --- documents ----------------------------------------------------------------------------------------------


@caching.bumps("covenants")
@transaction.atomic
def document_upload(
    *,
    covenant: Covenant,
    by,
    content: bytes,
    file_name: str,
    title: str,
    no_child_data_confirmed: bool,
    attached_to=None,
    replaces: Document | None = None,
) -> Document:
    """Keep a document with the covenant (or one of its versions, reports or meetings). The type is read from the
    content; ``replaces``: an earlier version of the same document, which stays as it is."""
    import hashlib

    from django.conf import settings
    from django.core.files.base import ContentFile

    from covenants.documents import sniff

    if not no_child_data_confirmed:
        raise ValidationError(_("Confirm that the file holds no personal data of children."))
    if not content:
        raise ValidationError(_("The file is empty."))
    limit = settings.COVENANT_DOCUMENT_MAX_BYTES
    if len(content) > limit:
        raise ValidationError(_("The file is too large: at most %(size)s MB.") % {"size": f"{limit / 1_000_000:g}"})
    kind = sniff(content)
    if kind is None:
        raise ValidationError(
            _("Only PDF files and office documents (Word, Excel, PowerPoint, OpenDocument) can be attached; no images.")
        )
    document = Document(covenant=covenant, title=title, uploaded_by=by, no_child_data_confirmed=True)
    if replaces is not None:
        if replaces.covenant_id != covenant.pk:
            raise ValidationError(_("That document belongs to another covenant."))
        latest = Document.objects.select_for_update().filter(lineage=replaces.lineage).order_by("-number").first()
        document.lineage = latest.lineage
        document.number = latest.number + 1
        document.terms_id, document.report_id, document.meeting_id = (
            latest.terms_id,
            latest.report_id,
            latest.meeting_id,
        )
    elif attached_to is not None:
        setattr(document, {TermsVersion: "terms", Report: "report", Meeting: "meeting"}[type(attached_to)], attached_to)
    import re

    # Kept for the download's name: plain letters only, and the extension of what the content is.
    stem = (file_name.rsplit(".", 1)[0] if "." in file_name else file_name).strip()
    stem = re.sub(r"[^A-Za-z0-9 ._()-]", "_", stem).strip(" .") or "document"
    document.file_name = f"{stem[:180]}.{kind.extension}"
    document.content_type = kind.content_type
    document.size = len(content)
    document.sha256 = hashlib.sha256(content).hexdigest()
    document.full_clean(exclude=["covenant", "terms", "report", "meeting", "uploaded_by", "content", "stored_as"])
    alias = settings.COVENANT_DOCUMENT_STORAGE
    if alias:
        from django.core.files.storage import storages

        name = f"covenant-documents/{covenant.pk}/{document.lineage}/{document.number}.{kind.extension}"
        document.stored_as = storages[alias].save(name, ContentFile(content))
    else:
        document.content = content
    document.save()
    return document


def document_content(document: Document) -> bytes:
    if document.stored_as:
        from django.conf import settings
        from django.core.files.storage import storages

        with storages[settings.COVENANT_DOCUMENT_STORAGE].open(document.stored_as, "rb") as handle:
            return handle.read()
    return bytes(document.content)
