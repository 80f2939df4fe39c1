from organisations.models.collaboration import Collaboration, CollaborationMember
from organisations.models.offer import Offer
from organisations.models.organisation import Membership, Organisation
from organisations.models.reference import Function, Sector
from organisations.models.space import SharedSpace

__all__ = [
    "Collaboration",
    "CollaborationMember",
    "Function",
    "Membership",
    "Offer",
    "Organisation",
    "Sector",
    "SharedSpace",
]
