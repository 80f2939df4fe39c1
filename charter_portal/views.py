from datetime import date
from email.utils import parseaddr

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from charter_portal.permissions import actor_for
from organisations.models import Function


@require_safe
def home(request):
    return render(request, "home.html", {"actor": actor_for(request.user)})


@require_safe
def functions(request):
    """The four functions of youth welfare work, explained: one small table, one template."""
    return render(request, "functions.html", {"functions": list(Function.objects.all())})


# The day the accessibility statement was last brought in line with the test results (tests/browser).
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 29)


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
    """200 when the database answers, 503 when it does not (for load balancers and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
