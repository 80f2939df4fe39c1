"""The words in use in the offers' search texts (offers.models.SearchWord), with a trigram index on PostgreSQL, where
the directory's search looks a typo up; filled from the offers already there."""

import re

from django.db import migrations, models

from charter_portal.migration_sql import on_postgresql

CREATE = "CREATE INDEX IF NOT EXISTS offer_search_word_trigram ON offers_searchword USING gin (word gin_trgm_ops);"
DROP = "DROP INDEX IF EXISTS offer_search_word_trigram;"
WORD = re.compile(r"[^\W_]+")


def fill(apps, schema_editor):
    # The search texts are folded already (offers/search.py); the same words as charter_portal.search.vocabulary_words.
    Offer = apps.get_model("offers", "Offer")
    SearchWord = apps.get_model("offers", "SearchWord")
    words = set()
    for text in Offer.objects.values_list("search_text", flat=True).iterator(chunk_size=2000):
        words.update(word for word in WORD.findall(text or "") if 3 < len(word) <= 100 and not word.isdigit())
    SearchWord.objects.bulk_create([SearchWord(word=w) for w in sorted(words)], batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("offers", "0009_text_limits")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[("word", models.CharField(max_length=100, primary_key=True, serialize=False))],
            options={"ordering": ["word"]},
        ),
        on_postgresql(CREATE, DROP),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
