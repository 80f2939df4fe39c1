from django import forms
from django.utils.translation import gettext_lazy as _

from charter_portal.forms import EMPTY_CHOICE_LABEL
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import NOTE_TEXT, SHORT_TEXT, TEXT
from covenants.models import CityCommitment, CommitmentValue, Covenant, Indicator, Side
from covenants.services import ActionData, CommitmentData, IndicatorData
from offers.models import Collaboration, CollaborationMember
from organisations.models import Organisation


class CovenantForm(forms.ModelForm):
    objectives = forms.CharField(
        label=_("Objectives (first draft)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        validators=[validate_no_personal_data],
        help_text=_("You can refine them together with the partner in the draft version."),
        max_length=TEXT,
    )

    class Meta:
        model = Covenant
        fields = [
            "reference",
            "title",
            "city_service",
            "partner_organisation",
            "partner_collaboration",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "partner_organisation": _("Choose an organisation or a collaboration, not both."),
            "partner_collaboration": _(
                "For a collaboration, its coordinating organisation approves for the partner side."
            ),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        services = Organisation.objects.approved().city_services()
        if not actor.is_city_admin:
            services = services.filter(pk__in=actor.city_organisation_ids)
        self.fields["city_service"].queryset = services
        self.fields["partner_organisation"].queryset = Organisation.objects.approved().exclude(
            kind=Organisation.Kind.CITY_SERVICE
        )
        self.fields["partner_collaboration"].queryset = Collaboration.objects.select_related("coordinator")

    def validate_constraints(self):
        """Covenant.clean() says in words what the model's check constraints hold (one partner, the end after the
        start); checking the constraints as well would repeat it under the database's name for them."""


class ProposalForm(CovenantForm):
    """A partner organisation's admin (or a collaboration coordinator's) proposes a covenant to a city service.
    The reference is given by the portal; the partner is one of the person's own organisations or collaborations."""

    class Meta(CovenantForm.Meta):
        fields = ["title", "city_service", "partner_organisation", "partner_collaboration", "starts_on", "ends_on"]
        help_texts = {
            "partner_organisation": _("Your organisation, or choose one of your collaborations below."),
            "partner_collaboration": _("A collaboration your organisation coordinates."),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        from covenants.rules import partner_admin_organisation_ids

        mine = partner_admin_organisation_ids(actor)
        self.fields["city_service"].queryset = Organisation.objects.approved().city_services()
        self.fields["city_service"].help_text = _("The city service you propose the covenant to.")
        self.fields["partner_organisation"].queryset = Organisation.objects.approved().filter(pk__in=mine)
        self.fields["partner_collaboration"].queryset = Collaboration.objects.filter(
            coordinator_id__in=mine
        ).select_related("coordinator")
        self.fields["objectives"].label = _("Objectives (first draft)")
        self.fields["objectives"].help_text = _(
            "What you propose to do. The city service reads it before it accepts to negotiate."
        )
        order = ["title", "city_service", "partner_organisation", "partner_collaboration", "starts_on", "ends_on"]
        self.order_fields([*order, "objectives"])


class OpeningDecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept to negotiate")), ("decline", _("Decline the proposal"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
        help_text=_("Required when you decline: the partner reads it."),
        max_length=SHORT_TEXT,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the city service declines this proposal."))
        return data


class TermsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    objectives = forms.CharField(
        label=_("Objectives"),
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[validate_no_personal_data],
        max_length=TEXT,
    )
    change_note = forms.CharField(
        label=_("What changes"),
        required=False,
        max_length=300,
        validators=[validate_no_personal_data],
        help_text=_("One sentence on why this version is proposed."),
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        for year in years:
            self.fields[f"budget_{year}"] = forms.DecimalField(
                label=_("Budget %(year)s (euro)") % {"year": year},
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=2,
            )

    def budget_fields(self):
        return [self[f"budget_{year}"] for year in self.years]

    def budget(self) -> dict:
        return {year: self.cleaned_data.get(f"budget_{year}") for year in self.years}


class IndicatorForm(forms.Form):
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Indicator.Kind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name"), max_length=200, required=False, validators=[validate_no_personal_data])
    unit = forms.CharField(
        label=_("Unit"),
        max_length=60,
        required=False,
        validators=[validate_no_personal_data],
        help_text=_("For example: children reached, hours per week."),
    )
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=12, decimal_places=2)
    higher_is_better = forms.BooleanField(label=_("Higher is better"), required=False, initial=True)
    guiding_question = forms.CharField(
        label=_("Guiding question"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_no_personal_data],
        help_text=_("For example: how do young people experience the warm place?"),
        max_length=SHORT_TEXT,
    )
    good_answer = forms.CharField(
        label=_("What a good answer shows"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_no_personal_data],
        max_length=SHORT_TEXT,
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(years)
        for year in self.years:
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=_("Target %(year)s") % {"year": year}, required=False, max_digits=12, decimal_places=2
            )

    def target_fields(self):
        return [self[f"target_{year}"] for year in self.years]

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("name") and not data.get("key")

    def clean(self):
        data = super().clean()
        if self.is_blank or data.get("DELETE"):
            return data
        if not data.get("name"):
            self.add_error("name", _("Give the indicator a name."))
        if data.get("kind") == Indicator.Kind.QUALITATIVE and not data.get("guiding_question"):
            self.add_error("guiding_question", _("A qualitative indicator needs a guiding question."))
        if data.get("kind") == Indicator.Kind.QUANTITATIVE and not data.get("unit"):
            self.add_error("unit", _("A quantitative indicator needs a unit."))
        return data

    def to_data(self) -> IndicatorData:
        data = self.cleaned_data
        return IndicatorData(
            key=data.get("key"),
            kind=data["kind"],
            name=data["name"],
            unit=data.get("unit") or "",
            baseline=data.get("baseline"),
            higher_is_better=bool(data.get("higher_is_better")),
            guiding_question=data.get("guiding_question") or "",
            good_answer=data.get("good_answer") or "",
            targets={year: data.get(f"target_{year}") for year in self.years},
        )


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=0, can_delete=True)


def indicator_initial(indicators) -> list[dict]:
    rows = []
    for indicator in indicators:
        row = {
            "key": indicator.key,
            "kind": indicator.kind,
            "name": indicator.name,
            "unit": indicator.unit,
            "baseline": indicator.baseline,
            "higher_is_better": indicator.higher_is_better,
            "guiding_question": indicator.guiding_question,
            "good_answer": indicator.good_answer,
        }
        for target in indicator.targets.all():
            row[f"target_{target.year}"] = target.value
        rows.append(row)
    return rows


class CommitmentForm(forms.Form):
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", EMPTY_CHOICE_LABEL), *CityCommitment.Kind.choices], required=False
    )
    description = forms.CharField(
        label=_("What the city commits to"),
        max_length=300,
        required=False,
        validators=[validate_no_personal_data],
        help_text=_("For example: the subsidy is paid in the first quarter; the sports hall two afternoons a week."),
    )

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("description") and not data.get("key")

    def clean(self):
        data = super().clean()
        if self.is_blank or data.get("DELETE"):
            return data
        if not data.get("description"):
            self.add_error("description", _("Say what the city commits to."))
        if not data.get("kind"):
            self.add_error("kind", _("Choose the kind of commitment."))
        return data

    def to_data(self) -> CommitmentData:
        return CommitmentData(
            key=self.cleaned_data.get("key"),
            kind=self.cleaned_data["kind"],
            description=self.cleaned_data["description"],
        )


CommitmentFormSet = forms.formset_factory(CommitmentForm, extra=2, can_delete=True)


def commitment_initial(commitments) -> list[dict]:
    return [{"key": c.key, "kind": c.kind, "description": c.description} for c in commitments]


class CommitmentValueForm(forms.Form):
    """One of the city's commitments in the city's report: kept or not, and why."""

    def __init__(self, *args, value, **kwargs):
        super().__init__(*args, **kwargs)
        self.value = value
        self.fields["fulfilment"] = forms.ChoiceField(
            label=_("Was it kept?"),
            choices=CommitmentValue.Fulfilment.choices,
            widget=forms.RadioSelect,
            required=False,
            initial=value.fulfilment or None,
        )
        self.fields["narrative"] = forms.CharField(
            label=_("Explanation"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            validators=[validate_no_personal_data],
            initial=value.narrative,
            help_text=_("Required when the commitment was not fully kept."),
            max_length=TEXT,
        )


class ReportValueForm(forms.Form):
    """One indicator in a report: a number for quantitative ones, a narrative for all."""

    def __init__(self, *args, value, context=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.value = value
        # Baseline, the year's target and last year's actual, shown beside the value (selectors.value_context).
        self.context = context or {}
        indicator = value.indicator
        if indicator.is_quantitative:
            self.fields["actual"] = forms.DecimalField(
                label=_("Actual value (%(unit)s)") % {"unit": indicator.unit},
                required=False,
                max_digits=12,
                decimal_places=2,
                initial=value.actual,
            )
        self.fields["narrative"] = forms.CharField(
            label=_("Narrative") if not indicator.is_quantitative else _("Narrative (optional)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            validators=[validate_no_personal_data],
            initial=value.narrative,
            help_text=indicator.guiding_question,
            max_length=TEXT,
        )


class ReportAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer to the review"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
        help_text=_("Optional. Kept with the review comments when you submit the report again."),
        max_length=NOTE_TEXT,
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept the report")), ("revise", _("Ask for a revision"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
        help_text=_("Required when you ask for a revision."),
        max_length=NOTE_TEXT,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "revise" and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what needs revising."))
        return data


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_data],
        max_length=NOTE_TEXT,
    )


class PeriodForm(forms.Form):
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validate_no_personal_data],
        help_text=_("About the work, not about individual children or young people."),
        max_length=TEXT,
    )

    def __init__(self, *args, covenant, **kwargs):
        super().__init__(*args, **kwargs)
        ids = {covenant.city_service_id} | covenant.partner_organisation_ids
        if covenant.partner_collaboration_id:
            ids |= set(
                covenant.partner_collaboration.members.filter(status=CollaborationMember.Status.ACCEPTED).values_list(
                    "organisation_id", flat=True
                )
            )
        self.fields["participants"].queryset = Organisation.objects.filter(pk__in=ids)


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("Agreed action"), max_length=300, required=False, validators=[validate_no_personal_data]
    )
    owner_side = forms.ChoiceField(label=_("Owner"), choices=[("", "—"), *Side.choices], required=False)
    due_on = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("description"):
            if not data.get("owner_side"):
                self.add_error("owner_side", _("Choose who owns this action."))
            if not data.get("due_on"):
                self.add_error("due_on", _("Give a due date."))
        return data

    def to_data(self) -> ActionData | None:
        if not self.cleaned_data.get("description"):
            return None
        return ActionData(
            self.cleaned_data["description"], self.cleaned_data["owner_side"], self.cleaned_data["due_on"]
        )


ActionFormSet = forms.formset_factory(ActionForm, extra=3)


class DocumentForm(forms.Form):
    """Attach a file to the covenant, one of its versions, reports or meetings; or a new version of a document."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF or an office document (Word, Excel, PowerPoint, OpenDocument); no images."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        validators=[validate_no_personal_data],
        help_text=_("For example: signed agreement, annual report 2026, budget 2027, minutes of the spring meeting."),
    )
    attached_to = forms.ChoiceField(label=_("Belongs with"), required=False)
    no_child_data = forms.BooleanField(
        label=_("This file holds no personal data of children or young people (no names, photos or contact details)"),
        required=True,
        error_messages={"required": _("Confirm that the file holds no personal data of children.")},
    )

    def __init__(self, *args, covenant, versions=(), reports=(), meetings=(), replaces=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.replaces = replaces
        self.targets = {"": None}
        choices = [("", _("The covenant as a whole"))]
        for terms in versions:
            self.targets[f"terms-{terms.pk}"] = terms
            choices.append((f"terms-{terms.pk}", _("Version %(number)s of the terms") % {"number": terms.number}))
        for report in reports:
            self.targets[f"report-{report.pk}"] = report
            choices.append((f"report-{report.pk}", _("Report %(period)s") % {"period": report.period}))
        for meeting in meetings:
            self.targets[f"meeting-{meeting.pk}"] = meeting
            choices.append(
                (f"meeting-{meeting.pk}", _("Meeting of %(date)s") % {"date": meeting.held_on.strftime("%d/%m/%Y")})
            )
        self.fields["attached_to"].choices = choices
        if replaces is not None:
            del self.fields["attached_to"]
            self.fields["title"].initial = replaces.title

    def clean_file(self):
        from django.conf import settings

        upload = self.cleaned_data["file"]
        limit = settings.COVENANT_DOCUMENT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large: at most %(size)s MB.") % {"size": f"{limit / 1_000_000:g}"}
            )
        from covenants.documents import sniff

        content = upload.read()
        if sniff(content) is None:
            raise forms.ValidationError(
                _(
                    "Only PDF files and office documents (Word, Excel, PowerPoint, OpenDocument) can be attached; "
                    "no images."
                )
            )
        self.content = content
        return upload

    def attached(self):
        return self.targets.get(self.cleaned_data.get("attached_to") or "")
