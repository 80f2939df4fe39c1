from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.forms import SetPasswordFieldsMixin
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import SHORT_TEXT
from organisations.models import Membership, Organisation, Sector

User = get_user_model()


class OrganisationFieldsForm(forms.ModelForm):
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors you work in"),
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "sectors", "description", "email", "phone", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "description": _("What your organisation does, for whom. Never name children or young people."),
            "email": _("Shown publicly, so people can contact your organisation."),
        }

    def clean_description(self):
        description = self.cleaned_data.get("description", "")
        validate_no_personal_data(description)
        return description


class RegistrationForm(SetPasswordFieldsMixin, OrganisationFieldsForm):
    """A new organisation and its first admin. Logged-in people become admin with their own account."""

    admin_name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    admin_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("You log in with this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = [
        "name",
        "kind",
        "sectors",
        "description",
        "email",
        "phone",
        "website",
        "admin_name",
        "admin_email",
        "password1",
        "password2",
    ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        if self.user is not None:
            for name in ("admin_name", "admin_email", "password1", "password2"):
                del self.fields[name]

    def password_user(self):
        return User(email=self.cleaned_data.get("admin_email", ""), full_name=self.cleaned_data.get("admin_name", ""))

    def clean_admin_email(self):
        email = User.objects.normalize_email(self.cleaned_data["admin_email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail address exists already. Log in first, then register the organisation.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if self.user is None:
            self._post_clean_password()
        return cleaned


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the person who registered the organisation."),
        validators=[validate_no_personal_data],
        max_length=SHORT_TEXT,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CoordinatorForm(forms.Form):
    """Grant or revoke the charter coordinator role of one city staff member."""

    grant = forms.TypedChoiceField(
        label=_("Charter coordinator"),
        choices=[("1", _("grant")), ("0", _("revoke"))],
        coerce=lambda value: value == "1",
    )


class ApproveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class RoleChangeForm(forms.Form):
    """Changing someone's rights needs the admin's own password again."""

    role = forms.ChoiceField(label=_("New role"), choices=Membership.Role.choices)
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that it is really you who changes this role."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password


class OrganisationEditForm(OrganisationFieldsForm):
    """The organisation's public profile, edited by its admins; the version guards against lost updates."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
