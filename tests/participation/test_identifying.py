"""The check against names with ages and other identifying details: a corpus that must be refused, and ordinary
text about young people that must pass."""

import pytest

from participation.identifying import ADDRESS, FAMILY, NAME_WITH_AGE, find_identifying_details

IDENTIFYING = [
    ("Yasmine (15 jaar) wil een plek om te chillen", NAME_WITH_AGE),
    ("Yasmine, 15 j. vindt het plein te donker", NAME_WITH_AGE),
    ("Yasmine 15j zegt dat de bus te laat rijdt", NAME_WITH_AGE),
    ("Yasmine, 15 jaar, zit thuis", NAME_WITH_AGE),
    ("Tom (9) speelt graag voetbal", NAME_WITH_AGE),
    ("Sam, 12 years old, wants a skate park", NAME_WITH_AGE),
    ("Ahmed, aged 14, walks home alone", NAME_WITH_AGE),
    ("Lotte (16 jr) zoekt een bijjob", NAME_WITH_AGE),
    ("De 15-jarige Yasmine voelt zich niet veilig", NAME_WITH_AGE),
    ("Élodie (11 ans) parle trois langues", NAME_WITH_AGE),
    ("Zij woont in de Rabotstraat 12", ADDRESS),
    ("Het gebeurt aan de Wondelgemstraat 105b", ADDRESS),
    ("De broer van Yasmine werd gepest", FAMILY),
    ("Yasmine's sister cannot come on Fridays", FAMILY),
]

ORDINARY = [
    "Jongeren willen een plek om samen te zitten na school.",
    "Meisjes (12 jaar) willen meer sport op woensdagnamiddag.",
    "Jongeren van 12-15 jaar vragen een open jeugdhuis.",
    "In 2025 kwamen 14 jongeren naar de jongerenraad.",
    "Op woensdag om 14 uur is het speelplein vol.",
    "Groep 6 (12 jaar) maakte een tekening van hun droomplein.",
    "Klas 5B wil meer groen op de speelplaats.",
    "Het Rabotplein is 's avonds donker; 20 jongeren vroegen meer licht.",
    "Zaterdag (10 jaar bestaan) was er een feest in de wijk.",
    "Children aged 6 to 11 want the playground open in the holidays.",
    "Teens (16) and older want a place to study.",
    "We spraken op 3 maart met 14 jongeren over hun buurt.",
    "De bus 5 rijdt niet meer na acht uur.",
]


@pytest.mark.parametrize(("text", "kind"), IDENTIFYING)
def test_it_finds_identifying_details(text, kind):
    findings = find_identifying_details(text)
    assert [f.kind for f in findings] == [kind], findings


@pytest.mark.parametrize("text", ORDINARY)
def test_it_lets_ordinary_text_pass(text):
    assert find_identifying_details(text) == []
