"""The personal-data guard (charter rule R10).

The portal never stores personal data of children or young people. Free text that partners write
(titles, descriptions, notes, narratives) is refused when it contains an e-mail address, a phone
number, an IBAN or a Belgian national register number. ``find_personal_data`` is a pure function;
``validate_no_personal_data`` is the Django validator that forms, serializers and models use.
The organisation's own public contact fields are not free text about children and are not checked.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

EMAIL = "email"
PHONE = "phone"
IBAN = "iban"
NATIONAL_NUMBER = "national_number"

KIND_LABELS = {
    EMAIL: _("an e-mail address"),
    PHONE: _("a phone number"),
    IBAN: _("a bank account number (IBAN)"),
    NATIONAL_NUMBER: _("a national register number"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int


_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.IGNORECASE)

_SEP = r"[ .\-/]"
# A Belgian number: 0 or +32/0032, a zone or mobile prefix, then groups of two or three digits with
# separators, or all digits in one run. Groups of four (years) never match, which keeps dates out.
_BE_PHONE_RE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)32{_SEP}?(?:\(0\){_SEP}?)?|0)"
    rf"(?:\d{{8,9}}|\d{{1,3}}(?:{_SEP}\d{{2,3}}){{2,4}}|\d{{1,3}}{_SEP}\d{{6,7}})(?![\w])"
)
_INTL_PHONE_RE = re.compile(rf"(?<![\w+])(?:\+|00)(?!32)[1-9]\d{{0,2}}(?:{_SEP}?\(?\d{{1,4}}\)?){{2,6}}(?![\w])")
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){10,30})(?![A-Za-z0-9])")
_NATIONAL_RE = re.compile(r"(?<![\d.])(\d{2})[ .]?(\d{2})[ .]?(\d{2})[ .\-]?(\d{3})[ .\-]?(\d{2})(?![\d])")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _is_belgian_phone(candidate: str) -> bool:
    digits = _digits(candidate)
    stripped = candidate.lstrip()
    if stripped.startswith("+32"):
        national = digits[2:]
    elif stripped.startswith("0032"):
        national = digits[4:]
    else:
        national = digits[1:]
    if national.startswith("0"):  # the "(0)" some people write after +32
        national = national[1:]
    if national.startswith("4"):
        return len(national) == 9 and national[1] in "56789"
    return len(national) == 8


def _is_international_phone(candidate: str) -> bool:
    return 8 <= len(_digits(candidate)) <= 15


def iban_is_valid(candidate: str) -> bool:
    """ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 == 1."""
    value = candidate.replace(" ", "").upper()
    if not 15 <= len(value) <= 34 or not value[:2].isalpha() or not value[2:4].isdigit():
        return False
    if value.startswith("BE") and len(value) != 16:
        return False
    rearranged = value[4:] + value[:4]
    try:
        number = int("".join(str(int(ch, 36)) for ch in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


def _longest_valid_iban(candidate: str) -> str:
    """The greedy pattern may run on into the next word ("BE68 5390 0754 7034 aub"): try shorter cuts
    that end before a space."""
    if iban_is_valid(candidate):
        return candidate
    for end in range(len(candidate) - 1, 14, -1):
        if candidate[end] == " " and iban_is_valid(candidate[:end]):
            return candidate[:end]
    return ""


def national_number_is_valid(digits: str) -> bool:
    """Belgian national register number: plausible birth date and mod-97 check (births before and from 2000)."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    if month > 12 or day > 31:
        return False
    base, check = int(digits[:9]), int(digits[9:])
    return check in (97 - base % 97, 97 - (2_000_000_000 + base) % 97)


def find_personal_data(text: str) -> list[Finding]:
    """Every piece of personal data found in ``text``, in order of appearance."""
    if not text:
        return []
    findings = []
    for match in _EMAIL_RE.finditer(text):
        findings.append(Finding(EMAIL, match.group(0), match.start()))
    for match in _IBAN_RE.finditer(text):
        iban = _longest_valid_iban(match.group(1))
        if iban:
            findings.append(Finding(IBAN, iban, match.start()))
    for match in _NATIONAL_RE.finditer(text):
        if national_number_is_valid("".join(match.groups())):
            findings.append(Finding(NATIONAL_NUMBER, match.group(0), match.start()))
    taken = [(f.start, f.start + len(f.text)) for f in findings]
    for regex, check in ((_BE_PHONE_RE, _is_belgian_phone), (_INTL_PHONE_RE, _is_international_phone)):
        for match in regex.finditer(text):
            span = (match.start(), match.end())
            if any(start < span[1] and span[0] < end for start, end in taken):
                continue
            if check(match.group(0)):
                findings.append(Finding(PHONE, match.group(0), match.start()))
                taken.append(span)
    return sorted(findings, key=lambda finding: finding.start)


def personal_data_message(findings: list[Finding]) -> str:
    kinds = []
    for finding in findings:
        label = str(KIND_LABELS[finding.kind])
        if label not in kinds:
            kinds.append(label)
    return _(
        "This text seems to contain %(what)s. The portal never stores personal data, to protect the trust "
        "of children and young people (charter, vision 7). Please leave it out. Your organisation's own "
        "contact details belong in its public contact fields."
    ) % {"what": _(" and ").join(kinds)}


@deconstructible
class NoPersonalDataValidator:
    code = "personal_data"

    def __call__(self, value):
        findings = find_personal_data(str(value or ""))
        if findings:
            raise ValidationError(personal_data_message(findings), code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoPersonalDataValidator)


validate_no_personal_data = NoPersonalDataValidator()
