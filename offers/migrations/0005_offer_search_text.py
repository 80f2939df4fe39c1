"""Fills every offer's search text and, on PostgreSQL, indexes it for the directory's search (offers/search.py).

The two GIN indexes are the expressions charter_portal/search.py matches a ``document`` column with: full-text
in the ``portal_dutch`` configuration (migration 0003) and trigrams for typos. SQLite skips them.
"""

from django.db import migrations

from charter_portal.migration_sql import on_postgresql

from charter_portal.search import fold

INDEXES = """
CREATE INDEX IF NOT EXISTS offer_search_fulltext ON organisations_offer
    USING gin (to_tsvector('portal_dutch'::regconfig, search_text));
CREATE INDEX IF NOT EXISTS offer_search_trigram ON organisations_offer USING gin (search_text gin_trgm_ops);
"""
DROP_INDEXES = "DROP INDEX IF EXISTS offer_search_fulltext; DROP INDEX IF EXISTS offer_search_trigram;"


def fill(apps, schema_editor):
    # The same text as offers.search.offer_search_text for the fields offers had before this migration.
    Offer = apps.get_model("offers", "Offer")
    offers = Offer.objects.select_related("organisation").prefetch_related(
        "functions", "neighbourhoods", "movement_circles"
    )
    changed = []
    for offer in offers.iterator(chunk_size=1000):
        parts = [offer.title, offer.description, offer.organisation.name, offer.languages, offer.address]
        parts += [n.name for n in offer.neighbourhoods.all()] + [c.name for c in offer.movement_circles.all()]
        parts += [name for f in offer.functions.all() for name in (f.name_nl, f.name_en)]
        parts += ["gratis", "free"] if offer.is_free else []
        offer.search_text = fold(" ".join(p for p in parts if p))
        changed.append(offer)
    Offer.objects.bulk_update(changed, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("offers", "0004_offer_contact_schedule_search")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        on_postgresql(INDEXES, DROP_INDEXES),
    ]
