from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.views.generic import RedirectView

from accounts import views
from accounts.forms import AddressConfirmingSetPasswordForm, LocalisedPasswordResetForm, PortalPasswordChangeForm

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        views.LoginView.as_view(),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.account, name="account"),
    path("tokens/", views.token_create, name="token_create"),
    path("bevestigen/", views.confirmation_sent, name="confirmation_sent"),
    path("bevestigen/opnieuw/", views.confirmation_resend, name="confirmation_resend"),
    path("bevestigen/<str:token>/", views.confirm_email, name="confirm_email"),
    path("tokens/<int:pk>/intrekken/", views.token_revoke, name="token_revoke"),
    path(
        "wachtwoord/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            form_class=PortalPasswordChangeForm,
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=LocalisedPasswordResetForm,
            subject_template_name="accounts/email/password_reset_subject.txt",
            email_template_name="accounts/email/password_reset_body.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            form_class=AddressConfirmingSetPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    # Invitations e-mailed before the link moved to the organisations pages keep working for their 7 days.
    path(
        "uitnodiging/<str:token>/", RedirectView.as_view(url="/organisaties/uitnodiging/%(token)s/"), name="invitation"
    ),
]
