"""Area filters on list pages: a list to choose from in a city, a text box in a region (neighbourhoods/filters.py)."""

import pytest
from django import forms
from django.utils import translation

from neighbourhoods import filters
from neighbourhoods.filters import AreaField
from neighbourhoods.models import Neighbourhood
from tests import factories


@pytest.fixture
def region(monkeypatch):
    """Ghent's 25 neighbourhoods are more than a list of 10 may hold: the pages act as for a region."""
    monkeypatch.setattr(filters, "AREA_LIST_LIMIT", 10)


@pytest.fixture
def rabot(db):
    return factories.neighbourhood(7)


def test_an_area_is_found_by_code_number_or_name(db, rabot):
    circle = factories.movement_circle(rabot, name="Noordrand")
    field = AreaField(required=False)
    assert field.clean(f"n{rabot.pk}") == f"n{rabot.pk}"
    assert field.clean(str(rabot.number)) == f"n{rabot.pk}"
    assert field.clean(f"  {rabot.name.lower()} ") == f"n{rabot.pk}"
    assert field.clean("NOORDRAND") == f"c{circle.pk}"
    assert field.clean(f"c{circle.pk}") == f"c{circle.pk}"
    assert field.clean("") == ""


@pytest.mark.parametrize("value", ["Atlantis", "999", "n999999", "c999999", "x12"])
def test_an_unknown_area_gets_a_clear_message_in_each_language(db, value):
    field = AreaField(required=False)
    messages = {}
    for language in ("nl", "en"):
        with translation.override(language), pytest.raises(forms.ValidationError) as error:
            field.clean(value)
        with translation.override(language):
            messages[language] = error.value.messages[0]
    assert messages["nl"] == f"Geen wijk of beweegcirkel heet of heeft nummer “{value}”."
    assert messages["en"] == f"No neighbourhood or movement circle is called or numbered “{value}”."


def test_in_a_city_the_directory_offers_lists_of_areas(client, db):
    html = client.get("/aanbod/").content.decode()
    assert '<select name="neighbourhood"' in html
    assert 'type="text" name="area"' not in html


def test_in_a_region_the_directory_offers_a_text_box_and_still_honours_links(client, partner_org, rabot, region):
    elsewhere = Neighbourhood.objects.exclude(pk=rabot.pk).first()
    factories.offer(partner_org, title="Huiswerkklas Rabot", neighbourhoods=[rabot])
    factories.offer(partner_org, title="Voetbal elders", neighbourhoods=[elsewhere])
    html = client.get("/aanbod/").content.decode()
    assert 'type="text" name="area"' in html
    assert '<select name="neighbourhood"' not in html and "<option" not in html.split('name="area"')[0][-2000:]
    typed = client.get("/aanbod/", {"area": rabot.name.upper()}).content.decode()
    assert "Huiswerkklas Rabot" in typed and "Voetbal elders" not in typed
    linked = client.get("/aanbod/", {"neighbourhood": rabot.pk}).content.decode()
    assert "Huiswerkklas Rabot" in linked and "Voetbal elders" not in linked
    assert f'<input type="hidden" name="neighbourhood" value="{rabot.pk}"' in linked


def test_in_a_region_an_unknown_area_is_explained_and_filters_nothing(client, partner_org, rabot, region):
    factories.offer(partner_org, title="Huiswerkklas Rabot", neighbourhoods=[rabot])
    html = client.get("/aanbod/", {"area": "Atlantis"}).content.decode()
    assert "No neighbourhood or movement circle is called or numbered “Atlantis”." in html
    assert "Huiswerkklas Rabot" in html


def test_in_a_region_the_signal_list_offers_a_text_box(staff_client, rabot, region):
    html = staff_client.get("/signalen/").content.decode()
    assert 'type="text" name="area"' in html
    assert '<select name="area"' not in html
    assert "The number or name of a neighbourhood" in html


def test_in_a_city_the_signal_list_offers_a_list(staff_client, rabot):
    html = staff_client.get("/signalen/", {"area": f"n{rabot.pk}"}).content.decode()
    assert '<select name="area"' in html
    assert f'<option value="n{rabot.pk}" selected>' in html


def test_the_signal_api_accepts_codes_numbers_and_names(staff_client, rabot):
    for value in (f"n{rabot.pk}", str(rabot.number), rabot.name):
        assert staff_client.get("/api/v1/signals/", {"area": value}).status_code == 200
    answer = staff_client.get("/api/v1/signals/", {"area": "Atlantis"})
    assert answer.status_code == 400
