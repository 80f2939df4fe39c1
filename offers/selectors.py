"""Read-only queries of offers, collaborations and shared spaces."""

from offers.models import CollaborationMember


def collaboration_ids_of(organisation):
    """The ids of the collaborations ``organisation`` is a member of (invited, accepted or declined), as a subquery."""
    return CollaborationMember.objects.filter(organisation=organisation).values("collaboration_id")
