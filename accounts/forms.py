from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from charter_portal.mail import send_portal_mail
from charter_portal.personal_data import validate_no_personal_data


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "email_unconfirmed": _(
            "Your e-mail address is not confirmed yet. Open the link in the e-mail we sent you when you registered; "
            "then you can log in. No e-mail? Ask for a new link below."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # Only after the right password: the message tells nothing to someone who does not know it.
        if not user.email_confirmed:
            self.unconfirmed_email = user.email
            raise forms.ValidationError(self.error_messages["email_unconfirmed"], code="email_unconfirmed")


class ConfirmationResendForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


# The refusals of Django's password forms in the portal's words (Django's Dutch says "u").
PASSWORD_FORM_ERRORS = {
    "password_mismatch": _("The two passwords differ. Type the same password twice."),
    "password_incorrect": _("This is not your current password. Type it again."),
}


class AddressConfirmingSetPasswordForm(SetPasswordForm):
    """The password reset form: the reset link came to the address, so it confirms the address too."""

    error_messages = {**SetPasswordForm.error_messages, **PASSWORD_FORM_ERRORS}

    def save(self, commit=True):
        self.user.email_confirmed = True
        return super().save(commit=commit)


class PortalPasswordChangeForm(PasswordChangeForm):
    error_messages = {**PasswordChangeForm.error_messages, **PASSWORD_FORM_ERRORS}


class LocalisedPasswordResetForm(PasswordResetForm):
    """Sends the reset e-mail in the language the person chose for e-mails, through the portal's mail queue."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        user = context.get("user")
        send_portal_mail(
            to=to_email,
            language=getattr(user, "preferred_language", None) or translation.get_language(),
            subject_template=subject_template_name,
            body_template=email_template_name,
            context=context,
        )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new token"),
        max_length=100,
        help_text=_("What the token is for, e.g. the script or spreadsheet that uses it."),
        validators=[validate_no_personal_data],
    )


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}


class SetPasswordFieldsMixin(forms.Form):
    """Two password fields checked against the portal's password validators."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_user(self):
        """An unsaved user to check the password against (similarity to name and e-mail)."""
        return None

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError(PASSWORD_FORM_ERRORS["password_mismatch"], code="password_mismatch")
        return password2

    def _post_clean_password(self):
        password = self.cleaned_data.get("password2")
        if password:
            try:
                password_validation.validate_password(password, self.password_user())
            except forms.ValidationError as error:
                self.add_error("password1", error)


class InvitationSignupForm(SetPasswordFieldsMixin):
    full_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        validators=[validate_no_personal_data],
    )
    field_order = ["full_name", "password1", "password2"]

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def password_user(self):
        return User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))

    def clean(self):
        cleaned = super().clean()
        self._post_clean_password()
        return cleaned
