"""The participation app's object in the permission matrix's world: one moment of the persona partner organisation."""

import datetime

from tests.participation.conftest import record


def participation_world(partner_org, partner_member, neighbourhood):
    return record(partner_member, partner_org, neighbourhoods=[neighbourhood], held_on=datetime.date(2025, 6, 1))
