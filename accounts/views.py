from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import services
from accounts.forms import AccountForm, ApiTokenForm, LoginForm
from charter_portal import caching
from charter_portal.errors import StepNotAllowed


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """The person's own account: name and the language of e-mails and pages."""
    if request.method == "POST":
        form = AccountForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            caching.bump("accounts")  # names appear on kept pages (covenant comments, history)
            messages.success(request, _("Your account details were saved."))
            response = redirect("accounts:account")
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                request.user.preferred_language,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
            return response
    else:
        form = AccountForm(instance=request.user)
    return _account_page(request, form=form)


def _account_page(request, *, form=None, token_form=None, new_key=None):
    return render(
        request,
        "accounts/account.html",
        {
            "form": form or AccountForm(instance=request.user),
            "memberships": request.user.memberships.select_related("organisation"),
            "tokens": request.user.api_tokens.active(),
            "token_form": token_form or ApiTokenForm(),
            "new_key": new_key,
        },
    )


@login_required
@require_POST
@never_cache
def token_create(request):
    """A new API token; its secret is on this one answer only (never stored, never redirected to)."""
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, key = services.api_token_issue(user=request.user, name=form.cleaned_data["name"])
        except StepNotAllowed as exc:
            form.add_error("name", exc.message)
        else:
            return _account_page(request, new_key={"token": token, "key": key})
    return _account_page(request, token_form=form)


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens.active(), pk=pk)
    services.api_token_revoke(token=token)
    messages.success(request, _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name})
    return redirect("accounts:account")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
