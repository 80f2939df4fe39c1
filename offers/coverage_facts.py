"""The facts coverage counts, read from the offers app's tables: the offers and collaborations that may count
on a day, each loaded with a fixed number of queries (``neighbourhoods.coverage_sources`` is the hook, filled in
by ``offers/apps.py``; the rules themselves stay in ``neighbourhoods.coverage``).

Every loader uses ``values_list`` over whole tables (or their link tables), so the number of queries is the
same for 10 offers or 100,000.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.apps import apps
from django.db.models import Case, CharField, IntegerField, Prefetch, StringAgg, Sum, Value, When
from django.db.models.functions import Cast

from charter_portal.history import last_records_before
from charter_portal.periods import running_on_q
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
    return _load_offers(Offer.objects.running_on(day).publicly_visible())


def _load_offers(candidates) -> list[coverage.Offer]:
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


# --- The past as it was ----------------------------------------------------------------------------------
#
# Coverage on a past day counts the offers and collaborations as they stood on that day, read from the change
# history the portal keeps (django-simple-history): for each object, its last record saved before the end of
# the day, with the links (functions, neighbourhoods, movement circles) that record holds. An object deleted by
# then has a last record of type "-" and does not count; one created later has no record yet and does not
# count either. Objects made before their history was kept (a bulk import) have no record: they count as they
# are now, from the day they were created.


def _links_of_records(m2m_model, column: str, record_ids) -> dict[int, frozenset]:
    """history id -> the ids in ``column`` that record's links held (one query)."""
    links = defaultdict(set)
    for history_id, value in m2m_model.objects.filter(history_id__in=record_ids).values_list("history_id", column):
        if value is not None:
            links[history_id].add(value)
    return {history_id: frozenset(values) for history_id, values in links.items()}


def _m2m_history_model(model, field_name: str):
    """The table in which the change history keeps ``model``'s links of ``field_name``, per record."""
    return apps.get_model(model._meta.app_label, f"Historical{model.__name__}_{field_name}")


def _organisations_on(before: datetime.datetime) -> dict[int, tuple[str, bool]]:
    """Organisation id -> (name, active) as they stood before ``before`` (2 queries)."""
    from organisations.models import Organisation

    now = {pk: (name, active) for pk, name, active in Organisation.objects.values_list("id", "name", "is_active")}
    then = {
        pk: (name, active)
        for pk, name, active in last_records_before(Organisation.history.model, before).values_list(
            "id", "name", "is_active"
        )
    }
    return {**now, **then}


def load_offers_as_of(day: datetime.date, before: datetime.datetime) -> list[coverage.Offer]:
    """The offers as they stood on ``day`` (their records saved before ``before``), as the engine's records
    (7 queries, whatever the numbers)."""
    running = running_on_q(day)
    records = last_records_before(Offer.history.model, before).filter(running, status=Offer.Status.PUBLISHED)
    record_ids = records.values("history_id")
    functions = _links_of_records(_m2m_history_model(Offer, "functions"), "function__code", record_ids)
    neighbourhoods = _links_of_records(_m2m_history_model(Offer, "neighbourhoods"), "neighbourhood_id", record_ids)
    circles = _links_of_records(_m2m_history_model(Offer, "movement_circles"), "movementcircle_id", record_ids)
    organisations = _organisations_on(before)
    empty = frozenset()
    offers = []
    for history_id, pk, org_id, status, starts_on, ends_on, warm, hours in records.values_list(
        "history_id", "id", "organisation_id", "status", "starts_on", "ends_on", "is_warm_place", "weekly_hours"
    ):
        org_name, org_active = organisations.get(org_id, ("", False))
        offers.append(
            coverage.Offer(
                pk,
                org_id,
                org_name,
                org_active,
                status,
                starts_on,
                ends_on,
                functions.get(history_id, empty),
                neighbourhoods.get(history_id, empty),
                circles.get(history_id, empty),
                warm,
                hours,
            )
        )
    # Offers without any record (made before their history was kept) count as they are, once created.
    unrecorded = (
        Offer.objects.running_on(day)
        .publicly_visible()
        .filter(created_at__lt=before)
        .exclude(id__in=Offer.history.model.objects.values("id"))
    )
    return offers + _load_offers(unrecorded)


def load_collaborations_as_of(day: datetime.date, before: datetime.datetime) -> list[coverage.Collaboration]:
    """Collaborations active on ``day`` as they stood then, with the members accepted then (5 queries)."""
    records = last_records_before(Collaboration.history.model, before).filter(running_on_q(day))
    record_ids = records.values("history_id")
    neighbourhoods = _links_of_records(
        _m2m_history_model(Collaboration, "neighbourhoods"), "neighbourhood_id", record_ids
    )
    circles = _links_of_records(_m2m_history_model(Collaboration, "movement_circles"), "movementcircle_id", record_ids)
    rows = list(records.values_list("history_id", "id", "name", "starts_on", "ends_on"))
    members = defaultdict(set)
    for collaboration_id, org_id in (
        last_records_before(CollaborationMember.history.model, before)
        .filter(collaboration_id__in=[row[1] for row in rows], status=CollaborationMember.Status.ACCEPTED)
        .values_list("collaboration_id", "organisation_id")
    ):
        members[collaboration_id].add(org_id)
    empty = frozenset()
    collaborations = [
        coverage.Collaboration(
            id=pk,
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            accepted_organisation_ids=frozenset(members.get(pk, ())),
            neighbourhood_ids=neighbourhoods.get(history_id, empty),
            circle_ids=circles.get(history_id, empty),
        )
        for history_id, pk, name, starts_on, ends_on in rows
    ]
    # Collaborations without any record (made before their history was kept) count as they are, once created.
    recorded = Collaboration.history.model.objects.values("id")
    unrecorded = {
        c.id for c in Collaboration.objects.filter(created_at__lt=before).exclude(id__in=recorded).only("id").iterator()
    }
    if unrecorded:
        collaborations += [c for c in load_collaborations(day) if c.id in unrecorded]
    return collaborations
