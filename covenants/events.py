"""What the covenant workflow tells people, through the portal's notifications, and what waits for them.

Action events (a version or a report waiting for someone's decision, a report sent back) go to those who can act:
the city service's staff, or the partner side's admins. Informational events (a version agreed, a report accepted,
a comment, a meeting's notes) go to every member of both sides. Nobody hears of what they did themselves.
"""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import Covenant, Report, ReportingPeriod, Side, TermsVersion
from notifications.kinds import register_kind
from notifications.long_texts import register_text_owners
from notifications.services import notify
from notifications.todo import TodoItem, register_todo
from organisations.models import Membership, Organisation
from organisations.selectors import member_organisation_ids, members

register_kind(
    "covenants.version_submitted",
    category="action_needed",
    title=_("{actor} submitted version {number} of covenant {reference}: it waits for your approval"),
)
register_kind(
    "covenants.version_waiting",
    category="action_needed",
    title=_("{actor} approved version {number} of covenant {reference}: it waits for your approval"),
)
register_kind(
    "covenants.version_approved",
    category="covenants",
    title=_("{actor} approved version {number} of covenant {reference}"),
)
register_kind(
    "covenants.version_agreed",
    category="covenants",
    title=_("Version {number} of covenant {reference} is agreed by both sides"),
)
register_kind(
    "covenants.report_submitted",
    category="action_needed",
    title=_("{actor} submitted the report {period} of covenant {reference}: it waits for your review"),
)
register_kind(
    "covenants.report_accepted",
    category="covenants",
    title=_("{actor} accepted the report {period} of covenant {reference}"),
)
register_kind(
    "covenants.report_sent_back",
    category="action_needed",
    title=_("{actor} sent the report {period} of covenant {reference} back for revision"),
)
register_kind(
    "covenants.comment",
    category="covenants",
    title=_("{actor} wrote a comment on covenant {reference}"),
)
register_kind(
    "covenants.meeting",
    category="covenants",
    title=_("{actor} recorded the notes of a meeting on covenant {reference}"),
)

register_kind(
    "covenants.proposed",
    category="action_needed",
    title=_("{actor} proposes covenant {reference} to your service: accept to negotiate it or decline it"),
)
register_kind(
    "covenants.proposal_accepted",
    category="covenants",
    title=_("{actor} accepted to negotiate covenant {reference}"),
)
register_kind(
    "covenants.proposal_declined",
    category="covenants",
    title=_("{actor} declined the proposed covenant {reference}"),
)

register_kind(
    "covenants.city_report_submitted",
    category="action_needed",
    title=_("{actor} reported on the city's commitments {period} in covenant {reference}: it waits for your review"),
)
register_kind(
    "covenants.city_report_accepted",
    category="covenants",
    title=_("{actor} accepted the city's report {period} of covenant {reference}"),
)
register_kind(
    "covenants.city_report_sent_back",
    category="action_needed",
    title=_("{actor} sent the city's report {period} of covenant {reference} back for revision"),
)


def side_organisation_ids(covenant: Covenant, side: str) -> set:
    return {covenant.city_service_id} if side == Side.CITY else set(covenant.partner_organisation_ids)


def people(covenant: Covenant, side: str | None = None, *, deciders: bool = False) -> list:
    """Members of one side (or both); ``deciders``: only those who decide for it (city staff, partner admins)."""
    sides = [side] if side else [Side.CITY, Side.PARTNER]
    query = Q()
    for one in sides:
        ids = side_organisation_ids(covenant, one)
        if deciders and one == Side.PARTNER:
            query |= Q(organisation_id__in=ids, role=Membership.Role.ADMIN)
        else:
            query |= Q(organisation_id__in=ids)
    return list(members(query, organisation__is_active=True))


def _their_organisation(covenant: Covenant, side: str, by):
    ids = side_organisation_ids(covenant, side)
    return Organisation.objects.filter(pk__in=ids).filter(pk__in=member_organisation_ids(by)).order_by("pk").first()


def _other(side: str) -> str:
    return Side.PARTNER if side == Side.CITY else Side.CITY


def _version_params(terms: TermsVersion) -> dict:
    return {"number": terms.number, "reference": terms.covenant.reference}


def _version_url(terms: TermsVersion) -> str:
    return reverse("covenants:version", args=[terms.covenant_id, terms.number])


def version_submitted(terms: TermsVersion, *, by, side: str) -> None:
    covenant = terms.covenant
    notify(
        "covenants.version_submitted",
        people(covenant, _other(side), deciders=True),
        actor=by,
        actor_organisation=_their_organisation(covenant, side, by),
        target=terms,
        params=_version_params(terms),
        url=_version_url(terms),
    )


def version_approved(terms: TermsVersion, *, by, side: str, agreed: bool) -> None:
    covenant = terms.covenant
    if agreed:
        notify(
            "covenants.version_agreed",
            people(covenant),
            actor=by,
            target=terms,
            params=_version_params(terms),
            url=_version_url(terms),
        )
        return
    # The other side still has to decide: for its deciders an action, for everyone else on both sides news.
    asked = people(covenant, _other(side), deciders=True)
    common = {
        "actor": by,
        "actor_organisation": _their_organisation(covenant, side, by),
        "target": terms,
        "params": _version_params(terms),
        "url": _version_url(terms),
    }
    notify("covenants.version_waiting", asked, **common)
    asked_ids = {user.pk for user in asked}
    notify("covenants.version_approved", [user for user in people(covenant) if user.pk not in asked_ids], **common)


def covenant_proposed(covenant: Covenant, *, by) -> None:
    """A partner's proposal: for the city service's staff an action."""
    notify(
        "covenants.proposed",
        people(covenant, Side.CITY, deciders=True),
        actor=by,
        actor_organisation=_their_organisation(covenant, Side.PARTNER, by),
        target=covenant,
        params={"reference": covenant.reference},
        url=reverse("covenants:detail", args=[covenant.pk]),
    )


def opening_decided(covenant: Covenant, *, by, accepted: bool) -> None:
    """The city service's answer to a proposal: news for every member of the partner side."""
    notify(
        "covenants.proposal_accepted" if accepted else "covenants.proposal_declined",
        people(covenant, Side.PARTNER),
        actor=by,
        actor_organisation=covenant.city_service,
        target=covenant,
        params={"reference": covenant.reference},
        url=reverse("covenants:detail", args=[covenant.pk]),
    )


def _report_params(report: Report) -> dict:
    period = report.period
    return {
        "reference": report.covenant.reference,
        "period": f"{period.starts_on:%d-%m-%Y} – {period.ends_on:%d-%m-%Y}",
    }


def _report_url(report: Report) -> str:
    return reverse("covenants:report", args=[report.covenant_id, report.period_id])


def report_submitted(report: Report, *, by) -> None:
    covenant = report.covenant
    notify(
        "covenants.report_submitted",
        people(covenant, Side.CITY, deciders=True),
        actor=by,
        actor_organisation=_their_organisation(covenant, Side.PARTNER, by),
        target=report,
        params=_report_params(report),
        url=_report_url(report),
    )


def report_reviewed(report: Report, *, by, accepted: bool) -> None:
    covenant = report.covenant
    notify(
        "covenants.report_accepted" if accepted else "covenants.report_sent_back",
        people(covenant, Side.PARTNER) if accepted else people(covenant, Side.PARTNER, deciders=True),
        actor=by,
        actor_organisation=covenant.city_service,
        target=report,
        params=_report_params(report),
        url=_report_url(report),
    )


def _city_report_url(report) -> str:
    return reverse("covenants:city_report", args=[report.covenant_id, report.period_id])


def city_report_submitted(report, *, by) -> None:
    """The city reported on its commitments: for the partner's admins a review to do."""
    covenant = report.covenant
    notify(
        "covenants.city_report_submitted",
        people(covenant, Side.PARTNER, deciders=True),
        actor=by,
        actor_organisation=covenant.city_service,
        target=report,
        params=_report_params(report),
        url=_city_report_url(report),
    )


def city_report_reviewed(report, *, by, accepted: bool) -> None:
    covenant = report.covenant
    notify(
        "covenants.city_report_accepted" if accepted else "covenants.city_report_sent_back",
        people(covenant, Side.CITY),
        actor=by,
        actor_organisation=_their_organisation(covenant, Side.PARTNER, by),
        target=report,
        params=_report_params(report),
        url=_city_report_url(report),
    )


def discussed(covenant: Covenant, *, kind: str, by, side: str | None, target) -> None:
    """A comment or a meeting's notes: news for both sides."""
    notify(
        kind,
        people(covenant),
        actor=by,
        actor_organisation=_their_organisation(covenant, side, by) if side else None,
        target=target,
        params={"reference": covenant.reference},
        url=reverse("covenants:detail", args=[covenant.pk]),
    )


# A report is due a month after its period ends (the covenant's reporting rhythm is yearly); it shows on the
# partner's list from a month before the period ends, so that nobody is surprised by it.
REPORT_DUE_AFTER = timedelta(days=31)
REPORT_NOTICE = timedelta(days=31)


def _partner_covenant_ids(organisation_ids) -> list:
    if not organisation_ids:
        return []
    return list(
        Covenant.objects.filter(
            Q(partner_organisation_id__in=organisation_ids)
            | Q(partner_collaboration__coordinator_id__in=organisation_ids),
            closed_on__isnull=True,
        ).values_list("pk", flat=True)
    )


@register_todo(domains=("covenants",))
def covenant_todos(actor) -> list[TodoItem]:
    """Versions waiting for the person's side; reports to review (city staff); reports due or sent back (partner
    members). Four queries, whatever the number of items."""
    if not actor.roles and not actor.is_superuser:
        return []
    city_ids = None if actor.is_city_admin else set(actor.city_organisation_ids)
    partner_ids = actor.member_organisation_ids - actor.city_organisation_ids
    deciding_for = set(_partner_covenant_ids(actor.admin_organisation_ids - actor.city_organisation_ids))
    reporting_for = set(_partner_covenant_ids(partner_ids))
    city_filter = Q(covenant__city_service_id__in=city_ids) if city_ids is not None else Q()
    speaks_for_city = city_ids is None or bool(city_ids)
    items = []
    waiting = (
        TermsVersion.objects.filter(state=TermsVersion.State.SUBMITTED)
        .filter((city_filter if speaks_for_city else Q(pk__in=[])) | Q(covenant_id__in=deciding_for))
        .select_related("covenant")
        .prefetch_related("approvals")
        .order_by("submitted_at")
    )
    for terms in waiting:
        sides = {approval.side for approval in terms.approvals.all()}
        for_city = speaks_for_city and (city_ids is None or terms.covenant.city_service_id in city_ids)
        if (for_city and Side.CITY not in sides) or (terms.covenant_id in deciding_for and Side.PARTNER not in sides):
            items.append(
                TodoItem(
                    kind="covenants.approve_version",
                    title=_("Approve or discuss version %(number)s of covenant %(reference)s") % _version_params(terms),
                    url=_version_url(terms),
                    object_type="termsversion",
                    object_id=terms.pk,
                )
            )
    today = timezone.localdate()
    periods = (
        ReportingPeriod.objects.filter(
            (city_filter & Q(report__state=Report.State.SUBMITTED) if speaks_for_city else Q(pk__in=[]))
            | (
                Q(covenant_id__in=reporting_for)
                & (
                    Q(report__state=Report.State.REVISION_REQUESTED)
                    | Q(ends_on__lt=today + REPORT_NOTICE, report__isnull=True)
                    | Q(ends_on__lt=today + REPORT_NOTICE, report__state=Report.State.DRAFT)
                )
            )
        )
        .select_related("covenant", "report")
        .order_by("ends_on")
    )
    for period in periods:
        report = getattr(period, "report", None)
        params = {
            "reference": period.covenant.reference,
            "period": f"{period.starts_on:%d-%m-%Y} – {period.ends_on:%d-%m-%Y}",
        }
        url = reverse("covenants:report", args=[period.covenant_id, period.pk])
        if report is not None and report.state == Report.State.SUBMITTED:
            title = _("Review the report %(period)s of covenant %(reference)s") % params
            items.append(TodoItem("covenants.review_report", title, url, None, "report", report.pk))
        elif report is not None and report.state == Report.State.REVISION_REQUESTED:
            title = _("Revise the report %(period)s of covenant %(reference)s") % params
            due = period.ends_on + REPORT_DUE_AFTER
            items.append(TodoItem("covenants.revise_report", title, url, due, "report", report.pk))
        else:
            title = _("Write the report %(period)s of covenant %(reference)s") % params
            due = period.ends_on + REPORT_DUE_AFTER
            items.append(TodoItem("covenants.write_report", title, url, due, "reportingperiod", period.pk))
    return items


# Who shortens a text saved before its field had a limit (notifications/long_texts.py): both sides of the covenant.
register_text_owners(
    TermsVersion,
    people=lambda terms: people(terms.covenant),
    edit_url=lambda terms: reverse("covenants:version_edit", args=[terms.covenant_id, terms.number]),
)
