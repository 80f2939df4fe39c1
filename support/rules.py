"""Who may see and act on support requests, mentorships, bookings and collaboration roles.

Support requests are seen by the asking organisation, the charter coordinators, the organisations whose
catalogue offers that kind of support (while the request is open to be taken up), and, once taken up, by the
supporter. Nobody else: a 404. Steps: ``support.workflow`` says which party makes which step.
Bookings: both sides (the booking organisation and the space's owner) see and cancel; the owner's admins, or the
members it designates, accept or decline. Spaces and their availability: every logged-in partner.
"""

from django.db.models import Q

from charter_portal.permissions.core import Actor


def can_use_support(actor: Actor) -> bool:
    return actor.is_partner


def asking_organisations(actor: Actor):
    """The organisations this person may ask support for: self-organisations and volunteer-run ones."""
    from organisations.models import Organisation

    small = Q(kind=Organisation.Kind.SELF_ORGANISATION) | Q(support_profile__is_volunteer_run=True)
    return Organisation.objects.filter(pk__in=actor.member_organisation_ids).filter(small).order_by("name")


def offering_organisations(actor: Actor):
    """The organisations for which this person may publish support (its own, as admin)."""
    from organisations.models import Organisation

    ids = (
        Organisation.objects.all()
        if actor.is_superuser
        else Organisation.objects.filter(pk__in=actor.admin_organisation_ids)
    )
    return ids.filter(is_active=True, is_approved=True).order_by("name")


def requests_visible_q(actor: Actor) -> Q | None:
    """The condition on ``SupportRequest`` rows this person may see; ``None``: all of them."""
    from support.models import SupportOffer, SupportRequest

    if actor.is_charter_coordinator:
        return None
    mine = actor.member_organisation_ids
    offered_kinds = SupportOffer.objects.listed().filter(organisation_id__in=mine).values("kind")
    return (
        Q(organisation_id__in=mine)
        | Q(supporter_id__in=mine)
        | Q(status=SupportRequest.Status.ASKED, kind__in=offered_kinds)
    )


def party_of(actor: Actor, request, party: str) -> bool:
    """Whether the person belongs to ``party`` of a request (``asker``, ``supporter``, ``coordinator``,
    ``catalogue``: an organisation that offers this kind of support)."""

    if party == "coordinator":
        return actor.is_charter_coordinator
    if party == "asker":
        return actor.is_member_of(request.organisation_id)
    if party == "supporter":
        return request.supporter_id is not None and actor.is_admin_of(request.supporter_id)
    if party == "catalogue":
        return bool(supporting_organisation_ids(actor, request.kind))
    raise ValueError(party)


def can_edit_request(actor: Actor, request) -> bool:
    """Change what a request needs and by when: the asking organisation's members (while it is open: the
    service checks the state, ``support.workflow.EDITABLE``)."""
    return actor.is_member_of(request.organisation_id)


def supporting_organisation_ids(actor: Actor, kind) -> list[int]:
    """The organisations this person administers whose catalogue offers ``kind``: they may take a request up."""
    from support.models import SupportOffer

    return list(
        SupportOffer.objects.listed()
        .filter(organisation_id__in=actor.admin_organisation_ids, kind=kind)
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def can_see_mentorship(actor: Actor, mentorship) -> bool:
    return (
        actor.is_charter_coordinator
        or actor.is_member_of(mentorship.mentee_id)
        or actor.is_member_of(mentorship.mentor_id)
    )


def mentorship_answering_side(actor: Actor, mentorship) -> str | None:
    """``mentee`` or ``mentor``: the side whose acceptance this person (an admin) still has to give."""
    if mentorship.declined_at:
        return None
    if mentorship.mentee_accepted_at is None and actor.is_admin_of(mentorship.mentee_id):
        return "mentee"
    if mentorship.mentor_accepted_at is None and actor.is_admin_of(mentorship.mentor_id):
        return "mentor"
    return None


def can_see_spaces(actor: Actor) -> bool:
    return actor.is_partner


def can_manage_space(actor: Actor, space) -> bool:
    """Change a space's availability and conditions: the owner's admins (and city admins)."""
    return actor.is_admin_of(space.organisation_id) or actor.is_city_admin


def can_answer_booking(actor: Actor, space, manager_ids=()) -> bool:
    """Accept or decline bookings of a space: the owner's admins, or members it designated."""
    if actor.is_admin_of(space.organisation_id) or actor.is_superuser:
        return True
    return actor.is_member_of(space.organisation_id) and actor.user is not None and actor.user.pk in manager_ids


def can_see_booking(actor: Actor, booking) -> bool:
    return (
        actor.is_member_of(booking.organisation_id)
        or actor.is_member_of(booking.space.organisation_id)
        or actor.is_superuser
    )


def can_cancel_booking(actor: Actor, booking) -> bool:
    return actor.is_member_of(booking.organisation_id) or actor.is_member_of(booking.space.organisation_id)


def booking_organisations(actor: Actor):
    from organisations.models import Organisation

    return Organisation.objects.filter(pk__in=actor.member_organisation_ids).order_by("name")


def can_declare_role(actor: Actor, collaboration, organisation_id) -> bool:
    """A member organisation's admins declare its own role; the coordinator's admins and city admins any."""
    return actor.is_admin_of(organisation_id) or actor.is_admin_of(collaboration.coordinator_id) or actor.is_city_admin
