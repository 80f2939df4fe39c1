"""On PostgreSQL, a trigram index on the lower-case title: a word of a search found nowhere as a word (a typo)
is looked up by resemblance in titles (charter_portal/search.py), which the long search text is too slow for."""

from django.db import migrations

from charter_portal.migration_sql import on_postgresql

CREATE = "CREATE INDEX IF NOT EXISTS offer_title_trigram ON organisations_offer USING gin (lower(title) gin_trgm_ops);"
DROP = "DROP INDEX IF EXISTS offer_title_trigram;"


class Migration(migrations.Migration):
    dependencies = [("offers", "0005_offer_search_text")]

    operations = [on_postgresql(CREATE, DROP)]
