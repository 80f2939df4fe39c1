from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from charter_portal.permissions import actor_for
from notifications import selectors, services
from notifications.forms import PreferencesForm
from notifications.models import Category
from notifications.todo import todo_for
from notifications.tokens import read_unsubscribe_token

PAGE_SIZE = 25


@login_required
def notification_list(request):
    unread_only = request.GET.get("ongelezen") == "1"
    rows = selectors.notifications_of(request.user, unread_only=unread_only)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread_only": unread_only, "unread_total": selectors.unread_count(request.user)},
    )


@login_required
def open_notification(request, pk):
    """Follow a notification's link and mark it read on the way."""
    notification = services.mark_read(request.user, pk)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(reverse("notifications:list"))
    return HttpResponseRedirect(target)


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(reverse("notifications:list"))


@login_required
@require_POST
def mark_read(request, pk):
    services.mark_read(request.user, pk)
    return _back(request)


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return _back(request)


@login_required
def preferences(request):
    current = services.preferences_for(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(request.user, form.cleaned_data)
        messages.success(request, _("Your e-mail choices are saved."))
        return HttpResponseRedirect(request.path)
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # the signed token in the address is the proof; RFC 8058 one-click POSTs come without a session
def unsubscribe(request, token):
    read = read_unsubscribe_token(token)
    if read is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    user_id, category = read
    if category not in Category.values:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        done = services.unsubscribe(user_id, category)
        if not done:
            return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    return render(request, "notifications/unsubscribe.html", {"category": Category(category), "done": done})


@login_required
def todo(request):
    actor = actor_for(request.user)
    return render(request, "notifications/todo.html", {"items": todo_for(actor)})
