from django import forms

from notifications.models import Category, Frequency


class PreferencesForm(forms.Form):
    """One choice of e-mail per category."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for category in Category:
            self.fields[category.value] = forms.ChoiceField(
                label=category.label, choices=Frequency.choices, initial=current[category.value]
            )
