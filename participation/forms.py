"""The moment form (one page: where, who, what they said) and the forms of the public pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from charter_portal.personal_data import validate_no_personal_data
from neighbourhoods.models import MovementCircle, Neighbourhood
from offers.models import Offer
from organisations.models import Function, Organisation
from participation.identifying import validate_no_identifying_details
from participation.models import (
    AGE_BAND_FIELDS,
    MAX_QUOTES,
    MAX_RANKED,
    SCOPE_FIELDS,
    OfferFeedback,
    ParticipationMoment,
    TimeBand,
)
from participation.services import PointData, QuoteData
from signals.models import Theme

TEXT_VALIDATORS = [validate_no_personal_data, validate_no_identifying_details]


def _text(label, max_length=200):
    return forms.CharField(label=label, required=False, max_length=max_length, validators=TEXT_VALIDATORS)


class MomentForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    neighbourhoods = forms.ModelMultipleChoiceField(
        label=_("Neighbourhoods"),
        queryset=Neighbourhood.objects.defer("geometry"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    movement_circle = forms.ModelChoiceField(
        label=_("Movement circle"), queryset=MovementCircle.objects.all(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ParticipationMoment
        fields = [*SCOPE_FIELDS, *AGE_BAND_FIELDS.values(), "confirmed_not_identifying"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.fields["version"].initial = self.instance.version
        for name in AGE_BAND_FIELDS.values():
            self.fields[name].required = False
            self.fields[name].widget.attrs.update(min=0, inputmode="numeric")
        self.fields["confirmed_not_identifying"].required = True
        self.fields["confirmed_not_identifying"].error_messages["required"] = _(
            "Confirm that nothing in this moment identifies a child or young person."
        )
        self.fields["confirmed_not_identifying"].label = _(
            "We confirm that nothing in this moment identifies a child or young person"
        )
        themes = {t.code: t.raised_by for t in self.instance.themes.all()} if self.instance.pk else {}
        for code, label in Theme.choices:
            self.fields[f"theme_{code}"] = forms.IntegerField(
                label=label, required=False, min_value=0, max_value=100_000, initial=themes.get(code)
            )
        points = {(p.kind, p.rank): p for p in self.instance.points.all()} if self.instance.pk else {}
        quotes = list(self.instance.quotes.all()) if self.instance.pk else []
        for rank in range(1, MAX_RANKED + 1):
            concern = points.get(("concern", rank))
            self.fields[f"concern_{rank}"] = _text(_("Concern %(rank)s") % {"rank": rank})
            self.fields[f"concern_{rank}"].initial = concern.text if concern else ""
            wish = points.get(("wish", rank))
            self.fields[f"wish_{rank}"] = _text(_("Wish %(rank)s") % {"rank": rank})
            self.fields[f"wish_{rank}_function"] = forms.ModelChoiceField(
                label=_("Function"), queryset=Function.objects.all(), required=False, to_field_name="code"
            )
            self.fields[f"wish_{rank}_time_band"] = forms.ChoiceField(
                label=_("When"), choices=[("", _("Any time")), *TimeBand.choices], required=False
            )
            self.fields[f"wish_{rank}_neighbourhood"] = forms.ModelChoiceField(
                label=_("Neighbourhood"), queryset=Neighbourhood.objects.defer("geometry"), required=False
            )
            if wish:
                self.fields[f"wish_{rank}"].initial = wish.text
                self.fields[f"wish_{rank}_function"].initial = wish.function.code if wish.function else None
                self.fields[f"wish_{rank}_time_band"].initial = wish.time_band
                self.fields[f"wish_{rank}_neighbourhood"].initial = wish.neighbourhood_id
        for position in range(1, MAX_QUOTES + 1):
            quote = quotes[position - 1] if position <= len(quotes) else None
            self.fields[f"quote_{position}"] = _text(_("Quote %(n)s") % {"n": position}, max_length=280)
            self.fields[f"quote_{position}_public"] = forms.BooleanField(
                label=_("Show this quote on the public pages"), required=False
            )
            if quote:
                self.fields[f"quote_{position}"].initial = quote.text
                self.fields[f"quote_{position}_public"].initial = quote.is_public

    # The groups of fields as the template lays them out.
    def scope_fields(self):
        return [self[n] for n in SCOPE_FIELDS]

    def band_fields(self):
        return [self[n] for n in AGE_BAND_FIELDS.values()]

    def theme_fields(self):
        return [self[f"theme_{code}"] for code in Theme.values]

    def concern_fields(self):
        return [self[f"concern_{rank}"] for rank in range(1, MAX_RANKED + 1)]

    def wish_rows(self):
        return [
            [self[f"wish_{rank}{suffix}"] for suffix in ("", "_function", "_time_band", "_neighbourhood")]
            for rank in range(1, MAX_RANKED + 1)
        ]

    def quote_rows(self):
        return [[self[f"quote_{n}"], self[f"quote_{n}_public"]] for n in range(1, MAX_QUOTES + 1)]

    def said(self) -> dict:
        """What young people said, from the cleaned data, for ``services.moment_save``."""
        data = self.cleaned_data
        themes = {code: data.get(f"theme_{code}") or 0 for code in Theme.values}
        concerns = [PointData(text=data[f"concern_{r}"]) for r in range(1, MAX_RANKED + 1) if data.get(f"concern_{r}")]
        wishes = [
            PointData(
                text=data[f"wish_{r}"],
                function=data.get(f"wish_{r}_function"),
                time_band=data.get(f"wish_{r}_time_band") or "",
                neighbourhood=data.get(f"wish_{r}_neighbourhood"),
            )
            for r in range(1, MAX_RANKED + 1)
            if data.get(f"wish_{r}")
        ]
        quotes = [
            QuoteData(text=data[f"quote_{n}"], is_public=bool(data.get(f"quote_{n}_public")))
            for n in range(1, MAX_QUOTES + 1)
            if data.get(f"quote_{n}")
        ]
        return {
            "themes": {c: n for c, n in themes.items() if n},
            "concerns": concerns,
            "wishes": wishes,
            "quotes": quotes,
        }

    def clean(self):
        data = super().clean()
        for name in AGE_BAND_FIELDS.values():
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
                setattr(self.instance, name, 0)
        for r in range(1, MAX_RANKED + 1):
            extra = any(data.get(f"wish_{r}{s}") for s in ("_function", "_time_band", "_neighbourhood"))
            if extra and not data.get(f"wish_{r}"):
                self.add_error(f"wish_{r}", _("Describe the wish in a few words."))
        return data


class PeriodForm(forms.Form):
    """The fixed periods of the public pages: a calendar year, optionally one of its quarters."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[
            ("", _("The whole year")),
            (1, _("January to March")),
            (2, _("April to June")),
            (3, _("July to September")),
            (4, _("October to December")),
        ],
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


class NearMeForm(forms.Form):
    """The young people's own question: how old are you, where do you live."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # the labels are questions
        super().__init__(*args, **kwargs)

    age = forms.IntegerField(label=_("How old are you?"), min_value=3, max_value=30)
    neighbourhood = forms.ModelChoiceField(
        label=_("Where do you live?"), queryset=Neighbourhood.objects.defer("geometry"), empty_label=_("Choose")
    )


class FeedbackForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    rating = forms.TypedChoiceField(
        label=_("How was it?"), coerce=int, choices=OfferFeedback.Rating.choices, widget=forms.RadioSelect
    )
    comes_back = forms.TypedChoiceField(
        label=_("Will you come back?"),
        required=False,
        coerce=lambda v: v == "yes",
        empty_value=None,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )


class CitationForm(forms.Form):
    moments = forms.ModelMultipleChoiceField(
        label=_("Participation moments"),
        queryset=ParticipationMoment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The moments of your organisation where young people raised this problem."),
    )

    def __init__(self, *args, moments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if moments is not None:
            self.fields["moments"].queryset = moments


def offer_for_feedback(uuid):
    return Offer.objects.publicly_visible().select_related("organisation").filter(uuid=uuid).first()
