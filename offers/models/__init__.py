from offers.models.collaboration import Collaboration, CollaborationMember
from offers.models.offer import Offer, OfferTime
from offers.models.search_word import SearchWord
from offers.models.space import SharedSpace

__all__ = ["Collaboration", "CollaborationMember", "Offer", "OfferTime", "SearchWord", "SharedSpace"]
