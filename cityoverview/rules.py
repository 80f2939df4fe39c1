"""Who sees the city's monthly overview: city staff (members of a city service) and superusers.

It gathers what waits for the city across all apps; partners see their own part of it on their own pages."""

from charter_portal.permissions.core import Actor


def can_view_overview(actor: Actor) -> bool:
    return actor.is_city_staff
