"""System checks of the portal's own configuration."""

from django.conf import settings
from django.core.checks import Warning, register


@register("caches", deploy=True)
def shared_cache(app_configs, **kwargs):
    """Kept values and their version numbers must be shared by every process (charter_portal/caching.py)."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is local to each process (CACHE_URL=locmem).",
                hint="Pages one process keeps would not learn of a change another process wrote. Use Redis "
                "(CACHE_URL=redis://...) or the database cache (CACHE_URL=db), or run a single process.",
                id="portal.W001",
            )
        ]
    return []


# Backends that would run a mail task inside the request that enqueued it (or never run it at all).
_IN_REQUEST_TASK_BACKENDS = {
    "django.tasks.backends.immediate.ImmediateBackend": "runs each task inside the request that queued it",
    "django.tasks.backends.dummy.DummyBackend": "never runs a task, so no e-mail would leave",
}


@register("tasks", deploy=True)
def mail_off_the_request(app_configs, **kwargs):
    """Production sends e-mail from the worker (charter_portal/mail.py), never inside a request."""
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if settings.DEBUG or backend not in _IN_REQUEST_TASK_BACKENDS:
        return []
    return [
        Warning(
            f"The tasks backend {backend} {_IN_REQUEST_TASK_BACKENDS[backend]}.",
            hint="An SMTP server that is slow or down would slow or lose the portal's e-mail. Leave TASKS_BACKEND "
            "unset (the database backend) and run `python manage.py db_worker` beside gunicorn (README).",
            id="portal.W002",
        )
    ]
