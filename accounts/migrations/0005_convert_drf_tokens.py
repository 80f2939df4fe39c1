"""DRF's plain-text tokens (``rest_framework.authtoken``) become hashed, named API tokens that keep working;
then their table, which holds every key in clear, is dropped. The app is no longer installed, so its table is
read directly, when it exists."""

import hashlib
from datetime import UTC

from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

OLD_TABLE = "authtoken_token"


def convert(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("accounts", "ApiToken")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id, created FROM {OLD_TABLE}")  # noqa: S608 - a constant table name
        rows = cursor.fetchall()
    for key, user_id, created in rows:
        if isinstance(created, str):  # SQLite returns text
            created = parse_datetime(created)
        if created is not None and timezone.is_naive(created):
            created = created.replace(tzinfo=UTC)  # stored in UTC (USE_TZ)
        ApiToken.objects.create(
            user_id=user_id,
            name="API token",
            prefix=key[:8],
            key_hash=hashlib.sha256(key.encode()).hexdigest(),
            created_at=created or timezone.now(),
        )
    schema_editor.execute(f"DROP TABLE {OLD_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_api_tokens")]

    # Backwards the hashed tokens stay (their secrets are gone); DRF's table would be recreated by its own app.
    operations = [migrations.RunPython(convert, migrations.RunPython.noop)]
