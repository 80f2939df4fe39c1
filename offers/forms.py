"""Forms a volunteer fills in within a few minutes: plain-language help, checkboxes grouped in fieldsets."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import MovementCircle, Neighbourhood
from offers.models import Collaboration, Offer, OfferTime, SharedSpace
from offers.models.offer import SPOKEN_LANGUAGES, validate_offer_links
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


def _parse_dates(text: str) -> list[str]:
    """Dates one per line or separated by commas, as 2027-07-05 or 5/7/2027; ISO strings out."""
    result = []
    for part in text.replace(",", "\n").split():
        for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
            try:
                result.append(datetime.datetime.strptime(part, pattern).date().isoformat())
                break
            except ValueError:
                continue
        else:
            raise forms.ValidationError(
                _("“%(value)s” is not a date. Write dates like 2027-07-05, one per line."), params={"value": part}
            )
    return sorted(set(result))


class DatesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def clean(self, value):
        return _parse_dates(super().clean(value) or "")


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
    language_codes = forms.MultipleChoiceField(
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Languages spoken"),
        help_text=_("Tick every language children and parents can be helped in."),
    )
    dates = DatesField(
        required=False,
        label=_("Dates"),
        help_text=_("For a one-off or holiday offer: its days, one per line, like 2027-07-05."),
    )
    closed_dates = DatesField(
        required=False,
        label=_("Dates it does not run"),
        help_text=_("Days without the weekly activity, such as holidays, one per line."),
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
            "dates",
            "closed_dates",
            "language_codes",
            "languages",
            "is_free",
            "has_reduced_rate",
            "cost_description",
            "how_to_join",
            "accessibility",
            "contact_phone",
            "contact_email",
            "contact_website",
            "contact_hours",
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
            "languages": _("A note on languages, for example: a volunteer speaks a little Romanian."),
            "contact_phone": _("The offer's own number, or leave empty to show the organisation's."),
            "contact_email": _("The offer's own address, or leave empty to show the organisation's."),
            "contact_hours": _("When someone answers, for example: weekdays 9:00-12:00."),
            "is_free": _("Untick if participants pay something."),
            "cost_description": _("For example: 2 euro per afternoon, reductions possible."),
            "accessibility": _("For example: wheelchair accessible, quiet room available."),
        }

    GROUPS = (
        (_("What"), ("title", "description", "functions", "bridge_sectors")),
        (_("Where"), ("neighbourhoods", "movement_circles", "is_warm_place", "is_mobile", "address")),
        (_("For whom and when"), ("age_min", "age_max", "weekly_hours", "starts_on", "ends_on")),
        (
            _("Every week"),
            tuple(f"time_{day}_{part}" for day, _label in OfferTime.Weekday.choices for part in ("from", "until")),
        ),
        (_("Other days"), ("dates", "closed_dates", "schedule")),
        (
            _("Practical"),
            (
                "language_codes",
                "languages",
                "is_free",
                "has_reduced_rate",
                "cost_description",
                "how_to_join",
                "accessibility",
            ),
        ),
        (_("Contact"), ("contact_phone", "contact_email", "contact_website", "contact_hours")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {t.weekday: t for t in self.instance.times.all()} if self.instance.pk else {}
        for day, label in OfferTime.Weekday.choices:
            for part, part_label in (("from", _("from")), ("until", _("until"))):
                time = existing.get(day)
                self.fields[f"time_{day}_{part}"] = forms.TimeField(
                    required=False,
                    label=f"{label} {part_label}",
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                    initial=(time.starts_at if part == "from" else time.ends_at) if time else None,
                )
        self.initial["language_codes"] = self.instance.language_code_list

    def fieldsets(self):
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    def clean_language_codes(self):
        return ",".join(sorted(self.cleaned_data.get("language_codes") or []))

    def weekly_times(self) -> list[tuple]:
        """``(weekday, starts_at, ends_at)`` for every day with both times."""
        return [
            (day, self.cleaned_data[f"time_{day}_from"], self.cleaned_data[f"time_{day}_until"])
            for day, _label in OfferTime.Weekday.choices
            if self.cleaned_data.get(f"time_{day}_from") and self.cleaned_data.get(f"time_{day}_until")
        ]

    def _check_times(self):
        for day, _label in OfferTime.Weekday.choices:
            start, end = self.cleaned_data.get(f"time_{day}_from"), self.cleaned_data.get(f"time_{day}_until")
            if bool(start) != bool(end):
                self.add_error(f"time_{day}_until" if start else f"time_{day}_from", _("Give both times of this day."))
            elif start and end <= start:
                self.add_error(f"time_{day}_until", _("The end time must be later than the start time."))

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
        self._check_times()
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
        only = list(coordinators[:2])
        if len(only) == 1:
            # One organisation can coordinate: it is chosen, and it is not offered as one to invite.
            if not self.initial.get("coordinator"):
                self.initial["coordinator"] = only[0].pk
            self.fields["coordinator"].empty_label = None
            self.fields["invite"].queryset = invitable.exclude(pk=only[0].pk)
        if city_registers:
            self.fields["invite"].label = _("Member organisations")
            self.fields["invite"].help_text = _(
                "You register an existing collaboration: the organisations you tick are members at once."
            )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("neighbourhoods") and not cleaned.get("movement_circles"):
            self.add_error("neighbourhoods", _("Choose at least one neighbourhood or movement circle."))
        coordinator = cleaned.get("coordinator")
        if coordinator is not None and coordinator in (cleaned.get("invite") or []):
            self.add_error(
                "invite",
                _("%(name)s coordinates the collaboration and is a member already: it needs no invitation.")
                % {"name": coordinator.name},
            )
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
