"""Who may see and change organisations, their members and invitations (issue 2)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from charter_portal.permissions.core import Actor, actor_for, deny


def can_view_organisation(actor: Actor, organisation, *, is_member: bool = False) -> bool:
    """Approved, active organisations are public; others only for their own members and city admins."""
    return organisation.can_act or actor.is_city_admin or is_member


def can_view_members(actor: Actor, organisation) -> bool:
    return actor.is_member_of(organisation.pk)


def can_manage_members(actor: Actor, organisation) -> bool:
    """Admins of an approved organisation manage its members; an unapproved one cannot act."""
    return organisation.can_act and actor.is_admin_of(organisation.pk)


def organisation_for_view(request, slug):
    """The organisation for its public page, or 404 when this person may not see it."""
    from organisations.models import Membership, Organisation

    organisation = get_object_or_404(Organisation.objects.prefetch_related("sectors"), slug=slug)
    actor = actor_for(request.user)
    is_member = (
        actor.is_authenticated
        and not organisation.can_act
        and Membership.objects.filter(organisation=organisation, user=request.user).exists()
    )
    if not can_view_organisation(actor, organisation, is_member=is_member):
        raise Http404
    return organisation


def organisation_for_members(request, slug, *, manage: bool):
    """The organisation for its member pages: 404 for outsiders, 403 for members who may not manage."""
    from organisations.models import Organisation

    organisation = get_object_or_404(Organisation, slug=slug)
    actor = actor_for(request.user)
    if not can_view_members(actor, organisation):
        raise Http404
    if manage and not can_manage_members(actor, organisation):
        deny(request, "organisation admins only")
    return organisation


def can_see_organisation_history(actor: Actor, organisation) -> bool:
    return actor.is_admin_of(organisation.pk) or actor.is_city_admin
