from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import AccountForm, LoginForm
from charter_portal import caching


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """The person's own account: name and the language of e-mails and pages."""
    memberships = request.user.memberships.select_related("organisation")
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
    return render(request, "accounts/account.html", {"form": form, "memberships": memberships})


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
