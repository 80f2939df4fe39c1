"""Details that identify one child, beyond what the personal-data guard finds (R10, R11).

The guard (``charter_portal.personal_data``) finds e-mail addresses, phone numbers, IBANs and national register
numbers. What young people said can identify a child in other ways; this module finds, in free text:

- a **name with an age**: ``Yasmine (15 jaar)``, ``Yasmine, 15 j.``, ``Yasmine 15j``, ``Tom (9)``,
  ``Sam, 12 years old``, ``de 15-jarige Yasmine``: a capitalised word right before or after one age from 1 to 30;
  an age range (``12-15 jaar``) or a group word (``Meisjes (12 jaar)``) is not a person and passes;
- a **home address**: a street name with a house number (``Rabotstraat 12``);
- a **family tie to a named person**: ``de broer van Yasmine``, ``Yasmine's sister``.

Pure functions, no database; ``validate_no_identifying_details`` is the Django validator.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

NAME_WITH_AGE = "name_with_age"
ADDRESS = "address"
FAMILY = "family"

KIND_LABELS = {
    NAME_WITH_AGE: _("a name with an age"),
    ADDRESS: _("a home address"),
    FAMILY: _("a family tie to a named person"),
}

# Capitalised words that name a group or start a sentence, never one child.
GROUP_WORDS = frozenset(
    [
        "jongeren",
        "kinderen",
        "meisjes",
        "jongens",
        "tieners",
        "kleuters",
        "leerlingen",
        "deelnemers",
        "jongvolwassenen",
        "sommigen",
        "iedereen",
        "velen",
        "veel",
        "enkele",
        "meeste",
        "alle",
        "allen",
        "groep",
        "groepen",
        "klas",
        "klassen",
        "leeftijd",
        "leeftijden",
        "kids",
        "jeugd",
        "de",
        "het",
        "een",
        "en",
        "wij",
        "we",
        "ze",
        "zij",
        "hij",
        "men",
        "vanaf",
        "tot",
        "onder",
        "boven",
        "tussen",
        "rond",
        "ongeveer",
        "bijna",
        "min",
        "plus",
        "children",
        "girls",
        "boys",
        "teens",
        "teenagers",
        "pupils",
        "participants",
        "young",
        "youth",
        "everyone",
        "some",
        "many",
        "most",
        "all",
        "group",
        "groups",
        "class",
        "age",
        "ages",
        "the",
        "a",
        "an",
        "and",
        "we",
        "they",
        "from",
        "to",
        "under",
        "over",
        "between",
        "about",
        "around",
        "nearly",
        "aged",
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
        "january",
        "february",
        "march",
        "may",
        "june",
        "july",
        "august",
        "october",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)

_NAME = r"(?P<name>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]{1,30})"
_AGE = r"(?P<age>[1-9]|[12]\d|30)"
_UNIT = r"(?:jaar|jr\.?|j\.?|y\.?|yrs?\.?|years?(?:\s+old)?|ans)"
# Name, then an age: "Yasmine (15 jaar)", "Yasmine (15)", "Yasmine, 15 j.", "Yasmine 15j", "Sam, aged 12".
_NAME_THEN_AGE = re.compile(
    rf"\b{_NAME}\s*(?:\(\s*(?:aged?\s+)?{_AGE}\s*{_UNIT}?\s*\)"
    rf"|,?\s*(?:aged?\s+)?(?P<age2>[1-9]|[12]\d|30)\s*{_UNIT}(?!\w)"
    rf"|,?\s+aged?\s+(?P<age3>[1-9]|[12]\d|30)(?![\d-]))"
)
# An age, then a name: "de 15-jarige Yasmine", "15 jarige Tom".
_AGE_THEN_NAME = re.compile(rf"(?<![\d-])(?P<age>[1-9]|[12]\d|30)\s*-?\s*jarige\s+{_NAME}")
_STREET = re.compile(
    r"\b[A-ZÀ-Þ][\w'’-]*(?:straat|laan|plein|dreef|kaai|weg|steenweg|lei|hof|park|dries|street|road|avenue)"
    r"\s+\d{1,4}[a-zA-Z]?\b"
)
_FAMILY = re.compile(
    rf"\b(?:zoon|dochter|broer|broertje|zus|zusje|neef|nicht|mama|papa|moeder|vader|son|daughter|brother|sister|"
    rf"mother|father)\s+(?:van|of)\s+{_NAME}"
    rf"|\b{_NAME.replace('?P<name>', '?P<owner>')}(?:'s|’s)"
    r"\s+(?:son|daughter|brother|sister|mother|father|mum|mom|dad)\b"
)


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int


def _is_group(word: str) -> bool:
    return word.lower() in GROUP_WORDS


def find_identifying_details(text: str) -> list[Finding]:
    """Every identifying detail found in ``text``, in order of appearance."""
    if not text:
        return []
    findings = []
    for regex in (_NAME_THEN_AGE, _AGE_THEN_NAME):
        for match in regex.finditer(text):
            if not _is_group(match.group("name")):
                findings.append(Finding(NAME_WITH_AGE, match.group(0), match.start()))
    for match in _STREET.finditer(text):
        findings.append(Finding(ADDRESS, match.group(0), match.start()))
    for match in _FAMILY.finditer(text):
        name = match.group("name") or match.group("owner")
        if not _is_group(name):
            findings.append(Finding(FAMILY, match.group(0), match.start()))
    return sorted(findings, key=lambda finding: finding.start)


def identifying_message(findings: list[Finding]) -> str:
    kinds = []
    for finding in findings:
        label = str(KIND_LABELS[finding.kind])
        if label not in kinds:
            kinds.append(label)
    return _(
        "This text seems to contain %(what)s (“%(example)s”). What young people said enters the portal without "
        "anything that could identify a child: leave out names, ages of one person, addresses and family ties."
    ) % {"what": _(" and ").join(kinds), "example": findings[0].text}


@deconstructible
class NoIdentifyingDetailsValidator:
    code = "identifying"

    def __call__(self, value):
        findings = find_identifying_details(str(value or ""))
        if findings:
            raise ValidationError(identifying_message(findings), code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoIdentifyingDetailsValidator)


validate_no_identifying_details = NoIdentifyingDetailsValidator()
