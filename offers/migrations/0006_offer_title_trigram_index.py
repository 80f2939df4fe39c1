"""On PostgreSQL, a trigram index on the lower-case title: a word of a search found nowhere as a word (a typo)
is looked up by resemblance in titles (charter_portal/search.py), which the long search text is too slow for."""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS offer_title_trigram ON organisations_offer USING gin (lower(title) gin_trgm_ops);"
DROP = "DROP INDEX IF EXISTS offer_title_trigram;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("offers", "0005_offer_search_text")]

    operations = [migrations.RunPython(create, drop)]
