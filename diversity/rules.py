"""Who may see and file staff-diversity figures (issue 24, DESIGN.md R12).

An organisation's own figures: its admins and the city's charter coordinators, nobody else (404 for others, its
plain members included). Filing and correcting: the organisation's admins (a coordinator who may see gets 403).
Aggregates with suppression are public."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from charter_portal.permissions.core import Actor, actor_for, deny


def can_see_figures_of(actor: Actor, organisation) -> bool:
    return actor.is_charter_coordinator or (organisation.can_act and actor.is_admin_of(organisation.pk))


def can_file_for(actor: Actor, organisation) -> bool:
    return organisation.can_act and actor.is_admin_of(organisation.pk)


def can_export(actor: Actor) -> bool:
    """The aggregates' spreadsheet is for the city."""
    return actor.is_city_staff


def organisation_for_figures(request, slug, *, file: bool = False):
    """The organisation whose own figures are asked for: 404 for whoever may not see them, 403 to file them for
    a coordinator who may only read."""
    from organisations.models import Organisation

    organisation = get_object_or_404(Organisation, slug=slug)
    actor = actor_for(request.user)
    if not can_see_figures_of(actor, organisation):
        raise Http404
    if file and not can_file_for(actor, organisation):
        deny(request, "organisation admins only")
    return organisation
