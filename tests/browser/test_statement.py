"""The accessibility statement reports the state the browser tests measure, with a real contact and the ombudsman."""

import pytest
from django.test import override_settings


@override_settings(DEFAULT_FROM_EMAIL="Charterportaal Gent <charter@stad.gent.example>")
def test_it_states_the_standard_the_status_the_method_the_contact_and_the_ombudsman(client):
    response = client.get("/toegankelijkheid/", headers={"accept-language": "en"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "WCAG" in page and "2.1" in page and "2016/2102" in page
    assert "partially compliant" in page
    assert "axe-core" in page and "320 pixels" in page and "200 %" in page and "keyboard alone" in page
    assert "every page in the menu of each kind of" in page
    assert "every page of the portal that each kind of user may open" in page
    assert "the maps of the neighbourhoods drawn" in page and "2.0" in page and "levels A and AA" in page
    assert "by hand with a screen reader" in page and "is fully compliant" not in page
    assert "API reference page" in page
    assert "drawn up on Dec. 7, 2026" in page
    assert 'href="mailto:charter@stad.gent.example"' in page
    assert "Vlaamse Ombudsdienst" in page and "Leuvenseweg 86" in page


@pytest.mark.django_db
def test_it_is_linked_from_every_page(client):
    assert 'href="/toegankelijkheid/"' in client.get("/").content.decode()
