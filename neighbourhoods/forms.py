from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import NOTE_TEXT
from neighbourhoods import priority
from neighbourhoods.coverage import FUNCTION_ORDER
from neighbourhoods.labels import FUNCTION_LABELS
from neighbourhoods.models import PERCENT_UNITS, Indicator, MovementCircle, Neighbourhood, PriorityDecision


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
    no_warm_place = forms.BooleanField(label=_("Areas without a warm place only"), required=False)

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
        if data.get("no_warm_place"):
            results = [r for r in results if not r.warm_place]
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
        max_length=NOTE_TEXT,
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
        max_length=NOTE_TEXT,
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


def outline_upload_max_bytes() -> int:
    """Outline files may be large, but stay within the portal's upload limit (and 5 MB)."""
    return min(settings.UPLOAD_MAX_BYTES, 5_000_000)


class OutlineUploadForm(forms.Form):
    file = forms.FileField(label=_("GeoJSON file"))
    match_by = forms.CharField(
        label=_("Property with the neighbourhood's number or name"),
        required=False,
        max_length=100,
        help_text=_("Leave empty to find it in the file (wijknr or wijk in the city's open data)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A FeatureCollection of Polygons or MultiPolygons in longitude and latitude (WGS84), at most %(size)s MB."
        ) % {"size": outline_upload_max_bytes() // 1_000_000}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".geojson", ".json")):
            raise forms.ValidationError(_("Upload a .geojson or .json file."))
        if upload.size > outline_upload_max_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": outline_upload_max_bytes() // 1_000_000}
            )
        return upload


class OutlineConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class SnapshotForm(forms.Form):
    date = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class IndicatorForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "unit",
            "source",
            "min_value",
            "max_value",
            "higher_means_more_need",
            "weight",
            "is_synthetic",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            if self.instance.source_kind != Indicator.SourceKind.IMPORTED:
                self.fields["code"].disabled = True

    def clean(self):
        data = super().clean()
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The highest valid value cannot be lower than the lowest."))
        if (data.get("unit") or "").strip().lower() in PERCENT_UNITS:
            if low is not None and not 0 <= low <= 100:
                self.add_error("min_value", _("A percentage lies between 0 and 100."))
            if high is not None and not 0 <= high <= 100:
                self.add_error("max_value", _("A percentage lies between 0 and 100."))
        return data


class CoverageThresholdsForm(forms.Form):
    warm_place_min_hours = forms.DecimalField(
        label=_("Minimum hours per week for a warm place"),
        min_value=0,
        max_value=168,
        decimal_places=1,
        help_text=_(
            "An offer marked as a warm place counts as one only when it is open at least this many hours a week. "
            "0: every warm place counts."
        ),
    )
    base_offer_min_weeks = forms.IntegerField(
        label=_("Minimum weeks for the base offer"),
        min_value=0,
        max_value=52,
        help_text=_(
            "In an area that is not a priority area, a leisure offer counts as the base offer only when it runs at "
            "least this many weeks (an offer without an end date always does). 0: every leisure offer counts."
        ),
    )


class MovementCircleForm(forms.Form):
    """A movement circle as city admins make and change it: its name, its neighbourhoods and its priority."""

    CHOICES = PriorityOverrideForm.CHOICES
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=150, validators=[validate_no_personal_data])
    neighbourhoods = forms.ModelMultipleChoiceField(
        label=_("Neighbourhoods"),
        queryset=Neighbourhood.objects.defer("geometry").order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The neighbourhoods young people of this circle move around in."),
        error_messages={"required": _("Choose at least one neighbourhood.")},
    )
    choice = forms.ChoiceField(label=_("Priority"), choices=CHOICES, widget=forms.RadioSelect, initial="data")
    motivation = forms.CharField(
        label=_("Motivation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for an override: why does this circle differ from what the data says?"),
        validators=[validate_no_personal_data],
        max_length=NOTE_TEXT,
    )

    def __init__(self, *args, circle: MovementCircle | None = None, **kwargs):
        self.circle = circle
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].label_from_instance = lambda n: f"{n.number}. {n.name}"

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the circle a name."))
        others = MovementCircle.objects.filter(name__iexact=name)
        if self.circle is not None:
            others = others.exclude(pk=self.circle.pk)
        if others.exists():
            raise forms.ValidationError(_("Another movement circle already has this name."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("choice") in ("on", "off") and not (data.get("motivation") or "").strip():
            self.add_error("motivation", _("An override needs a written motivation."))
        return data

    @property
    def override(self):
        return {"data": None, "on": True, "off": False}[self.cleaned_data["choice"]]
