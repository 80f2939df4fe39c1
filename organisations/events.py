"""What happens to an organisation that its people hear of, through the portal's notifications, and what waits.

A registration asks the city's admins to decide; the approval is news for the organisation's admins (they can now
sign the charter and invite their colleagues); a member who joins is news for every member.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation
from notifications.kinds import register_kind
from notifications.long_texts import register_default_text_owners, register_text_owners
from notifications.services import notify
from notifications.todo import TodoItem, register_todo
from organisations.models import Organisation
from organisations.selectors import city_admins, members

register_kind(
    "organisations.registered",
    category="action_needed",
    title=_("{organisation} registered in the charter portal and waits for approval"),
)
register_kind(
    "organisations.approved",
    category="action_needed",
    title=_("{organisation} is approved in the charter portal"),
)
register_kind(
    "organisations.member_joined",
    category="organisation",
    title=_("{member} joined {organisation}"),
)


def members_of(organisation: Organisation, *, admins_only: bool = False) -> list:
    return list(members(organisation=organisation, admins_only=admins_only))


def registered(organisation: Organisation, *, by) -> None:
    notify(
        "organisations.registered",
        list(city_admins()),
        actor=by,
        actor_organisation=organisation,
        target=organisation,
        params={"organisation": organisation.name},
        url=reverse("organisations:approvals"),
    )


def approved(organisation: Organisation, *, by) -> None:
    notify(
        "organisations.approved",
        members_of(organisation, admins_only=True),
        actor=by,
        target=organisation,
        params={"organisation": organisation.name},
        url=reverse("organisations:detail", args=[organisation.slug]),
    )


def member_joined(organisation: Organisation, *, member) -> None:
    notify(
        "organisations.member_joined",
        members_of(organisation),
        actor=member,
        actor_organisation=organisation,
        target=organisation,
        params={"organisation": organisation.name, "member": member.full_name or str(_("a new member"))},
        url=reverse("organisations:members", args=[organisation.slug]),
    )


@register_todo(domains=("organisations",))
def first_steps(actor) -> list[TodoItem]:
    """A new organisation's first steps, for its admins, until they are done: complete the profile (a description
    and a way to reach it) and invite colleagues (while the admin is alone and invited nobody). One query."""
    ids = actor.admin_organisation_ids - actor.city_organisation_ids
    if not ids:
        return []
    rows = (
        Organisation.objects.filter(pk__in=ids)
        .annotate(
            people=Count("memberships", filter=Q(memberships__ended_at__isnull=True), distinct=True),
            open_invitations=Count(
                "invitations",
                filter=Q(
                    invitations__used_at__isnull=True,
                    invitations__revoked_at__isnull=True,
                    invitations__expires_at__gt=timezone.now(),
                ),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    items = []
    for organisation in rows:
        if not organisation.description.strip() or not (
            organisation.email or organisation.phone or organisation.website
        ):
            items.append(
                TodoItem(
                    kind="organisations.complete_profile",
                    title=_("Complete the profile of %(name)s: say what it does and how to reach it")
                    % {"name": organisation.name},
                    url=reverse("organisations:edit", args=[organisation.slug]),
                    object_type="organisation",
                    object_id=organisation.pk,
                )
            )
        if organisation.people == 1 and not organisation.open_invitations:
            items.append(
                TodoItem(
                    kind="organisations.invite_members",
                    title=_("Invite your colleagues to %(name)s") % {"name": organisation.name},
                    url=reverse("organisations:invite", args=[organisation.slug]),
                    object_type="organisation",
                    object_id=organisation.pk,
                )
            )
    return items


@register_todo(domains=("organisations",))
def organisation_todos(actor) -> list[TodoItem]:
    """Registrations to approve (city admins); invitations sent and not yet used (the organisation's admins).
    At most two queries."""
    items = []
    if actor.is_city_admin:
        for organisation in Organisation.objects.awaiting_approval().order_by("created_at"):
            items.append(
                TodoItem(
                    kind="organisations.approve",
                    title=_("Approve or reject the registration of %(name)s") % {"name": organisation.name},
                    url=reverse("organisations:approvals"),
                    object_type="organisation",
                    object_id=organisation.pk,
                )
            )
    if actor.admin_organisation_ids:
        waiting = (
            Invitation.objects.open()
            .filter(organisation_id__in=actor.admin_organisation_ids)
            .select_related("organisation")
            .order_by("created_at")
        )
        for invitation in waiting:
            items.append(
                TodoItem(
                    kind="organisations.invitation_open",
                    title=_("%(email)s has not joined %(organisation)s yet: remind them or withdraw the invitation")
                    % {"email": invitation.email, "organisation": invitation.organisation.name},
                    url=reverse("organisations:members", args=[invitation.organisation.slug]),
                    due_on=timezone.localdate(invitation.expires_at),
                    object_type="invitation",
                    object_id=invitation.pk,
                )
            )
    return items


# Who shortens a text saved before its field had a limit (notifications/long_texts.py): the organisation's admins;
# the city's admins look after the texts of the parts that name no owners of their own.
register_text_owners(
    Organisation,
    people=lambda organisation: members_of(organisation, admins_only=True),
    edit_url=lambda organisation: reverse("organisations:edit", args=[organisation.slug]),
)
register_default_text_owners(people=lambda obj: list(city_admins()))
