"""Who may see and change offers, collaborations and shared spaces.

Offers: everyone sees published offers of active organisations; members of the organisation (and
city staff) also see its drafts and archived offers; members of the organisation and city admins
change them. Collaborations: members (invited or accepted) and city staff see them; admins of an
accepted member organisation and city admins change them; the invited organisation's admin
answers the invitation. Shared spaces: logged-in partners see listed ones; the organisation's
members and city admins change them.
"""

from charter_portal.permissions.core import Actor
from offers.models import CollaborationMember

# Offers ----------------------------------------------------------------------------------------


def can_see_offer(actor: Actor, offer) -> bool:
    if offer.is_publicly_visible:
        return True
    return actor.is_member_of(offer.organisation_id) or actor.is_city_staff


def can_change_offer(actor: Actor, offer) -> bool:
    return actor.is_member_of(offer.organisation_id) or actor.is_city_admin


def can_add_offer_for(actor: Actor, organisation_id) -> bool:
    return actor.is_member_of(organisation_id) or actor.is_city_admin


def offer_organisation_ids(actor: Actor) -> frozenset:
    """Organisations whose offers this person manages on their own pages."""
    return actor.member_organisation_ids


def visible_offers(actor: Actor, queryset):
    """Narrow an Offer queryset to what ``actor`` may see."""
    from django.db.models import Q

    from offers.models.offer import publicly_visible_q

    if actor.is_city_staff:
        return queryset
    public = publicly_visible_q()
    if actor.member_organisation_ids:
        return queryset.filter(public | Q(organisation_id__in=actor.member_organisation_ids))
    return queryset.filter(public)


# Collaborations --------------------------------------------------------------------------------


def can_see_collaboration(actor: Actor, collaboration, member_org_ids) -> bool:
    """``member_org_ids``: organisations with a member row (invited, accepted or declined)."""
    return actor.is_city_staff or bool(actor.member_organisation_ids & set(member_org_ids))


def can_change_collaboration(actor: Actor, collaboration, accepted_org_ids) -> bool:
    return actor.is_city_admin or bool(actor.admin_organisation_ids & set(accepted_org_ids))


def can_delete_collaboration(actor: Actor, collaboration) -> bool:
    """Removing a collaboration affects every member: only the coordinator's admins and city admins may."""
    return actor.is_city_admin or actor.is_admin_of(collaboration.coordinator_id)


def can_answer_invitation(actor: Actor, member) -> bool:
    return member.status == CollaborationMember.Status.INVITED and actor.is_admin_of(member.organisation_id)


def can_create_collaboration(actor: Actor) -> bool:
    return actor.is_city_admin or bool(actor.admin_organisation_ids)


# Shared spaces ---------------------------------------------------------------------------------


def can_see_spaces(actor: Actor) -> bool:
    return actor.is_partner


def can_change_space(actor: Actor, space) -> bool:
    return actor.is_member_of(space.organisation_id) or actor.is_city_admin
