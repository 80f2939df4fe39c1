"""GIN indexes for finding similar signals on PostgreSQL: Dutch full-text (the portal_dutch configuration with
unaccent, made by offers' search migration) over title and description, and trigrams on the title. SQLite has
neither and skips this migration's work (charter_portal/search.py falls back to word matching there)."""

from django.db import migrations

from charter_portal.migration_sql import on_postgresql

CREATE = """
CREATE INDEX IF NOT EXISTS signal_search_fulltext ON signals_signal
    USING gin (to_tsvector('portal_dutch'::regconfig, coalesce(title, '') || ' ' || coalesce(description, '')));
CREATE INDEX IF NOT EXISTS signal_title_trigram ON signals_signal USING gin (title gin_trgm_ops);
"""
DROP = """
DROP INDEX IF EXISTS signal_search_fulltext;
DROP INDEX IF EXISTS signal_title_trigram;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("signals", "0003_followup_bodies_public_rounds"),
        ("offers", "0003_search_postgresql"),
    ]

    operations = [on_postgresql(CREATE, DROP, elidable=False)]
