"""The personal-data guard (R10) on a corpus of true cases and of ordinary Dutch text."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from charter_portal.personal_data import (
    EMAIL,
    IBAN,
    NATIONAL_NUMBER,
    PHONE,
    find_personal_data,
    iban_is_valid,
    national_number_is_valid,
    validate_no_personal_data,
)

# The guard is pure; the mark only serves the suite-wide cache fixture (a database cache).
pytestmark = pytest.mark.django_db


def _national_number(yy, mm, dd, seq, born_from_2000):
    base = int(f"{yy:02d}{mm:02d}{dd:02d}{seq:03d}")
    check = 97 - ((2_000_000_000 + base) % 97 if born_from_2000 else base % 97)
    return f"{yy:02d}{mm:02d}{dd:02d}{seq:03d}{check:02d}"


TRUE_CASES = [
    # e-mail addresses
    ("Mail naar jan.peeters@gmail.com voor info", EMAIL),
    ("Contact: Fatima_El-Amrani+jeugd@school.gent.be.", EMAIL),
    ("zijn adres is lisa@telenet.be", EMAIL),
    ("Stuur naar INFO@VOORBEELD.ORG", EMAIL),
    # Belgian phone numbers, mobile and fixed, in the ways people write them
    ("Bel Yusuf op 0470 12 34 56", PHONE),
    ("gsm 0470/12.34.56", PHONE),
    ("gsm: 0470123456", PHONE),
    ("0486-12-34-56 is de gsm van de mama", PHONE),
    ("papa: +32 470 12 34 56", PHONE),
    ("+32470123456", PHONE),
    ("0032 470 12 34 56", PHONE),
    ("thuis 09 123 45 67", PHONE),
    ("tel 09/123.45.67", PHONE),
    ("Bel +32 (0)9 123 45 67 na 18u", PHONE),
    ("Antwerpen: 03 234 56 78", PHONE),
    ("Brussel 02/512.34.56", PHONE),
    ("Aalst 053 21 43 65", PHONE),
    # international phone numbers
    ("oom in Nederland: +31 6 12345678", PHONE),
    ("Frankrijk +33 1 23 45 67 89", PHONE),
    ("Londen +44 20 7946 0958", PHONE),
    ("Marokko 00212 612 345 678", PHONE),
    ("Turkije +90 532 123 45 67", PHONE),
    ("VS: +1 (555) 123-4567", PHONE),
    # IBANs with a valid mod-97 check
    ("Stort op BE68 5390 0754 7034 aub", IBAN),
    ("rekening BE68539007547034", IBAN),
    ("NL91 ABNA 0417 1643 00", IBAN),
    ("DE89 3704 0044 0532 0130 00", IBAN),
    ("FR14 2004 1010 0505 0001 3M02 606", IBAN),
    ("GB82WEST12345698765432", IBAN),
    # national register numbers with valid checks, before and from 2000, in several notations
    (f"rijksregisternummer {_national_number(85, 7, 30, 33, False)}", NATIONAL_NUMBER),
    ("RRN 85.07.30-033.28", NATIONAL_NUMBER),
    ("85 07 30 033 28", NATIONAL_NUMBER),
    (f"nr {_national_number(93, 12, 1, 154, False)}", NATIONAL_NUMBER),
    (f"geboren in 2004: {_national_number(4, 2, 29, 261, True)}", NATIONAL_NUMBER),
    (f"{_national_number(12, 11, 5, 8, True)} is haar nummer", NATIONAL_NUMBER),
    # unknown birth date (month and day 00) is allowed by the register
    (f"bis {_national_number(71, 0, 0, 512, False)}", NATIONAL_NUMBER),
]

# Disguised as people paste and type it (issue 17): each was let through before the text was normalised.
DISGUISED_CASES = [
    ("Bel 0470\u00a012\u00a034\u00a056 na school", PHONE),  # non-breaking spaces from Word or Outlook
    ("gsm 0470  12  34  56", PHONE),  # double spaces
    ("gsm 0470\n12 34 56", PHONE),  # a line break inside
    ("mama: 0470 12\r\n34 56", PHONE),
    ("gsm 0470\u201312\u201334\u201356", PHONE),  # en dashes
    ("gsm 0470.12.34.56", PHONE),
    ("bel (0475) 12 34 56", PHONE),
    ("bel (09) 266 11 11", PHONE),
    ("gsm \uff10\uff14\uff17\uff10 \uff11\uff12 \uff13\uff14 \uff15\uff16", PHONE),  # full-width digits
    ("gsm 04\u200b70 12\u200d34 56", PHONE),  # zero-width characters
    ("gsm 0470\u00ad12\u00ad34\u00ad56", PHONE),  # soft hyphens
    ("mail jan.peeters @ telenet.be", EMAIL),
    ("mail jan.peeters [at] telenet.be", EMAIL),
    ("mail jan.peeters (at) telenet (dot) be", EMAIL),
    ("mail jan.peeters\uff20telenet.be", EMAIL),  # full-width @
    ("mail jan\u200b.peeters@tele\u200bnet.be", EMAIL),
    ("RRN 85\u00a007\u00a030\u2011033\u201128", NATIONAL_NUMBER),  # non-breaking spaces and hyphens
    ("RRN 85/07/30/033/28", NATIONAL_NUMBER),
    ("Stort op BE68\u00a05390\u00a00754\u00a07034", IBAN),
    ("Stort op BE68-5390-0754-7034", IBAN),
    ("Stort op \uff22\uff25\uff16\uff18 5390 0754 7034", IBAN),
    # what people type in an offer's address
    ("Bij de familie, Rabotstraat 12, 9000 Gent, bel 0470 12 34 56", PHONE),
]

ORDINARY_TEXT = [
    "Elke woensdag van 14:00 tot 17:00, niet in de schoolvakanties.",
    "Op zaterdag 12/03/2025 om 14.30 uur starten we opnieuw.",
    "Openingsuren: 09.00-12.00 en 13.00-17.00.",
    "Van 14u tot 17u30, op 1 en 15 juli 2026.",
    "Voor kinderen van 6 tot 12 jaar en jongeren van 12-16 jaar.",
    "We bereiken zo'n 25 tot 40 kinderen per week; vorig jaar 120 jongeren, dit jaar al 160.",
    "Sinds 1998 actief, vernieuwd in 2024-2025.",
    "Afspraak in lokaal 0.12 of lokaal 1.023 op de eerste verdieping.",
    "Bereikbaar met bus 3, 17, 18 en 38 of tram 4 (halte Rabot).",
    "Kortrijksesteenweg 1050 bus 3, 9000 Gent.",
    "Wondelgemstraat 112, 9000 Gent; ook in 9040 Sint-Amandsberg.",
    "Deelname kost € 2,50 per namiddag, €120 per jaar, met 80% korting via de UiTPAS.",
    "Prijs 12,50 euro; kampweek 85 euro (3 x 28,33).",
    "Datum: 2025-09-01 tot 2026-06-30.",
    "Periode 01.09.2025 - 30.06.2026.",
    "Inschrijven vanaf 1 september 2025 om 10 uur.",
    "Groepen van 8 à 12 kinderen, 2 begeleiders per groep.",
    "Het project loopt 3 jaar (2025, 2026, 2027) met 450 uur per jaar.",
    "Ondernemingsnummer 0412.345.678 van onze vzw.",
    "Versie 2.3.1 van het huishoudelijk reglement, artikel 12 §3.",
    "Score 3-1 na de match van 18u00; volgende match 20/10 om 19u.",
    "Leeftijd: 0-3 jaar, 3-6 jaar, 6-12 jaar.",
    "Lokalen A1.05, B2.10 en C0.01 zijn vrij.",
    "Fietsroute 12 km, 45 minuten.",
    "We werken met Arabisch-, Turks- en Franstalige vrijwilligers.",
    # more dates, times, amounts, postcodes, house numbers and ranges, with the spaces and dashes people paste
    "Van 14u30\u201317u00, op 12\u00a0juli\u00a02026.",
    "Schooljaar 2025\u20132026 en 2026 \u2014 2027.",
    "Rabotstraat 12 bus 0.1, 9000\u00a0Gent",
    "Sint-Pietersnieuwstraat 33, 9000 Gent (ingang via de Jozef Plateaustraat 22).",
    "Budget \u20ac 12.500,00 voor 2026 en \u20ac 1.250 voor materiaal.",
    "10.000 euro subsidie, 2.500 bezoekers, 1.200 uur vrijwilligerswerk.",
    "Open van 09:00 tot 12:00 en van 13:30 tot 17:00 (maandag-vrijdag).",
    "Week 28-32: zomerwerking, 7-11 juli en 14-18 juli.",
    "Geboortejaren 2012-2016 en 2008 - 2011.",
    "Postcodes 9000, 9030, 9032, 9040, 9041, 9050 en 9051.",
    "In 2025: 1.534 bezoeken, 312 kinderen, 86 gezinnen.",
    "Volg ons op Instagram @jeugdhuisdebrug of zoek 'De Brug Gent'.",
    "Lokaal 2.05, verdieping +1, gebouw B.",
    "Kampprijs 120\u202f\u20ac, met UiTPAS 24\u202f\u20ac.",
    "Tijdslot 16.00\u201318.00; inloop vanaf 15.45.",
    "Dossier 2026/0412/345 van de stad.",
]


@pytest.mark.parametrize(("text", "kind"), TRUE_CASES)
def test_it_finds_personal_data(text, kind):
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == [kind], findings


@pytest.mark.parametrize(("text", "kind"), DISGUISED_CASES)
def test_it_finds_personal_data_however_it_is_disguised(text, kind):
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == [kind], findings
    # the finding points at the text as it was typed, so it can be redacted there
    finding = findings[0]
    assert text[finding.start : finding.start + len(finding.text)] == finding.text


@pytest.mark.parametrize("text", ORDINARY_TEXT)
def test_it_leaves_ordinary_text_alone(text):
    assert find_personal_data(text) == []


def test_it_checks_the_iban_checksum():
    assert iban_is_valid("BE68 5390 0754 7034")
    assert not iban_is_valid("BE69 5390 0754 7034")
    assert find_personal_data("BE69 5390 0754 7034") == []


def test_it_checks_the_national_number_checksum_and_date():
    valid = _national_number(85, 7, 30, 33, False)
    assert national_number_is_valid(valid)
    assert not national_number_is_valid(valid[:-2] + f"{(int(valid[-2:]) + 1) % 100:02d}")
    # a month 13 is no birth date, even with a matching checksum
    assert not national_number_is_valid(_national_number(85, 13, 1, 33, False))
    # the register hands out days past the month's end when a day's counter runs out (python-stdnum knows)
    assert national_number_is_valid(_national_number(85, 1, 32, 33, False))


def test_it_checks_numbers_of_people_born_from_2000_with_the_2_prefix():
    from_2000 = _national_number(4, 2, 29, 261, True)
    assert national_number_is_valid(from_2000)


def test_it_reports_every_finding_in_order():
    text = "Mail an@example.org of bel 0470 12 34 56"
    assert [f.kind for f in find_personal_data(text)] == [EMAIL, PHONE]


def test_it_refuses_with_a_message_that_says_why():
    with translation.override("en"), pytest.raises(ValidationError) as info:
        validate_no_personal_data("Bel de mama op 0470 12 34 56 of mail mama@example.org")
    with translation.override("en"):
        message = str(info.value.messages[0])
    assert "a phone number" in message and "an e-mail address" in message
    assert "contact fields" in message
    assert info.value.code == "personal_data"


def test_it_accepts_empty_text():
    validate_no_personal_data("")
    validate_no_personal_data(None)


def test_it_says_where_contact_details_belong_when_the_caller_knows():
    from charter_portal.personal_data import NoPersonalDataValidator

    with translation.override("en"), pytest.raises(ValidationError) as info:
        NoPersonalDataValidator(contact_hint="the offer's contact fields")("bel 0470 12 34 56")
    with translation.override("en"):
        message = str(info.value.messages[0])
    assert "a phone number" in message
    assert message.endswith("Your organisation's own contact details belong in the offer's contact fields.")
    # the plain validator keeps its message, and both compare as the guard they are
    assert NoPersonalDataValidator() == validate_no_personal_data
    assert NoPersonalDataValidator(contact_hint="x") != validate_no_personal_data
