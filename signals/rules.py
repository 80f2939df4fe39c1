"""Who may read and act on signals and prioritisation rounds.

Reading: every logged-in partner (a member of an approved, active organisation, city services
included) reads every signal and its timeline (docs/rules.md#partner-member); visitors read the
signals their reporters made public, without comments or internal notes. Internal notes and
internal comments: city staff and the staff of the responsible body.
Responsible bodies are city services and other public bodies (OCMW, police zone, schools): their
staff act on their own body's signals as city staff do.
Acting: see ``signals.workflow`` for the transitions and ``can_transition`` for the who-rules.
"""

from django.utils import timezone

from charter_portal.permissions.core import Actor


def signatory_organisation_ids() -> frozenset:
    """Organisations that may vote in prioritisation rounds (PrioritisationRound.Eligibility): approved, active
    partner organisations with a charter signature that is not withdrawn, of any version. City services and other
    public bodies answer signals; they do not vote."""
    from charter.selectors import signatory_organisation_ids as signed
    from organisations.models import Organisation

    return frozenset(
        Organisation.objects.approved()
        .filter(pk__in=signed())
        .exclude(kind__in=[Organisation.Kind.CITY_SERVICE, Organisation.Kind.PUBLIC_BODY])
        .values_list("pk", flat=True)
    )


def why_organisation_may_not_vote(organisation, signatories=None) -> str:
    """The reason, in a sentence for the person, why this organisation may not vote; empty when it may."""
    from django.utils.translation import gettext as _

    from organisations.models import Organisation

    signatories = signatory_organisation_ids() if signatories is None else signatories
    if organisation.kind in (Organisation.Kind.CITY_SERVICE, Organisation.Kind.PUBLIC_BODY):
        return _("%(org)s is a city service or public body: they answer signals and do not vote.") % {
            "org": organisation.name
        }
    if not organisation.can_act:
        return _("%(org)s is not an approved, active organisation.") % {"org": organisation.name}
    if organisation.pk not in signatories:
        return _("%(org)s has no charter signature that is not withdrawn: sign the charter to vote.") % {
            "org": organisation.name
        }
    return ""


def can_read_signals(actor: Actor) -> bool:
    return actor.is_partner


def is_body_staff(actor: Actor, body_id) -> bool:
    """Member of this responsible body (a city service or another public body)."""
    return body_id is not None and actor.is_member_of(body_id)


def inbox_body_ids(actor: Actor) -> frozenset:
    """The public bodies (OCMW, police zone, school, ...) among the actor's organisations: their staff work the
    signals of their own body from its inbox. City services are city staff (``actor.is_city_staff``). Read with the
    actor's memberships: no query of its own."""
    return actor.public_body_ids


def can_use_inbox(actor: Actor) -> bool:
    """City staff, and the staff of a public body that can be responsible for signals."""
    return actor.is_city_staff or bool(inbox_body_ids(actor))


def can_read_internal_notes(actor: Actor, signal) -> bool:
    return actor.is_city_staff or is_body_staff(actor, signal.responsible_body_id)


def can_read_public_signal(signal) -> bool:
    """Anyone, without logging in, reads a signal its reporter made public (and that was not merged away)."""
    return signal.is_public and signal.merged_into_id is None


def can_report(actor: Actor) -> bool:
    return bool(reporting_organisation_ids(actor))


def reporting_organisation_ids(actor: Actor) -> frozenset:
    """Partner organisations the actor belongs to (city services answer signals, they do not report them).

    A city admin may also report on behalf of any approved partner organisation (``can_report_for``).
    """
    return actor.member_organisation_ids - actor.city_organisation_ids


def can_report_for(actor: Actor, organisation) -> bool:
    if organisation.is_city_service or not organisation.can_act:
        return False
    return actor.is_member_of(organisation.pk) or actor.is_city_admin


def endorsing_organisation_ids(actor: Actor, signal, already=()) -> frozenset:
    """The actor's partner organisations that may still endorse: not the reporter, not a city service, not twice."""
    return frozenset(
        org_id
        for org_id in actor.member_organisation_ids - actor.city_organisation_ids
        if org_id != signal.organisation_id and org_id not in already
    )


def _who(actor: Actor, who: str, signal) -> bool:
    if who == "city_staff":
        return actor.is_city_staff
    if who == "city_staff_or_body":
        return actor.is_city_staff or is_body_staff(actor, signal.responsible_body_id)
    if who == "responsible_body":
        return actor.is_city_admin or is_body_staff(actor, signal.responsible_body_id)
    if who == "reporter":
        return actor.is_member_of(signal.organisation_id)
    if who == "city_or_reporter":
        return _who(actor, "responsible_body", signal) or _who(actor, "reporter", signal)
    raise ValueError(who)


def can_endorse(actor: Actor) -> bool:
    """Whether this person belongs to a partner organisation (not a city service) that could endorse signals."""
    return bool(actor.member_organisation_ids - actor.city_organisation_ids)


def can_make(actor: Actor, name: str, signal) -> bool:
    """Whether this person may make this transition on this signal, regardless of its state."""
    from signals.workflow import transition

    return _who(actor, transition(name).who, signal)


def can_add_note(actor: Actor, signal) -> bool:
    return can_read_internal_notes(actor, signal)


def can_reassign(actor: Actor, signal) -> bool:
    """City staff and the staff of the responsible body hand a signal to another body."""
    return _who(actor, "city_staff_or_body", signal)


def can_manage_actions(actor: Actor, signal) -> bool:
    """The responsible body (or a city admin) plans follow-up actions."""
    return _who(actor, "responsible_body", signal)


def can_update_action(actor: Actor, action) -> bool:
    """The body that carries the action, the signal's responsible body or a city admin report its progress."""
    return is_body_staff(actor, action.responsible_body_id) or can_manage_actions(actor, action.signal)


def commenting_organisation_ids(actor: Actor, signal, endorser_ids=frozenset()) -> list:
    """On whose behalf this person may comment: the reporter, an endorser, the responsible body (in that order)."""
    ids = [signal.organisation_id, *sorted(endorser_ids), signal.responsible_body_id]
    return [pk for pk in dict.fromkeys(ids) if pk is not None and actor.is_member_of(pk)]


def can_comment(actor: Actor, signal, endorser_ids=frozenset()) -> bool:
    return actor.is_city_staff or bool(commenting_organisation_ids(actor, signal, endorser_ids))


def can_mark_comment_internal(actor: Actor) -> bool:
    return actor.is_city_staff


def can_confirm(actor: Actor, signal) -> bool:
    """The reporting organisation says whether the answer (and its actions) resolved the problem."""
    return actor.is_member_of(signal.organisation_id)


def can_set_public(actor: Actor, signal) -> bool:
    return actor.is_member_of(signal.organisation_id)


def can_merge(actor: Actor) -> bool:
    return actor.is_city_staff


def can_manage_routing(actor: Actor) -> bool:
    return actor.is_city_admin


def can_manage_rounds(actor: Actor) -> bool:
    return actor.is_city_admin


def voting_organisation_ids(actor: Actor) -> frozenset:
    """Organisations for which this person may vote: those they administer that are signatories."""
    return actor.admin_organisation_ids & signatory_organisation_ids()


def reopen_window_open(signal, today=None) -> bool:
    deadline = signal.reopen_deadline
    return deadline is not None and (today or timezone.localdate()) <= deadline
