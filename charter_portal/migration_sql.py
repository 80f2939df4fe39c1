"""SQL that only PostgreSQL runs, as a migration operation.

Extensions, GIN and trigram indexes, generated ``tsvector`` columns and exclusion constraints are PostgreSQL's; the
embedded SQLite default skips them (the code that reads them has its SQLite fallback). Usage, in a migration:
``operations = [on_postgresql(CREATE, DROP)]``.
"""

from django.db import migrations


def on_postgresql(sql: str, reverse_sql: str, **options) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(reverse_sql)

    return migrations.RunPython(forwards, backwards, **options)
