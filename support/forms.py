"""Forms of the support app: short, in plain language, each refusing bad input with a sentence."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charter_portal.text_limits import SHORT_TEXT
from organisations.models import Function, Organisation, Sector
from support.models import (
    AvailabilityException,
    AvailabilitySlot,
    CollaborationRole,
    Mentorship,
    SpaceConditions,
    SupportKind,
    SupportOffer,
    SupportRequest,
)

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class VersionField(forms.IntegerField):
    def __init__(self):
        super().__init__(widget=forms.HiddenInput, required=False, min_value=1)


class OrganisationChoice(forms.ModelChoiceField):
    def __init__(self, queryset, label):
        super().__init__(queryset=queryset, label=label, empty_label=None)


class SupportRequestForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["organisation", "kind", "needs", "needed_by"]
        widgets = {"needed_by": _DATE, "needs": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "needs": _("Describe what would help you. Never write names or contact details of children."),
            "needed_by": _("Leave empty if there is no date."),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = OrganisationChoice(organisations, _("For"))

    def clean_needed_by(self):
        day = self.cleaned_data.get("needed_by")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the past."))
        return day


class SupportRequestEditForm(forms.ModelForm):
    """What the asking organisation may still change while its request is open."""

    version = VersionField()

    class Meta:
        model = SupportRequest
        fields = ["needs", "needed_by"]
        widgets = SupportRequestForm.Meta.widgets
        help_texts = SupportRequestForm.Meta.help_texts

    def clean_needed_by(self):
        day = self.cleaned_data.get("needed_by")
        if day is not None and day < timezone.localdate() and day != self.instance.needed_by:
            raise forms.ValidationError(_("The date cannot be in the past."))
        return day


class StepForm(forms.Form):
    """A step on a request: the version read, and what the step needs (a supporter, a reason, an answer)."""

    version = VersionField()
    supporter = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Supporting organisation")
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=SHORT_TEXT
    )
    helped = forms.TypedChoiceField(
        label=_("Did it help?"),
        required=False,
        choices=[("yes", _("Yes, it helped")), ("no", _("No, it did not help"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supporter"].queryset = Organisation.objects.approved().filter(is_active=True)


class SupportOfferForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = SupportOffer
        fields = ["organisation", "kind", "description", "for_whom", "how_to_ask", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = OrganisationChoice(organisations, _("Offered by"))


class MentorshipForm(forms.ModelForm):
    class Meta:
        model = Mentorship
        fields = ["mentee", "mentor", "starts_on", "ends_on", "goal"]
        widgets = {"starts_on": _DATE, "ends_on": _DATE, "goal": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.approved().filter(is_active=True).order_by("name")
        self.fields["mentee"].queryset = organisations
        self.fields["mentor"].queryset = organisations

    def clean(self):
        data = super().clean()
        if data.get("mentee") and data.get("mentee") == data.get("mentor"):
            self.add_error("mentor", _("Choose another organisation than the one mentored."))
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return data


class ConditionsForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = SpaceConditions
        fields = ["is_free", "cost", "key_arrangement", "accessibility", "is_public", "booking_managers"]
        widgets = {"booking_managers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booking_managers"].queryset = members
        self.fields["booking_managers"].label_from_instance = lambda user: user.full_name or user.email

    def clean(self):
        data = super().clean()
        if data.get("is_free") is False and not data.get("cost"):
            self.add_error("cost", _("Say what the space costs, or tick that it is free."))
        return data


class SlotForm(forms.ModelForm):
    class Meta:
        model = AvailabilitySlot
        fields = ["weekday", "starts_at", "ends_at"]
        widgets = {"starts_at": _TIME, "ends_at": _TIME}

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class ExceptionForm(forms.ModelForm):
    class Meta:
        model = AvailabilityException
        fields = ["starts_on", "ends_on", "reason"]
        widgets = {"starts_on": _DATE, "ends_on": _DATE}

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return data


class BookingForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("For"), empty_label=None)
    day = forms.DateField(label=_("Day"), widget=_DATE)
    starts_at = forms.TimeField(label=_("From"), widget=_TIME)
    ends_at = forms.TimeField(label=_("Until"), widget=_TIME)
    purpose = forms.CharField(label=_("What for"), max_length=200)
    weekly_until = forms.DateField(
        label=_("Every week until"),
        required=False,
        widget=_DATE,
        help_text=_("Leave empty for one time. At most a year ahead."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must be after the start."))
        return data

    def period(self):
        day = self.cleaned_data["day"]
        combine = datetime.datetime.combine
        return (
            timezone.make_aware(combine(day, self.cleaned_data["starts_at"])),
            timezone.make_aware(combine(day, self.cleaned_data["ends_at"])),
        )


class RoleForm(forms.ModelForm):
    class Meta:
        model = CollaborationRole
        fields = ["organisation", "role", "functions", "sectors"]
        widgets = {"functions": forms.CheckboxSelectMultiple, "sectors": forms.CheckboxSelectMultiple}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = OrganisationChoice(organisations, _("Member"))
        self.fields["functions"].queryset = Function.objects.all()
        self.fields["sectors"].queryset = Sector.objects.exclude(code__in=["youth_work", "other"])


class VolunteerRunForm(forms.Form):
    is_volunteer_run = forms.BooleanField(
        label=_("Our organisation is run by volunteers"),
        required=False,
        help_text=_(
            "No paid staff run the daily work. Volunteer-run organisations ask for support like self-organisations."
        ),
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)


KIND_CHOICES = SupportKind.choices
