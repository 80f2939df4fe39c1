"""What a full data export holds, and how to tell that a database is still empty (docs/operations.md)."""

from django.apps import apps
from django.db import router

# Left out of an export, with the reason.
EXCLUDED = {
    "contenttypes": "recreated by migrate; rows refer to them by natural key",
    "auth.permission": "recreated by migrate; rows refer to them by natural key",
    "sessions": "logged-in sessions: people simply log in again after a restore",
    "axes": "login attempt counters and lockouts: short-lived, and they hold IP addresses",
    "django_tasks_database": "the mail queue: short-lived, and it holds addresses, texts and reset links",
}

# Rows the migrations themselves create in an empty database: they do not make it "not empty".
SEEDED_BY_MIGRATIONS = {
    "auth.permission",
    "contenttypes.contenttype",
    "neighbourhoods.neighbourhood",
    "organisations.function",
    "organisations.sector",
    "charter.charterversion",
    "charter.article",
    "charter.chainhead",
}

# Models of which the migrations create only some rows (the built-in indicators): those rows do not make a database
# "not empty", the others do.
SEEDED_ROWS_BY_MIGRATIONS = {
    "neighbourhoods.indicator": {"source_kind__startswith": "builtin_"},
}


def exported_models():
    """The models an export holds (every installed app's, except ``EXCLUDED``)."""
    for model in apps.get_models():
        if model._meta.app_label in EXCLUDED or model._meta.label_lower in EXCLUDED:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        yield model


def rows_beyond_migrations(using: str = "default") -> dict[str, int]:
    """Per model, the rows that people (not migrations) put in the database ``using``."""
    found = {}
    for model in exported_models():
        if model._meta.label_lower in SEEDED_BY_MIGRATIONS:
            continue
        if not router.allow_migrate_model(using, model):
            continue
        rows = model._base_manager.using(using)
        seeded = SEEDED_ROWS_BY_MIGRATIONS.get(model._meta.label_lower)
        if seeded:
            rows = rows.exclude(**seeded)
        count = rows.count()
        if count:
            found[model._meta.label] = count
    return found
