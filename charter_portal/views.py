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


@require_safe
def accessibility(request):
    return render(request, "accessibility.html")


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
