from django import forms
from django.utils.translation import gettext_lazy as _

from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import NOTE_TEXT, TEXT
from neighbourhoods.models import MovementCircle, Neighbourhood
from organisations.models import Organisation
from signals.models import (
    ChildrenAffected,
    Outcome,
    PrioritisationRound,
    RoutingRule,
    Signal,
    SignalAction,
    SignalSettings,
    Theme,
)


def _bodies():
    from signals.services import responsible_bodies

    return responsible_bodies()


class BodyField(forms.ModelChoiceField):
    """A city service or another public body with members in the portal."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Responsible body"))
        super().__init__(queryset=_bodies(), **kwargs)

    def __deepcopy__(self, memo):
        field = super().__deepcopy__(memo)
        field.queryset = _bodies()
        return field


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
            "is_public",
        ]
        widgets = {
            "since": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "actions_taken": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "city_wide": _("Tick when the problem concerns the whole city rather than particular areas."),
            "since": _("Roughly since when you see this problem."),
            "is_public": _(
                "Anyone can then read it without logging in, with your organisation's name and no person's name. "
                "Otherwise only partners and the city see it."
            ),
        }
        labels = {"is_public": _("Make this signal public")}

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


class OnSignalPage:
    """A form that shares the signal's page with others: its own ids (``id_<field>_<id_prefix>``), so that no id
    is used twice on the page and the error summary links to the right field."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_%s_{self.id_prefix}")
        super().__init__(*args, **kwargs)


class NoteField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault("validators", [validate_no_personal_data])
        kwargs.setdefault("max_length", NOTE_TEXT)
        super().__init__(**kwargs)


class AcknowledgeForm(VersionForm):
    responsible_body = BodyField(help_text=_("A city service or another public body (OCMW, police zone, school)."))
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
        max_length=TEXT,
    )


class CloseForm(VersionForm):
    note = NoteField(label=_("Note (public)"))


class ReopenForm(VersionForm):
    reason = forms.CharField(
        label=_("Why do you reopen this signal?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
        max_length=NOTE_TEXT,
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
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
        max_length=NOTE_TEXT,
    )
    is_internal = forms.BooleanField(
        label=_("Internal (only city staff and the responsible body see it)"), required=False, initial=True
    )


class CommentForm(OnSignalPage, forms.Form):
    id_prefix = "comment"
    text = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
        help_text=_("Partners who follow this signal read it. Never names or contact details."),
        max_length=NOTE_TEXT,
    )

    def __init__(self, *args, can_mark_internal=False, **kwargs):
        super().__init__(*args, **kwargs)
        if can_mark_internal:
            self.fields["is_internal"] = forms.BooleanField(
                label=_("Internal (only city staff and the responsible body see it)"), required=False
            )


class ReassignForm(OnSignalPage, VersionForm):
    id_prefix = "reassign"
    responsible_body = BodyField(label=_("New responsible body"))
    reason = forms.CharField(
        label=_("Why is that body responsible?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
        max_length=NOTE_TEXT,
    )


class ConfirmForm(OnSignalPage, VersionForm):
    id_prefix = "confirm"
    resolved = forms.TypedChoiceField(
        label=_("Is the problem resolved?"),
        choices=[("yes", _("Yes, resolved")), ("no", _("No, not resolved"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = NoteField(
        label=_("Why not? (needed when it is not resolved)"),
        help_text=_("Not resolved reopens the signal: the responsible body answers again within the deadline."),
    )

    def clean(self):
        data = super().clean()
        if data.get("resolved") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the problem is not resolved."))
        return data


class PublicForm(OnSignalPage, VersionForm):
    id_prefix = "public"
    is_public = forms.BooleanField(label=_("Public"), required=False)


class ActionForm(OnSignalPage, forms.Form):
    id_prefix = "action"
    description = forms.CharField(
        label=_("What will be done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
        max_length=TEXT,
    )
    responsible_body = BodyField()
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class ActionUpdateForm(VersionForm):
    status = forms.ChoiceField(label=_("Status"), choices=SignalAction.State.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = NoteField(label=_("Note (needed when dropped)"))

    def __init__(self, *args, action, **kwargs):
        kwargs.setdefault("initial", {"status": action.status, "progress": action.progress, "version": action.version})
        kwargs.setdefault("prefix", f"action-{action.pk}")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("status") == SignalAction.State.DROPPED and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the action is dropped."))
        return data


class RoutingForm(forms.Form):
    """One body per theme; empty: no routing, city staff assign at acknowledgement."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = dict(RoutingRule.objects.values_list("theme", "body_id"))
        for code, label in Theme.choices:
            self.fields[code] = BodyField(label=label, required=False, initial=current.get(code))
            self.fields[code].empty_label = _("No routing")


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_no_personal_data])
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
        max_length=TEXT,
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
    opens_at = forms.DateTimeField(
        label=_("Voting opens"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Empty: now."),
        required=False,
    )
    closes_at = forms.DateTimeField(
        label=_("Voting closes"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Votes after this moment are refused; the result is then published."),
    )
    tie_rule = forms.ChoiceField(
        label=_("Tie rule"),
        choices=PrioritisationRound.TieRule.choices,
        widget=forms.RadioSelect,
        initial=PrioritisationRound.TieRule.ENDORSEMENTS_THEN_EARLIER,
        help_text=_("Shown on the round before voting and fixed once voting opens."),
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


class IndicatorSettingsForm(forms.ModelForm):
    class Meta:
        model = SignalSettings
        fields = ["indicator_endorsement_weight", "indicator_theme"]
        widgets = {"indicator_endorsement_weight": forms.NumberInput(attrs={"min": 0, "max": 10, "step": "0.1"})}

    def clean_indicator_endorsement_weight(self):
        value = self.cleaned_data["indicator_endorsement_weight"]
        if value < 0 or value > 10:
            raise forms.ValidationError(_("Give a weight from 0 to 10."))
        return value


class MergeForm(OnSignalPage, forms.Form):
    id_prefix = "merge"
    into = forms.IntegerField(
        label=_("Number of the signal to keep"),
        min_value=1,
        help_text=_("This signal closes; its endorsements, timeline, round candidacies and votes go to that one."),
    )
    reason = NoteField(label=_("Note (public)"))
