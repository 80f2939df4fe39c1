"""No two bookings that hold a space overlap: an exclusion constraint on PostgreSQL (btree_gist lets the space id
take part in the GiST index). SQLite has no such constraint: ``support.services.booking_request`` checks under a
lock there (and on PostgreSQL as well, for a clear message)."""

from django.db import migrations

from charter_portal.migration_sql import on_postgresql

SQL = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE support_booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (
    space_id WITH =,
    tstzrange(starts_at, ends_at, '[)') WITH &&
) WHERE (status IN ('requested', 'accepted'));
"""
REVERSE = "ALTER TABLE support_booking DROP CONSTRAINT IF EXISTS booking_no_overlap;"


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [on_postgresql(SQL, REVERSE)]
