"""Read-only queries of offers, collaborations and shared spaces."""

from django.db import connections

from neighbourhoods.models import MovementCircle
from offers.models import CollaborationMember, Offer


def collaboration_ids_of(organisation):
    """The ids of the collaborations ``organisation`` is a member of (invited, accepted or declined), as a subquery."""
    return CollaborationMember.objects.filter(organisation=organisation).values("collaboration_id")


def offers_per_area(matching, *, circles: bool = True) -> tuple[dict[int, int], dict[int, int]]:
    """How many of the offers of ``matching`` (a queryset of offers) serve each neighbourhood and each movement
    circle, in one query: ``({neighbourhood id: count}, {movement circle id: count})``; areas without any are left
    out.

    An offer serves a neighbourhood when it names it or a movement circle that holds it, and a movement circle when
    it names it or one of its neighbourhoods; an offer counts once per area however it is linked. Each link table is
    read once and grouped, where a count per area would run a subquery for every area (slow with many areas).
    ``circles=False`` leaves the movement circles' counts out (a map with no room for them)."""
    tables = (Offer.neighbourhoods.through, Offer.movement_circles.through, MovementCircle.neighbourhoods.through)
    matching_sql, params = matching.order_by().values("pk").query.get_compiler(using=matching.db).as_sql()
    qn = connections[matching.db].ops.quote_name
    # Table and column names come from the models, quoted; every value is a parameter.
    offer_areas, offer_circles, circle_areas = (qn(table._meta.db_table) for table in tables)
    offer_id, area_id, circle_id = qn("offer_id"), qn("neighbourhood_id"), qn("movementcircle_id")
    sql = f"""
        WITH matching (id) AS ({matching_sql}),
        direct (area, offer) AS (
            SELECT oa.{area_id}, oa.{offer_id} FROM {offer_areas} oa JOIN matching ON matching.id = oa.{offer_id}
        ),
        named (circle, offer) AS (
            SELECT oc.{circle_id}, oc.{offer_id} FROM {offer_circles} oc JOIN matching ON matching.id = oc.{offer_id}
        ),
        area_links (area, offer) AS (
            SELECT area, offer FROM direct
            UNION
            SELECT ca.{area_id}, named.offer FROM named JOIN {circle_areas} ca ON ca.{circle_id} = named.circle
        ),
        circle_links (circle, offer) AS (
            SELECT circle, offer FROM named
            UNION
            SELECT ca.{circle_id}, direct.offer FROM direct JOIN {circle_areas} ca ON ca.{area_id} = direct.area
        )
        SELECT 'n', area, COUNT(*) FROM area_links GROUP BY area
        {"UNION ALL SELECT 'c', circle, COUNT(*) FROM circle_links GROUP BY circle" if circles else ""}
    """  # noqa: S608
    counts: dict[str, dict[int, int]] = {"n": {}, "c": {}}
    with connections[matching.db].cursor() as cursor:
        cursor.execute(sql, params)
        for kind, pk, count in cursor.fetchall():
            counts[kind][pk] = count
    return counts["n"], counts["c"]
