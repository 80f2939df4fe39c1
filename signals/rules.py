"""Who may read and act on signals and prioritisation rounds.

Reading: every logged-in partner (a member of an approved, active organisation, city services
included) reads every signal and its public timeline (docs/rules.md#partner-member); visitors read
nothing. Internal notes: city staff only.
Acting: see ``signals.workflow`` for the transitions and ``can_transition`` for the who-rules.
"""

from django.utils import timezone

from charter_portal.permissions.core import Actor


def signatory_organisation_ids() -> frozenset:
    """Organisations that may vote in prioritisation rounds: approved, active, with an active charter signature."""
    from charter.selectors import signatory_organisation_ids as signed
    from organisations.models import Organisation

    return frozenset(Organisation.objects.approved().filter(pk__in=signed()).values_list("pk", flat=True))


def can_read_signals(actor: Actor) -> bool:
    return actor.is_partner


def can_read_internal_notes(actor: Actor) -> bool:
    return actor.is_city_staff


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
    if who == "responsible_service":
        return actor.is_city_admin or (
            signal.responsible_service_id is not None and actor.is_city_staff_of(signal.responsible_service_id)
        )
    if who == "reporter":
        return actor.is_member_of(signal.organisation_id)
    if who == "city_or_reporter":
        return _who(actor, "responsible_service", signal) or _who(actor, "reporter", signal)
    raise ValueError(who)


def can_endorse(actor: Actor) -> bool:
    """Whether this person belongs to a partner organisation (not a city service) that could endorse signals."""
    return bool(actor.member_organisation_ids - actor.city_organisation_ids)


def can_make(actor: Actor, name: str, signal) -> bool:
    """Whether this person may make this transition on this signal, regardless of its state."""
    from signals.workflow import transition

    return _who(actor, transition(name).who, signal)


def can_add_note(actor: Actor, signal) -> bool:
    return actor.is_city_staff


def can_manage_rounds(actor: Actor) -> bool:
    return actor.is_city_admin


def voting_organisation_ids(actor: Actor) -> frozenset:
    """Organisations for which this person may vote: those they administer that are signatories."""
    return actor.admin_organisation_ids & signatory_organisation_ids()


def reopen_window_open(signal, today=None) -> bool:
    deadline = signal.reopen_deadline
    return deadline is not None and (today or timezone.localdate()) <= deadline
