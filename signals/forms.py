from django import forms
from django.utils.translation import gettext_lazy as _

from charter_portal.personal_data import validate_no_personal_data
from neighbourhoods.models import MovementCircle, Neighbourhood
from organisations.models import Organisation
from signals.models import ChildrenAffected, Outcome, Signal, Theme


class SignalForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Reporting organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    themes = forms.MultipleChoiceField(label=_("Themes"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple)
    children_affected = forms.ChoiceField(
        label=_("Children or young people affected"),
        choices=ChildrenAffected.choices,
        widget=forms.RadioSelect,
        help_text=_("A range, never names."),
    )
    neighbourhoods = forms.ModelMultipleChoiceField(
        label=_("Neighbourhoods"),
        queryset=Neighbourhood.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    movement_circles = forms.ModelMultipleChoiceField(
        label=_("Movement circles"),
        queryset=MovementCircle.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Signal
        fields = [
            "organisation",
            "title",
            "description",
            "themes",
            "city_wide",
            "neighbourhoods",
            "movement_circles",
            "children_affected",
            "since",
            "actions_taken",
        ]
        widgets = {
            "since": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "actions_taken": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "city_wide": _("Tick when the problem concerns the whole city rather than particular areas."),
            "since": _("Roughly since when you see this problem."),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations[0].pk

    def clean(self):
        data = super().clean()
        if not data.get("city_wide") and not data.get("neighbourhoods") and not data.get("movement_circles"):
            self.add_error(
                "neighbourhoods", _("Choose the neighbourhoods or movement circles concerned, or mark it city-wide.")
            )
        return data


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault("validators", [validate_no_personal_data])
        super().__init__(**kwargs)


class AcknowledgeForm(VersionForm):
    responsible_service = forms.ModelChoiceField(
        label=_("Responsible city service"), queryset=Organisation.objects.city_services().approved()
    )
    note = NoteField(label=_("Note (public)"))


class StartForm(VersionForm):
    note = NoteField(label=_("Note (public)"))


class AnswerForm(VersionForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    answer = forms.CharField(
        label=_("Answer and motivation"),
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validate_no_personal_data],
        help_text=_("What will happen, what happened, to whom it was referred, or why it is not feasible."),
    )


class CloseForm(VersionForm):
    note = NoteField(label=_("Note (public)"))


class ReopenForm(VersionForm):
    reason = forms.CharField(
        label=_("Why do you reopen this signal?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
    )


class EndorseForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    observation = NoteField(
        label=_("Your own observation (optional)"),
        help_text=_("What your organisation sees of this problem. Never names or contact details."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].required = False
        self._only = organisations[0] if len(organisations) == 1 else None

    def clean_organisation(self):
        return self.cleaned_data.get("organisation") or self._only


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), validators=[validate_no_personal_data]
    )
    is_internal = forms.BooleanField(label=_("Internal (only city staff see it)"), required=False, initial=True)


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_no_personal_data])
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
    )
    votes_per_organisation = forms.IntegerField(
        label=_("Votes per organisation"), min_value=1, max_value=100, initial=10
    )
    top_n = forms.IntegerField(
        label=_("Number of priority signals"),
        min_value=1,
        max_value=50,
        initial=3,
        help_text=_("The top signals of the ranking become priority."),
    )
    signals = forms.ModelMultipleChoiceField(
        label=_("Candidate signals"),
        queryset=Signal.objects.open().order_by("-submitted_at"),
        widget=forms.CheckboxSelectMultiple,
    )


class VoteForm(forms.Form):
    """One number field per candidate signal; the total may not exceed the round's votes."""

    def __init__(self, *args, round, candidates, organisations, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.fields["organisation"] = forms.ModelChoiceField(
            label=_("Vote for"), queryset=organisations, empty_label=None
        )
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations[0].pk
        for signal in candidates:
            self.fields[f"signal_{signal.pk}"] = forms.IntegerField(
                label=signal.title,
                required=False,
                min_value=0,
                max_value=round.votes_per_organisation,
                initial=current.get(signal.pk, 0),
            )

    def allocation(self) -> dict[int, int]:
        return {
            int(name.removeprefix("signal_")): value or 0
            for name, value in self.cleaned_data.items()
            if name.startswith("signal_")
        }

    def clean(self):
        data = super().clean()
        total = sum(v or 0 for k, v in data.items() if k.startswith("signal_"))
        if total > self.round.votes_per_organisation:
            raise forms.ValidationError(
                _("You gave %(total)s votes; your organisation has %(limit)s.")
                % {"total": total, "limit": self.round.votes_per_organisation}
            )
        return data
