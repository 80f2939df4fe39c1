"""On PostgreSQL, the offer's search text as a vector the database keeps (a generated column) with its GIN index.

Before, the full-text index covered the expression ``to_tsvector('portal_dutch', search_text)``: each row the index
found was checked again by parsing its whole text (about 60 µs a row), and where the planner chose to scan the table
(a word most offers hold, such as "gratis") a search took seconds at region scale. The stored vector is read instead
(charter_portal/search.py, ``vector``). The trigram index on the whole search text is dropped: typos are looked up in
the titles (``offer_title_trigram``). The column is the database's own: the ORM never writes it. SQLite skips this.
"""

from django.db import migrations

from charter_portal.migration_sql import on_postgresql

FORWARD = """
ALTER TABLE organisations_offer ADD COLUMN IF NOT EXISTS search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('portal_dutch'::regconfig, search_text)) STORED;
CREATE INDEX IF NOT EXISTS offer_search_vector ON organisations_offer USING gin (search_vector);
DROP INDEX IF EXISTS offer_search_fulltext;
DROP INDEX IF EXISTS offer_search_trigram;
"""
BACKWARD = """
CREATE INDEX IF NOT EXISTS offer_search_fulltext ON organisations_offer
    USING gin (to_tsvector('portal_dutch'::regconfig, search_text));
CREATE INDEX IF NOT EXISTS offer_search_trigram ON organisations_offer USING gin (search_text gin_trgm_ops);
DROP INDEX IF EXISTS offer_search_vector;
ALTER TABLE organisations_offer DROP COLUMN IF EXISTS search_vector;
"""


class Migration(migrations.Migration):
    dependencies = [("offers", "0007_personal_data_guard")]

    operations = [on_postgresql(FORWARD, BACKWARD)]
