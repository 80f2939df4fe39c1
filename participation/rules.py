"""Who may record, read and change participation moments, cite them and read an offer's feedback.

A moment is seen in full only by the members of its organisation (and superusers): its own counts can be small.
Everyone else sees what young people said in aggregate (``participation.voice``), suppressed below 5.
"""

from charter_portal.permissions.core import Actor


def recording_organisation_ids(actor: Actor) -> frozenset:
    """The organisations for which this person records moments: every approved organisation they belong to."""
    return actor.member_organisation_ids


def can_record(actor: Actor) -> bool:
    return bool(recording_organisation_ids(actor))


def visible_moments(actor: Actor, queryset):
    if actor.is_superuser:
        return queryset
    return queryset.filter(organisation_id__in=actor.member_organisation_ids)


def can_change_moment(actor: Actor, moment) -> bool:
    return actor.is_superuser or actor.is_member_of(moment.organisation_id)


def can_cite_for(actor: Actor, signal) -> bool:
    """Members of the reporting organisation link their own moments to their signal."""
    return actor.is_member_of(signal.organisation_id)


def can_read_feedback(actor: Actor, offer) -> bool:
    return actor.is_superuser or actor.is_member_of(offer.organisation_id)
