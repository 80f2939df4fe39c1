"""The e-mailed invitation link: a new person sets a password, an existing one logs in and joins."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.forms import InvitationSignupForm
from accounts.models import Invitation, User
from organisations import services

REFUSALS = {
    "used": (410, gettext_lazy("This invitation link was already used. Each link works only once.")),
    "withdrawn": (410, gettext_lazy("This invitation was withdrawn or replaced by a newer one.")),
    "expired": (410, gettext_lazy("This invitation link has expired.")),
    "other_person": (
        403,
        gettext_lazy("This invitation is for another e-mail address than the one you are logged in with."),
    ),
}


def _refuse(request, invitation, reason):
    if reason == "has_account":
        status, message = 403, _("An account with this e-mail address exists already. Log in to accept.")
    else:
        status, message = REFUSALS[reason]
    return render(
        request,
        "accounts/invitation_refused.html",
        {"invitation": invitation, "reason": reason, "message": message},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The e-mailed link: set a password (new person) or join after logging in (existing account)."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    try:
        services.invitation_check(invitation, user)
    except services.InvitationRefused as refusal:
        return _refuse(request, invitation, refusal.reason)

    if user is not None:
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=user)
            except services.InvitationRefused as refusal:
                return _refuse(request, invitation, refusal.reason)
            messages.success(request, _("You joined %(name)s.") % {"name": invitation.organisation.name})
            return redirect("organisations:mine")
        return render(request, "accounts/invitation_join.html", {"invitation": invitation})

    if User.objects.filter(email__iexact=invitation.email).exists():
        # The invitation came to this address: it proves the address as a confirmation link does.
        User.objects.filter(email__iexact=invitation.email, email_confirmed=False).update(email_confirmed=True)
        login_url = f"{reverse('accounts:login')}?next={request.path}"
        return render(request, "accounts/invitation_login.html", {"invitation": invitation, "login_url": login_url})

    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            new_user = services.invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationRefused as refusal:
            return _refuse(request, invitation, refusal.reason)
        login(request, new_user, backend="accounts.backends.PortalModelBackend")
        translation.activate(new_user.preferred_language)
        messages.success(request, _("Welcome! You joined %(name)s.") % {"name": invitation.organisation.name})
        return redirect("organisations:mine")
    return render(request, "accounts/invitation_signup.html", {"invitation": invitation, "form": form})
