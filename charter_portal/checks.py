"""System checks of the portal's own configuration."""

from django.conf import settings
from django.core.checks import Warning, register


@register("caches", deploy=True)
def shared_cache(app_configs, **kwargs):
    """The data version token must be shared by every process (charter_portal/data_version.py)."""
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
