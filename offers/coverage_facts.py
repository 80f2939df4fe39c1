"""The facts coverage counts, read from the offers app's tables: the offers and collaborations that may count
on a day, each loaded with a fixed number of queries (``neighbourhoods.coverage_sources`` is the hook, filled in
by ``offers/apps.py``; the rules themselves stay in ``neighbourhoods.coverage``).

Every loader uses ``values_list`` over whole tables (or their link tables), so the number of queries is the
same for 10 offers or 100,000.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Case, CharField, IntegerField, Prefetch, StringAgg, Sum, Value, When
from django.db.models.functions import Cast

from neighbourhoods import coverage
from offers.models import Collaboration, CollaborationMember, Offer

# An offer's functions as one number (``coverage.FUNCTION_BITS``), summed by the database over the offer's
# function links (each function at most once per offer).
_FUNCTION_BITS = Sum(
    Case(
        *[When(functions__code=code, then=Value(bit)) for code, bit in coverage.FUNCTION_BITS.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
)


def _grouped_ids(through, column: str, offer_ids) -> dict[int, frozenset]:
    """offer id -> the ids in ``column`` of its links, for the offers in ``offer_ids`` (one grouped query)."""
    rows = (
        through.objects.filter(offer_id__in=offer_ids)
        .values("offer_id")
        .annotate(ids=StringAgg(Cast(column, CharField()), Value(",")))
        .values_list("offer_id", "ids")
    )
    return {offer_id: frozenset(map(int, ids.split(","))) for offer_id, ids in rows}


def load_offers(day: datetime.date) -> list[coverage.Offer]:
    """Offers that may count on ``day`` (3 queries). The engine applies the rules again; the filter only trims.

    A region has about 100,000 offers and 300,000 links. The database does the grouping: each offer
    comes with its functions as one number, and its neighbourhoods and circles as one list each.
    """
    candidates = Offer.objects.running_on(day).publicly_visible()
    ids = candidates.values("id")
    neighbourhoods = _grouped_ids(Offer.neighbourhoods.through, "neighbourhood_id", ids)
    circles = _grouped_ids(Offer.movement_circles.through, "movementcircle_id", ids)
    empty = frozenset()
    return [
        coverage.Offer(
            pk,
            org_id,
            org_name,
            org_active,
            status,
            starts_on,
            ends_on,
            coverage.FUNCTIONS_OF_BITS[bits or 0],
            neighbourhoods.get(pk, empty),
            circles.get(pk, empty),
            warm,
            hours,
        )
        for pk, org_id, org_name, org_active, status, starts_on, ends_on, warm, hours, bits in candidates.annotate(
            function_bits=_FUNCTION_BITS
        ).values_list(
            "id",
            "organisation_id",
            "organisation__name",
            "organisation__is_active",
            "status",
            "starts_on",
            "ends_on",
            "is_warm_place",
            "weekly_hours",
            "function_bits",
        )
    ]


def load_collaborations(day: datetime.date) -> list[coverage.Collaboration]:
    """Collaborations active on ``day`` with their accepted members and areas (4 queries)."""
    active = Collaboration.objects.running_on(day)
    active_ids = active.values("id")
    members, neighbourhoods, circles = defaultdict(set), defaultdict(set), defaultdict(set)
    for collaboration_id, org_id in CollaborationMember.objects.filter(
        collaboration_id__in=active_ids, status=CollaborationMember.Status.ACCEPTED
    ).values_list("collaboration_id", "organisation_id"):
        members[collaboration_id].add(org_id)
    for collaboration_id, neighbourhood_id in Collaboration.neighbourhoods.through.objects.filter(
        collaboration_id__in=active_ids
    ).values_list("collaboration_id", "neighbourhood_id"):
        neighbourhoods[collaboration_id].add(neighbourhood_id)
    for collaboration_id, circle_id in Collaboration.movement_circles.through.objects.filter(
        collaboration_id__in=active_ids
    ).values_list("collaboration_id", "movementcircle_id"):
        circles[collaboration_id].add(circle_id)
    return [
        coverage.Collaboration(
            id=pk,
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            accepted_organisation_ids=frozenset(members.get(pk, ())),
            neighbourhood_ids=frozenset(neighbourhoods.get(pk, ())),
            circle_ids=frozenset(circles.get(pk, ())),
        )
        for pk, name, starts_on, ends_on in active.values_list("id", "name", "starts_on", "ends_on")
    ]


def offers_by_ids(ids) -> list[Offer]:
    """The offers behind an area's coverage, with their organisation and functions, for display (2 queries)."""
    return list(
        Offer.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("functions")
        .order_by("organisation__name", "title")
    )


def collaborations_by_ids(ids) -> list[Collaboration]:
    """The collaborations behind an area's coverage, each with ``accepted_organisations`` (2 queries)."""
    collaborations = list(
        Collaboration.objects.filter(pk__in=ids).prefetch_related(
            Prefetch(
                "members",
                queryset=CollaborationMember.objects.filter(status=CollaborationMember.Status.ACCEPTED).select_related(
                    "organisation"
                ),
                to_attr="accepted_members",
            )
        )
    )
    for collaboration in collaborations:
        collaboration.accepted_organisations = [member.organisation for member in collaboration.accepted_members]
    return collaborations
