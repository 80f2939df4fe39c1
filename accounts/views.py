from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import services
from accounts.forms import AccountForm, ApiTokenForm, ConfirmationResendForm, LoginForm
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

    def get_context_data(self, **kwargs):
        """The empty form that every visitor gets is rendered once per language and query (its ``next``) and kept;
        the request's own CSRF token is filled in when it is served (charter_portal.caching.render_part). A form
        sent back with errors is rendered for its request."""
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if not form.is_bound:
            context["form_html"] = caching.render_part(
                self.request,
                "accounts/_login_form.html",
                lambda: {"form": form, "next": context["next"]},
                domains=("accounts",),
                public=True,
                # ``next`` is checked against the host and scheme before it is shown: part of the key
                vary=(self.request.get_host(), self.request.is_secure()),
            )
        return context


def _resend_context() -> dict:
    return {"resend_form": ConfirmationResendForm(), "days": services.CONFIRMATION_VALID.days}


@require_safe
def confirmation_sent(request):
    """After registering: the next steps (confirm the address, then the city's approval), and a new link."""
    return render(request, "accounts/confirmation_sent.html", _resend_context())


@require_safe
@never_cache
def confirm_email(request, token):
    """The mailed link: confirms the address; the person logs in next."""
    user = services.email_confirm(token=token)
    if user is None:
        return render(request, "accounts/confirm_failed.html", _resend_context(), status=400)
    messages.success(request, _("Thank you: your e-mail address is confirmed. You can log in now."))
    return redirect("accounts:login")


@require_POST
def confirmation_resend(request):
    """A new confirmation link, at most every few minutes per address; the answer never says if the account exists."""
    form = ConfirmationResendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid e-mail address to get a new link."))
        return redirect("accounts:confirmation_sent")
    sent = services.email_confirmation_resend(
        email=form.cleaned_data["email"], client_address=get_client_ip_address(request) or ""
    )
    if sent:
        messages.success(
            request,
            _(
                "If an account with an unconfirmed address %(email)s exists, a new link is on its way. It can take a "
                "few minutes; look in your spam folder too."
            )
            % {"email": form.cleaned_data["email"]},
        )
    else:
        messages.error(
            request, _("A new link was asked for a moment ago. Wait a few minutes, then try again if it did not come.")
        )
    return redirect("accounts:confirmation_sent")
