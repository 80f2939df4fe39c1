from datetime import date
from email.utils import parseaddr

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from charter_portal import caching
from charter_portal.api_reference import reference, reference_html
from charter_portal.context_processors import MENU_DOMAINS, menu_of
from charter_portal.permissions import actor_for


@require_safe
def api_reference(request):
    """The API reference as a page: every operation and object of the OpenAPI schema (in English, as the API)."""
    return render(
        request,
        "api/reference.html",
        {"reference": reference(), "body": mark_safe(reference_html())},  # noqa: S308
    )


@require_safe
def home(request):
    """The welcome page. Its cards are kept: a visitor's for everyone, a signed-in person's role cards per audience
    (they list the person's menu), and their to-do card for them alone (``{% todo_card %}``). The greeting with the
    person's name is rendered for each request."""
    actor = actor_for(request.user)
    if actor.is_authenticated:
        parts = {
            "role_cards": caching.render_part(
                request, "_home_roles.html", lambda: {"nav_sections": menu_of(actor).sections}, domains=MENU_DOMAINS
            )
        }
    else:
        parts = {
            "visitor_cards": caching.render_part(request, "_home_visitor.html", dict, domains=("charter",), public=True)
        }
    return render(request, "home.html", {"actor": actor, **parts})


# The day the accessibility statement was last brought in line with the test results (tests/browser).
ACCESSIBILITY_STATEMENT_DATE = date(2026, 12, 7)


@require_safe
def accessibility(request):
    """The accessibility statement (Flemish decree and EU directive 2016/2102): state, method, limits, contact."""
    contact_email = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return render(
        request,
        "accessibility.html",
        {"statement_date": ACCESSIBILITY_STATEMENT_DATE, "contact_email": contact_email},
    )


@never_cache
@require_safe
def healthz(request):
    """200 when the database and the shared cache answer, 503 when one does not (for load balancers and
    monitoring); each check says "ok" or "unreachable". The cache holds what every process shares: kept pages
    and coverage (charter_portal/caching.py), API throttling, and with Redis the sessions."""
    from django.core.cache import cache

    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        checks["database"] = "unreachable"
    else:
        checks["database"] = "ok"
    try:
        cache.get("portal:healthz")  # a read: the answer does not matter, only that there is one
    except Exception:  # each backend raises its own errors (redis.ConnectionError, DatabaseError ...)
        checks["cache"] = "unreachable"
    else:
        checks["cache"] = "ok"
    healthy = all(status == "ok" for status in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
