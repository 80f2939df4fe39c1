from offers.models.collaboration import Collaboration, CollaborationMember
from offers.models.offer import Offer
from offers.models.space import SharedSpace

__all__ = ["Collaboration", "CollaborationMember", "Offer", "SharedSpace"]
