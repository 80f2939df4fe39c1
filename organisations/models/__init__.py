from organisations.models.organisation import Membership, Organisation
from organisations.models.reference import Function, Sector

__all__ = ["Function", "Membership", "Organisation", "Sector"]
