from django import forms
from django.utils.translation import gettext_lazy as _

from charter_portal.personal_data import validate_no_personal_data
from diversity import categories


class ReportForm(forms.Form):
    """A year's report: totals, then per scope and category the number of people in each cell (counts only)."""

    reference_date = forms.DateField(
        label=_("Reference date"),
        help_text=_("The day the counts describe, in the year of the report."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    paid_staff = forms.IntegerField(label=_("Total paid staff"), min_value=0, max_value=100000)
    volunteers = forms.IntegerField(label=_("Total volunteers"), min_value=0, max_value=100000)
    leadership = forms.IntegerField(label=_("Total leadership (board and coordination)"), min_value=0, max_value=100000)
    narrative = forms.CharField(
        label=_("What your organisation does for diversity (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Never name a person."),
        validators=[validate_no_personal_data],
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for scope in categories.SCOPES:
            for category in categories.CATEGORIES:
                for cell, label in category.cells:
                    key = categories.cell_key(scope.code, category.code, cell)
                    self.fields[key] = forms.IntegerField(
                        label=label, min_value=0, max_value=100000, required=False, initial=0
                    )

    def groups(self):
        """The count fields per scope and category, for the template's fieldsets."""
        return [
            (
                scope,
                [
                    (
                        category,
                        [self[categories.cell_key(scope.code, category.code, cell)] for cell, _l in category.cells],
                    )
                    for category in categories.CATEGORIES
                ],
            )
            for scope in categories.SCOPES
        ]

    def counts(self) -> dict:
        return {key: self.cleaned_data.get(key) or 0 for key in categories.entered_keys()}

    def clean(self):
        cleaned = super().clean()
        totals = {"staff": cleaned.get("paid_staff") or 0, "leadership": cleaned.get("leadership") or 0}
        if cleaned.get("paid_staff") is not None and cleaned.get("leadership") is not None:
            for key, message in categories.problems(totals, self.counts()):
                if key in self.fields and key not in self.errors:
                    self.add_error(key, message)
        return cleaned

    @classmethod
    def initial_from(cls, report) -> dict:
        return {
            "reference_date": report.reference_date,
            "paid_staff": report.paid_staff,
            "volunteers": report.volunteers,
            "leadership": report.leadership,
            "narrative": report.narrative,
            "version": report.version,
            **{key: (report.counts or {}).get(key, 0) for key in categories.entered_keys()},
        }
