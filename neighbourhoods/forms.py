from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charter_portal.personal_data import validate_no_personal_data
from neighbourhoods import priority
from neighbourhoods.coverage import FUNCTION_ORDER
from neighbourhoods.labels import FUNCTION_LABELS
from neighbourhoods.models import Indicator, PriorityDecision


class CoverageFilterForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    area_type = forms.ChoiceField(
        label=_("Areas"),
        required=False,
        choices=[
            ("", _("Neighbourhoods and movement circles")),
            ("neighbourhood", _("Neighbourhoods")),
            ("movement_circle", _("Movement circles")),
        ],
    )
    function = forms.ChoiceField(
        label=_("Missing function"),
        required=False,
        choices=[("", _("Any"))] + [(code, FUNCTION_LABELS[code]) for code in FUNCTION_ORDER],
    )
    name = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    priority_only = forms.BooleanField(label=_("Priority areas only"), required=False)
    gaps_only = forms.BooleanField(label=_("Areas with gaps only"), required=False)

    def day(self):
        return (self.cleaned_data.get("date") if self.is_valid() else None) or timezone.localdate()

    def apply(self, results):
        if not self.is_valid():
            return results
        data = self.cleaned_data
        if data["area_type"]:
            results = [r for r in results if r.area_type == data["area_type"]]
        if data["function"]:
            results = [r for r in results if data["function"] in r.missing_functions]
        if data.get("name"):
            needle = data["name"].casefold()
            results = [r for r in results if needle in r.name.casefold()]
        if data["priority_only"]:
            results = [r for r in results if r.is_priority]
        if data["gaps_only"]:
            results = [r for r in results if not r.meets_charter]
        return results


class PriorityDecisionForm(forms.Form):
    year = forms.IntegerField(label=_("Data year"), min_value=1990, max_value=2100)
    method = forms.ChoiceField(label=_("Method"), choices=PriorityDecision.Method.choices, widget=forms.RadioSelect)
    threshold = forms.DecimalField(
        label=_("Threshold (score 0-100)"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    top_n = forms.IntegerField(label=_("Number of priority areas (top N)"), required=False, min_value=1, max_value=500)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
    )

    def clean(self):
        data = super().clean()
        if data.get("method") == priority.THRESHOLD and data.get("threshold") is None:
            self.add_error("threshold", _("Give the threshold."))
        if data.get("method") == priority.TOP_N and not data.get("top_n"):
            self.add_error("top_n", _("Give the number of priority areas."))
        return data


class PriorityOverrideForm(forms.Form):
    CHOICES = [("data", _("Follow the data")), ("on", _("Priority (override)")), ("off", _("Not priority (override)"))]
    version = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(label=_("Priority"), choices=CHOICES, widget=forms.RadioSelect)
    motivation = forms.CharField(
        label=_("Motivation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for an override: why does this area differ from what the data says?"),
        validators=[validate_no_personal_data],
    )

    def clean(self):
        data = super().clean()
        if data.get("choice") in ("on", "off") and not (data.get("motivation") or "").strip():
            self.add_error("motivation", _("An override needs a written motivation."))
        return data

    @property
    def override(self):
        return {"data": None, "on": True, "off": False}[self.cleaned_data["choice"]]


class ConfirmationForm(forms.Form):
    """The confirm step of a preview: the previewed values as hidden fields, and the preview's token.

    Hidden inputs are never localised, so a value such as a threshold of 62.50 comes back as the
    (non-localised) field reads it in every language."""

    confirm = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = forms.HiddenInput()


class PriorityDecisionConfirmForm(ConfirmationForm, PriorityDecisionForm):
    pass


class PriorityOverrideConfirmForm(ConfirmationForm, PriorityOverrideForm):
    pass


class IndicatorImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"), help_text=_("Columns: wijknr (or wijk), year, one per indicator code.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class SnapshotForm(forms.Form):
    date = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class IndicatorForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", "source", "higher_means_more_need", "weight", "is_synthetic", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            if self.instance.source_kind != Indicator.SourceKind.IMPORTED:
                self.fields["code"].disabled = True
