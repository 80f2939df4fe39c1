"""The PostgreSQL side of the shared search (charter_portal/search.py): extensions and the Dutch configuration.

``portal_dutch`` is PostgreSQL's ``dutch`` configuration with ``unaccent`` before stemming, so "cafe" finds
"café". SQLite has none of this and skips the migration: its search is the fallback in the same module.
"""

from django.db import migrations

from charter_portal.migration_sql import on_postgresql

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portal_dutch') THEN
        CREATE TEXT SEARCH CONFIGURATION portal_dutch (COPY = pg_catalog.dutch);
        ALTER TEXT SEARCH CONFIGURATION portal_dutch
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
    END IF;
END
$$;
"""

# The extensions stay: other databases objects (indexes of other apps) may use them.
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_dutch;"


class Migration(migrations.Migration):
    dependencies = [("offers", "0002_list_order_index")]

    operations = [on_postgresql(CREATE, DROP, elidable=False)]
