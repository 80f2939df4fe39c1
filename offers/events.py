"""What collaborations tell people, through the portal's notifications, and what waits for them.

An invitation asks the invited organisation's admins (they answer for it); the answer is news for every member of
the coordinating organisation, which invited it.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_kind
from notifications.long_texts import register_text_owners
from notifications.services import notify
from notifications.todo import TodoItem, register_todo
from offers.models import Collaboration, CollaborationMember, Offer, SharedSpace
from organisations.models import Organisation
from organisations.selectors import members

register_kind(
    "collaborations.invited",
    category="action_needed",
    title=_("{actor} invites {organisation} to the collaboration “{collaboration}”"),
)
register_kind(
    "collaborations.accepted",
    category="collaborations",
    title=_("{actor} accepted for {organisation} to join the collaboration “{collaboration}”"),
)
register_kind(
    "collaborations.declined",
    category="collaborations",
    title=_("{actor} declined for {organisation} to join the collaboration “{collaboration}”"),
)


def _url(collaboration: Collaboration) -> str:
    return reverse("offers:collaboration_detail", args=[collaboration.pk])


def _users(organisation_id, *, admins_only: bool) -> list:
    return list(members(organisation_id=organisation_id, organisation__is_active=True, admins_only=admins_only))


def invited(collaboration: Collaboration, organisations, *, by=None) -> None:
    for organisation in organisations:
        notify(
            "collaborations.invited",
            _users(organisation.pk, admins_only=True),
            actor=by,
            actor_organisation=collaboration.coordinator,
            target=collaboration,
            params={"collaboration": collaboration.name, "organisation": organisation.name},
            url=_url(collaboration),
        )


def answered(member: CollaborationMember, *, accepted: bool, by=None) -> None:
    collaboration = member.collaboration
    notify(
        "collaborations.accepted" if accepted else "collaborations.declined",
        _users(collaboration.coordinator_id, admins_only=False),
        actor=by,
        actor_organisation=member.organisation,
        target=collaboration,
        params={"collaboration": collaboration.name, "organisation": member.organisation.name},
        url=_url(collaboration),
    )


@register_todo(domains=("offers",))
def collaboration_todos(actor) -> list[TodoItem]:
    """Invitations the person's organisations must answer (their admins). One query."""
    admin_ids = actor.admin_organisation_ids
    if not admin_ids:
        return []
    open_invitations = (
        CollaborationMember.objects.filter(organisation_id__in=admin_ids, status=CollaborationMember.Status.INVITED)
        .select_related("collaboration", "organisation")
        .order_by("collaboration__name", "organisation__name")
    )
    return [
        TodoItem(
            kind="collaborations.answer_invitation",
            title=_("Answer the invitation of %(organisation)s to the collaboration “%(collaboration)s”")
            % {"organisation": member.organisation.name, "collaboration": member.collaboration.name},
            url=_url(member.collaboration),
            object_type="collaboration",
            object_id=member.collaboration_id,
        )
        for member in open_invitations
    ]


@register_todo(domains=("offers",))
def first_offer(actor) -> list[TodoItem]:
    """A partner organisation without any offer yet: its admins register the first one. One query."""
    ids = actor.admin_organisation_ids - actor.city_organisation_ids
    if not ids:
        return []
    without = Organisation.objects.filter(pk__in=ids).exclude(pk__in=Offer.objects.values("organisation_id"))
    return [
        TodoItem(
            kind="offers.register_first",
            title=_("Register the offer of %(name)s, so that families and partners find it") % {"name": name},
            url=reverse("offers:create"),
            object_type="organisation",
            object_id=pk,
        )
        for pk, name in without.order_by("name").values_list("pk", "name")
    ]


# Who shortens a text saved before its field had a limit (notifications/long_texts.py): whoever edits the object.
register_text_owners(
    Offer,
    people=lambda offer: _users(offer.organisation_id, admins_only=False),
    edit_url=lambda offer: reverse("offers:edit", args=[offer.uuid]),
)
register_text_owners(
    SharedSpace,
    people=lambda space: _users(space.organisation_id, admins_only=False),
    edit_url=lambda space: reverse("offers:space_edit", args=[space.pk]),
)
register_text_owners(
    Collaboration,
    people=lambda collaboration: _users(collaboration.coordinator_id, admins_only=True),
    edit_url=lambda collaboration: reverse("offers:collaboration_edit", args=[collaboration.pk]),
)
