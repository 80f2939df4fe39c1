"""Forms a volunteer fills in within a few minutes: plain-language help, checkboxes grouped in fieldsets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import MovementCircle, Neighbourhood
from offers.models import Collaboration, Offer, SharedSpace
from offers.models.offer import validate_offer_links
from organisations.models import Function, Organisation, Sector


class VersionedForm(forms.ModelForm):
    """Carries the version the person started from, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    @property
    def expected_version(self):
        return self.cleaned_data.get("version") if self.instance.pk else None


def _checkboxes(queryset, label, help_text="", required=False, required_message=None):
    field = forms.ModelMultipleChoiceField(
        queryset=queryset,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        label=label,
        help_text=help_text,
    )
    if required_message:
        field.error_messages["required"] = required_message
    return field


class OfferForm(VersionedForm):
    functions = _checkboxes(
        Function.objects.all(),
        _("What do you do?"),
        _(
            "Tick every function this activity fulfils. Leisure: group activities in free time. Welfare: "
            "individual support. Bridge: linking young people to school, work, sport, culture or services. "
            "Signal: passing on problems young people face to policy makers."
        ),
        required=True,
        required_message=_("Choose at least one function."),
    )
    neighbourhoods = _checkboxes(
        Neighbourhood.objects.all(),
        _("Neighbourhoods"),
        _("The neighbourhoods where the young people you reach live or meet. Tick one or more."),
    )
    movement_circles = _checkboxes(
        MovementCircle.objects.all(),
        _("Movement circles"),
        _("Or the wider areas young people move around in. You may tick neighbourhoods, movement circles or both."),
    )
    bridge_sectors = _checkboxes(
        Sector.objects.all(),
        _("Sectors it links to"),
        _("Only for the bridge function: which sectors do you build bridges to?"),
    )

    class Meta:
        model = Offer
        fields = [
            "title",
            "description",
            "functions",
            "bridge_sectors",
            "neighbourhoods",
            "movement_circles",
            "is_warm_place",
            "is_mobile",
            "address",
            "age_min",
            "age_max",
            "weekly_hours",
            "schedule",
            "starts_on",
            "ends_on",
            "languages",
            "is_free",
            "cost_description",
            "accessibility",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "schedule": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "age_min": forms.NumberInput(attrs={"min": 0, "max": 30}),
            "age_max": forms.NumberInput(attrs={"min": 0, "max": 30}),
            "weekly_hours": forms.NumberInput(attrs={"min": 0, "max": 168, "step": "0.5"}),
        }
        help_texts = {
            "title": _("A short name young people and parents recognise, for example: Wednesday afternoon football."),
            "description": _(
                "What happens, for whom, and what makes it special. Do not name children or give "
                "personal contact details."
            ),
            "is_warm_place": _("A fixed, welcoming place where children feel at home, such as a youth house."),
            "is_mobile": _("Youth workers go where young people are: streets, squares, parks."),
            "address": _(
                "Street, number and postcode of the place. Needed for a warm place; optional for mobile work."
            ),
            "age_min": _("Youngest age you welcome (0 to 30)."),
            "age_max": _("Oldest age you welcome (0 to 30)."),
            "weekly_hours": _("On average, how many hours a week the activity takes place."),
            "schedule": _("In plain words, for example: every Wednesday 14:00-17:00, not during school holidays."),
            "starts_on": _("Leave empty if it is already running."),
            "ends_on": _("Leave empty if it keeps going. For a one-day activity, give the same date twice."),
            "languages": _("For example: Dutch, French, Arabic, Turkish."),
            "is_free": _("Untick if participants pay something."),
            "cost_description": _("For example: 2 euro per afternoon, reductions possible."),
            "accessibility": _("For example: wheelchair accessible, quiet room available."),
        }

    GROUPS = (
        (_("What"), ("title", "description", "functions", "bridge_sectors")),
        (_("Where"), ("neighbourhoods", "movement_circles", "is_warm_place", "is_mobile", "address")),
        (_("For whom and when"), ("age_min", "age_max", "weekly_hours", "schedule", "starts_on", "ends_on")),
        (_("Practical"), ("languages", "is_free", "cost_description", "accessibility")),
    )

    def fieldsets(self):
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    def clean(self):
        cleaned = super().clean()
        errors = validate_offer_links(
            functions=cleaned.get("functions") or [],
            neighbourhoods=cleaned.get("neighbourhoods") or [],
            movement_circles=cleaned.get("movement_circles") or [],
            bridge_sectors=cleaned.get("bridge_sectors") or [],
        )
        if "functions" in self.errors:
            errors.pop("functions", None)
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned

    def links(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in ("functions", "neighbourhoods", "movement_circles", "bridge_sectors")
        }


class OrganisationChoiceForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("For which organisation?"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class CollaborationForm(VersionedForm):
    neighbourhoods = _checkboxes(Neighbourhood.objects.all(), _("Neighbourhoods"))
    movement_circles = _checkboxes(MovementCircle.objects.all(), _("Movement circles"))
    invite = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Invite organisations"),
        help_text=_("Each invited organisation's admin accepts or declines. Only organisations that accept count."),
    )

    class Meta:
        model = Collaboration
        fields = ["name", "description", "coordinator", "neighbourhoods", "movement_circles", "starts_on", "ends_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "name": _("The name the partners use for the collaboration."),
            "coordinator": _("The organisation that coordinates the collaboration."),
            "starts_on": _("Leave empty if it already runs."),
            "ends_on": _("Leave empty if it keeps going."),
        }

    def __init__(self, *args, coordinators, invitable, city_registers=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators
        self.fields["invite"].queryset = invitable
        if city_registers:
            self.fields["invite"].label = _("Member organisations")
            self.fields["invite"].help_text = _(
                "You register an existing collaboration: the organisations you tick are members at once."
            )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("neighbourhoods") and not cleaned.get("movement_circles"):
            self.add_error("neighbourhoods", _("Choose at least one neighbourhood or movement circle."))
        return cleaned

    def links(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ("neighbourhoods", "movement_circles")}


class SharedSpaceForm(VersionedForm):
    class Meta:
        model = SharedSpace
        fields = ["name", "neighbourhood", "address", "capacity", "facilities", "availability", "contact", "is_active"]
        widgets = {
            "facilities": forms.Textarea(attrs={"rows": 3}),
            "availability": forms.Textarea(attrs={"rows": 2}),
            "capacity": forms.NumberInput(attrs={"min": 1}),
        }
