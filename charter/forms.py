from django import forms
from django.utils.translation import gettext_lazy as _

from charter.models import RECEIPT_LENGTH, CharterVersion, normalise_receipt_code
from charter_portal.personal_data import validate_no_personal_data
from organisations.models import Organisation


class SignForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": _("You can only sign for an organisation you are an admin of.")},
    )
    signer_name = forms.CharField(label=_("Your full name"), max_length=150)
    signer_role = forms.CharField(
        label=_("Your role in the organisation"),
        max_length=150,
        help_text=_("For example chair, coordinator or head of service."),
        validators=[validate_no_personal_data],
    )
    authorised = forms.BooleanField(
        label=_("I am authorised to sign on behalf of the organisation."),
        error_messages={"required": _("Confirm that you are authorised to sign on behalf of the organisation.")},
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("We ask for your password again to be sure it is you who signs."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        choices = list(organisations)
        if len(choices) == 1:
            self.fields["organisation"].initial = choices[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["authorised"].label = _("I am authorised to sign on behalf of %(organisation)s.") % {
                "organisation": choices[0].name
            }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        validators=[validate_no_personal_data],
        help_text=_("Shown with the withdrawal in the public verification. Do not write personal data."),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        help_text=_("The code on the receipt, for example ABCD-EFGH-JKMN."),
    )

    def clean_code(self):
        code = normalise_receipt_code(self.cleaned_data["code"])
        if len(code) != RECEIPT_LENGTH:
            raise forms.ValidationError(_("A receipt code has %(n)s letters and digits.") % {"n": RECEIPT_LENGTH})
        return code


class NewVersionForm(forms.Form):
    label = forms.CharField(label=_("Label of the new version"), max_length=50, help_text=_("For example “2026”."))

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        if CharterVersion.objects.filter(label=label).exists():
            raise forms.ValidationError(_("A version with this label already exists."))
        return label


class _LinesField(forms.CharField):
    """A list of bullets edited as one bullet per line."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class _VersionedForm(forms.ModelForm):
    """Carries the draft's version the person started from, so a concurrent edit is not silently overwritten."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, draft_version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = draft_version


class DraftArticleForm(_VersionedForm):
    bullets_nl = _LinesField(label=_("Bullets (Dutch)"), required=False, help_text=_("One bullet per line."))
    bullets_en = _LinesField(label=_("Bullets (English)"), required=False, help_text=_("One bullet per line."))

    class Meta:
        from charter.models import Article

        model = Article
        fields = ["title_nl", "title_en", "body_nl", "body_en", "bullets_nl", "bullets_en"]
        widgets = {"body_nl": forms.Textarea(attrs={"rows": 6}), "body_en": forms.Textarea(attrs={"rows": 6})}


class DraftIntroductionForm(_VersionedForm):
    class Meta:
        model = CharterVersion
        fields = ["introduction_nl", "introduction_en"]
        widgets = {
            "introduction_nl": forms.Textarea(attrs={"rows": 14}),
            "introduction_en": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {"introduction_nl": _("Separate paragraphs with an empty line.")}
