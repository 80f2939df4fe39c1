"""One empty choice for every select of the portal, in the reader's language ("Maak een keuze", "Choose an option"),
set once in the form renderer (charter_portal/forms.py) whatever library made the select."""

import django_filters
import pytest
from django import forms
from django.db.models import BLANK_CHOICE_DASH
from django.urls import reverse
from django.utils import translation

from organisations.models import Organisation
from tests.forms import pages
from tests.forms.pages import english_defaults_in

pytestmark = pytest.mark.django_db


class Everything(forms.Form):
    """A select of each kind that brings its own empty choice."""

    kind = forms.ModelChoiceField(queryset=Organisation.objects.all())  # Django: "- Select an option -"
    dashes = forms.ChoiceField(choices=BLANK_CHOICE_DASH + [("a", "A")])  # "---------", as older code writes it
    named = forms.ModelChoiceField(queryset=Organisation.objects.all(), empty_label="All organisations")


class KindFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices)  # django-filter: "---------"

    class Meta:
        model = Organisation
        fields = ["kind"]


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["kind"]  # a model field with choices and no default: Django adds its empty choice


@pytest.mark.parametrize(("language", "label"), [("nl", "Maak een keuze"), ("en", "Choose an option")])
def test_every_kind_of_select_gets_the_portal_s_empty_choice(language, label):
    with translation.override(language):
        html = str(Everything()) + str(KindFilter().form) + str(OrganisationForm())

    assert html.count(f'<option value="" selected>{label}</option>') == 4
    assert "All organisations" in html, "a label chosen on purpose stays"
    assert english_defaults_in(html) == []


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("visitor", lambda w: reverse("organisations:register")),
        ("city_staff", lambda w: reverse("covenants:create")),
        ("partner_admin", lambda w: reverse("covenants:propose")),
        ("city_staff", lambda w: reverse("signals:detail", args=[w.signal.pk])),  # the acknowledgement
        ("partner_admin", lambda w: reverse("offers:space_create")),
    ],
)
def test_the_forms_people_met_it_on_say_it_in_dutch(persona, url, world, request):
    html = pages.client_for(persona, request, "nl").get(url(world)).content.decode()

    assert '<option value="" selected>Maak een keuze</option>' in html
    assert english_defaults_in(pages.visible_text(html)) == []
