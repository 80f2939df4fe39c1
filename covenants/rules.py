"""Who may see and do what with covenants (charter rule R7: both sides as equals).

- See: city staff see every covenant; on the partner side the members of the partner organisation,
  or of the collaboration's coordinating organisation and its accepted member organisations.
  Everyone else gets 404.
- Speak for the city: staff of the covenant's city service, or a city admin.
- Speak for the partner (propose and approve terms): an admin of the partner organisation, or of the
  collaboration's coordinating organisation. Partner members may report, comment and read.
- Each side approves only for itself.
"""

from django.db.models import Q
from django.http import Http404

from charter_portal import caching
from charter_portal.permissions.core import Actor, actor_for, deny

CITY = "city"
PARTNER = "partner"


def visible_covenants(actor: Actor, queryset=None):
    from covenants.models import Covenant

    queryset = Covenant.objects.all() if queryset is None else queryset
    if actor.is_city_staff:
        return queryset
    ids = actor.member_organisation_ids
    if not ids:
        return queryset.none()
    from offers.models import CollaborationMember

    accepted = CollaborationMember.objects.filter(
        organisation_id__in=ids, status=CollaborationMember.Status.ACCEPTED
    ).values("collaboration_id")
    return queryset.filter(
        Q(partner_organisation_id__in=ids)
        | Q(partner_collaboration__coordinator_id__in=ids)
        | Q(partner_collaboration_id__in=accepted)
    )


def speaks_for_city(actor: Actor, covenant) -> bool:
    return actor.is_city_admin or actor.is_city_staff_of(covenant.city_service_id)


def speaks_for_partner(actor: Actor, covenant) -> bool:
    """Admin of the partner organisation or of the collaboration's coordinator."""
    return any(actor.is_admin_of(org_id) for org_id in covenant.partner_organisation_ids)


def is_partner_member(actor: Actor, covenant) -> bool:
    return any(actor.is_member_of(org_id) for org_id in covenant.partner_organisation_ids)


def sides_of(actor: Actor, covenant) -> set[str]:
    """The sides this person may act for on terms (propose, edit drafts, submit, approve)."""
    sides = set()
    if speaks_for_city(actor, covenant):
        sides.add(CITY)
    if speaks_for_partner(actor, covenant):
        sides.add(PARTNER)
    return sides


def comment_side(actor: Actor, covenant) -> str | None:
    """The side a comment is written for: the partner side for its members, the city side for city staff."""
    if is_partner_member(actor, covenant):
        return PARTNER
    if actor.is_city_staff:
        return CITY
    return None


def can_create_covenant(actor: Actor) -> bool:
    return actor.is_city_staff


def partner_admin_organisation_ids(actor: Actor) -> set:
    """The partner organisations this person may start a covenant for (as their admin): not city services."""
    return set(actor.admin_organisation_ids) - set(actor.city_organisation_ids)


def can_propose_covenant(actor: Actor) -> bool:
    """A partner organisation's admin (also a collaboration's coordinator's) may start a covenant draft (R7)."""
    return bool(partner_admin_organisation_ids(actor))


def can_decide_opening(actor: Actor, covenant) -> bool:
    """The city service accepts to negotiate a partner's proposal, or declines it."""
    from covenants.models import Opening

    return covenant.opening == Opening.WAITING and covenant.closed_on is None and speaks_for_city(actor, covenant)


def can_edit_terms(actor: Actor, covenant) -> bool:
    """Both sides work on the drafts; a partner's proposal only the partner until the city accepts it; a declined
    or closed covenant nobody."""
    from covenants.models import Opening

    if covenant.closed_on is not None or covenant.opening == Opening.DECLINED:
        return False
    if covenant.opening == Opening.WAITING:
        return speaks_for_partner(actor, covenant)
    return bool(sides_of(actor, covenant))


def can_approve(actor: Actor, covenant, side: str) -> bool:
    if side == CITY:
        return speaks_for_city(actor, covenant)
    if side == PARTNER:
        return speaks_for_partner(actor, covenant)
    return False


def can_report(actor: Actor, covenant) -> bool:
    return is_partner_member(actor, covenant) and covenant.closed_on is None


def can_review_reports(actor: Actor, covenant) -> bool:
    return speaks_for_city(actor, covenant)


def can_city_report(actor: Actor, covenant) -> bool:
    """The city reports on its own commitments: the city service's staff (or a city admin)."""
    return speaks_for_city(actor, covenant) and covenant.closed_on is None


def can_review_city_reports(actor: Actor, covenant) -> bool:
    """The partner reviews the city's report: whoever speaks for the partner side."""
    return speaks_for_partner(actor, covenant)


def can_manage_follow_up(actor: Actor, covenant) -> bool:
    """Meetings, actions and reporting periods: both sides."""
    return speaks_for_city(actor, covenant) or is_partner_member(actor, covenant)


def can_close(actor: Actor, covenant) -> bool:
    return speaks_for_city(actor, covenant)


def covenant_for(request, pk, queryset=None, *, kept=False):
    """Fetch a covenant the person may see, or 404 (nobody learns what exists). ``kept=True`` (pages that only
    show it) reads it from the shared cache, per audience, until a covenant or an organisation changes."""
    actor = actor_for(request.user)

    def fetch():
        return visible_covenants(actor, queryset).filter(pk=pk).first()

    if kept:
        key = ("covenant-visible", pk, caching.audience(actor))
        covenant = caching.kept(("covenants", "organisations", "offers"), key, fetch)
    else:
        covenant = fetch()
    if covenant is None:
        raise Http404
    return actor, covenant


def require(request, allowed: bool, reason: str) -> None:
    if not allowed:
        deny(request, reason)
