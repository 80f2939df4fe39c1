"""The personal-data guard (charter rule R10).

The portal never stores personal data of children or young people. Free text that partners write
(titles, descriptions, notes, narratives, addresses) is refused when it contains an e-mail address, a phone
number, an IBAN or a Belgian national register number (or BIS number). ``find_personal_data`` is a pure function;
``validate_no_personal_data`` is the Django validator that forms, serializers and models use.

How text is read, so that pasted or disguised data does not slip through:

1. It is normalised first (``normalise``): Unicode NFKC (full-width digits and ``＠`` become ASCII), invisible
   format characters (zero-width spaces and joiners, soft hyphens, byte order marks) are dropped, every kind of
   space and line break becomes one space, every kind of dash a ``-``. Each character of the result remembers where
   it came from, so a finding points at the text as it was typed.
2. Candidates are found with patterns that allow the separators people use (spaces, dots, dashes, slashes,
   ``(0475)``; ``name @ domain``, ``name [at] domain``) and confirmed with maintained libraries: python-stdnum for
   IBANs (ISO 13616 check digits) and national register and BIS numbers (birth date and check digits),
   phonenumbers for phone numbers (a number valid by its numbering plan, or one shaped like a Belgian or
   international number that the plan deems possible). Dates, times, amounts, postcodes, house numbers, year ranges
   and company numbers do not pass these checks (tests/offers/test_personal_data.py keeps a corpus).

The fields that hold contact details on purpose (an organisation's or an offer's public phone, e-mail and website, a
person's own account address, the signer's name on a signature) are not checked: ``UNGUARDED_FIELDS`` lists them,
and tests/security/test_personal_data_fields.py fails on a free-text field of any model that is neither guarded nor
listed. ``NoPersonalDataValidator(contact_hint=...)`` tells the writer where their organisation's own contact
details belong instead.
"""

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.be import bis as stdnum_bis
from stdnum.be import nn as stdnum_nn

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

# Text fields of models that are not guarded, each with the reason ("app_label.Model.field"). Every other text field
# of a model that is not a choice carries ``validate_no_personal_data`` (tests/security/test_personal_data_fields.py).
UNGUARDED_FIELDS: dict[str, str] = {
    # Contact details published on purpose, and a person's own address
    "organisations.Organisation.email": "the organisation's public e-mail address",
    "organisations.Organisation.phone": "the organisation's public phone number",
    "organisations.Organisation.website": "the organisation's website",
    "offers.Offer.contact_email": "the offer's public e-mail address",
    "offers.Offer.contact_phone": "the offer's public phone number",
    "offers.Offer.contact_website": "the offer's website",
    "offers.SharedSpace.contact": "how partners reach whoever lends the space, published to them on purpose",
    "accounts.User.email": "the person's own address, to log in with",
    "accounts.Invitation.email": "the address the invitation is sent to, the invited person's own",
    "charter.ChainEntry.signer_name": "the name of the person who signed, published with the signature",
    # Written by the portal, never typed: hashes, codes, slugs, copies of guarded or published names
    "accounts.User.password": "a password hash",
    "charter.CharterVersion.text_hash": "a hash",
    "charter.ChainEntry.receipt_code": "a code the portal draws",
    "charter.ChainEntry.charter_hash": "a hash",
    "charter.ChainEntry.previous_hash": "a hash",
    "charter.ChainEntry.entry_hash": "a hash",
    "charter.ChainHead.last_hash": "a hash",
    "charter.ChainEntry.organisation_name": "the organisation's name when it signed, a copy",
    "neighbourhoods.Neighbourhood.slug": "made from the name",
    "neighbourhoods.MovementCircle.slug": "made from the name",
    "neighbourhoods.Indicator.code": "a code",
    "neighbourhoods.CoverageSnapshot.area_type": "a kind of area, written by the portal",
    "neighbourhoods.CoverageSnapshot.area_name": "the area's name when the snapshot was taken, a copy",
    "organisations.Organisation.slug": "made from the name",
    "organisations.Function.code": "a code",
    "organisations.Sector.code": "a code",
    "offers.Offer.language_codes": "language codes chosen from a list",
    "offers.SearchWord.word": "a word of the offers' search texts, a copy of guarded or published fields",
    "signals.ReminderSent.recipients": "the addresses a reminder went to, the staff's own",
    "support.SupportReminder.recipients": "the addresses a reminder went to, the staff's own",
    "notifications.Notification.kind": "a code",
    "signals.TimelineEntry.message": "the code of one of the portal's own timeline texts",
    "notifications.Notification.actor_name": "who did it, a copy of a member's name",
    "notifications.Notification.actor_organisation_name": "a copy of an organisation's name",
    "notifications.Notification.url": "a link within the portal",
    "notifications.Notification.object_type": "a code",
    "diversity.PopulationReference.code": "a code",
    # The city's published reference texts, written once and reviewed, not about anyone
    "charter.CharterVersion.label": "the charter's version label",
    "charter.CharterVersion.introduction_nl": "the charter's text",
    "charter.CharterVersion.introduction_en": "the charter's text",
    "charter.Article.title_nl": "the charter's text",
    "charter.Article.title_en": "the charter's text",
    "charter.Article.body_nl": "the charter's text",
    "charter.Article.body_en": "the charter's text",
    "organisations.Function.name_nl": "the names of the four functions",
    "organisations.Function.name_en": "the names of the four functions",
    "organisations.Function.description_nl": "the descriptions of the four functions",
    "organisations.Function.description_en": "the descriptions of the four functions",
    "organisations.Sector.name_nl": "the list of sectors",
    "organisations.Sector.name_en": "the list of sectors",
    "neighbourhoods.Neighbourhood.name": "the official name of a neighbourhood",
    "neighbourhoods.MovementCircle.name": "the name of a movement circle, the city's",
    "neighbourhoods.Indicator.name": "the statistics' own name",
    "neighbourhoods.Indicator.unit": "the statistics' own unit",
    "neighbourhoods.Indicator.source": "where the statistics come from",
    "diversity.PopulationReference.source": "where the population figures come from",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str  # as it was typed
    start: int  # in the text as it was typed


# --- normalising ---------------------------------------------------------------------------------------------------

_DASHES = {"\u2212", "\u2043", "\ufe63", "\uff0d"}  # minus sign, hyphen bullet, small and full-width hyphen-minus


def _is_space(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Zs", "Zl", "Zp")


def normalise(text: str) -> tuple[str, list[int]]:
    """The text as the guard reads it, and for each of its characters the index of the typed one it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if unicodedata.category(char) == "Cf":  # zero-width characters, soft hyphen, BOM, direction marks
            continue
        if _is_space(char):
            replaced = " "
        elif unicodedata.category(char) == "Pd" or char in _DASHES:
            replaced = "-"
        else:
            replaced = unicodedata.normalize("NFKC", char)
        for part in replaced:
            part = " " if _is_space(part) else part
            if part == " " and chars and chars[-1] == " ":
                continue  # one space for any run of them
            chars.append(part)
            origin.append(index)
    return "".join(chars), origin


# --- patterns --------------------------------------------------------------------------------------------------

_AT = r"(?: ?@ ?| ?[\[({<] ?(?:at|apenstaart(?:je)?) ?[\])}>] ?)"
_DOT = r"(?:\.| ?[\[({<] ?(?:dot|punt) ?[\])}>] ?)"
_EMAIL_RE = re.compile(
    rf"(?<![\w.+-])[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,}}(?![\w-])",
    re.IGNORECASE,
)

_SEP = r"[ .\-/]"
# A Belgian number: 0 or +32/0032, a zone or mobile prefix, then groups of two or three digits with
# separators, or all digits in one run. Groups of four (years) never match, which keeps dates out.
_BE_PHONE_RE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)32{_SEP}?(?:\(0\){_SEP}?)?|0)"
    rf"(?:\d{{8,9}}|\d{{1,3}}(?:{_SEP}\d{{2,3}}){{2,4}}|\d{{1,3}}{_SEP}\d{{6,7}})(?![\w])"
)
_INTL_PHONE_RE = re.compile(rf"(?<![\w+])(?:\+|00)(?!32)[1-9]\d{{0,2}}(?:{_SEP}?\(?\d{{1,4}}\)?){{2,6}}(?![\w])")
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){10,30})(?![A-Za-z0-9])")
_NATIONAL_RE = re.compile(r"(?<![\d.])(\d{2})[ ./-]?(\d{2})[ ./-]?(\d{2})[ ./-]?(\d{3})[ ./-]?(\d{2})(?![\d])")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _belgian_shape(candidate: str) -> bool:
    """A fixed line has 8 digits after the 0, a mobile 9 starting with 45 to 49 (0412 345 678 is a company
    number)."""
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


def _possible_phone(candidate: str) -> bool:
    try:
        number = phonenumbers.parse(candidate.replace("(0)", ""), "BE")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def iban_is_valid(candidate: str) -> bool:
    """ISO 13616 check digits (mod 97), whatever the bank's own numbering."""
    value = re.sub(r"[ -]", "", candidate).upper()
    if value.startswith("BE") and len(value) != 16:
        return False
    return stdnum_iban.is_valid(value, check_country=False)


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
    """A Belgian national register number or BIS number: a possible birth date and its check digits (births before
    and from 2000)."""
    return stdnum_nn.is_valid(digits) or stdnum_bis.is_valid(digits)


# --- finding -------------------------------------------------------------------------------------------------------


def _overlaps(span, taken) -> bool:
    return any(start < span[1] and span[0] < end for start, end in taken)


def _spans(text: str):
    """(kind, start, end) in the normalised text."""
    for match in _EMAIL_RE.finditer(text):
        yield EMAIL, match.start(), match.end()
    for match in _IBAN_RE.finditer(text):
        iban = _longest_valid_iban(match.group(1))
        if iban:
            yield IBAN, match.start(1), match.start(1) + len(iban)
    for match in _NATIONAL_RE.finditer(text):
        if national_number_is_valid("".join(match.groups())):
            yield NATIONAL_NUMBER, match.start(), match.end()


def _phone_spans(text: str, taken: list):
    for match in phonenumbers.PhoneNumberMatcher(text, "BE", leniency=phonenumbers.Leniency.VALID):
        span = (match.start, match.end)
        if not _overlaps(span, taken):
            taken.append(span)
            yield PHONE, *span
    # Numbers shaped like phone numbers that the numbering plan has not handed out (yet) are refused as well.
    for regex, shaped in ((_BE_PHONE_RE, _belgian_shape), (_INTL_PHONE_RE, lambda c: 8 <= len(_digits(c)) <= 15)):
        for match in regex.finditer(text):
            span = (match.start(), match.end())
            if not _overlaps(span, taken) and shaped(match.group(0)) and _possible_phone(match.group(0)):
                taken.append(span)
                yield PHONE, *span


def find_personal_data(text: str) -> list[Finding]:
    """Every piece of personal data found in ``text``, in order of appearance, as it was typed."""
    if not text:
        return []
    normalised, origin = normalise(str(text))
    if not normalised:
        return []
    spans = list(_spans(normalised))
    taken = [(start, end) for _kind, start, end in spans]
    spans.extend(_phone_spans(normalised, taken))
    findings = []
    for kind, start, end in spans:
        typed_start, typed_end = origin[start], origin[end - 1] + 1
        findings.append(Finding(kind, text[typed_start:typed_end], typed_start))
    return sorted(findings, key=lambda finding: finding.start)


def personal_data_message(findings: list[Finding], *, contact_hint=None) -> str:
    """Why the text is refused. ``contact_hint`` names where the writer's own contact details belong (``the
    offer's contact fields``); without it, the organisation's public contact fields."""
    kinds = []
    for finding in findings:
        label = str(KIND_LABELS[finding.kind])
        if label not in kinds:
            kinds.append(label)
    what = _(" and ").join(kinds)
    if contact_hint:
        return _(
            "This text seems to contain %(what)s. The portal never stores personal data, to protect the trust "
            "of children and young people (charter, vision 7). Please leave it out. Your organisation's own "
            "contact details belong in %(where)s."
        ) % {"what": what, "where": contact_hint}
    return _(
        "This text seems to contain %(what)s. The portal never stores personal data, to protect the trust "
        "of children and young people (charter, vision 7). Please leave it out. Your organisation's own "
        "contact details belong in its public contact fields."
    ) % {"what": what}


@deconstructible
class NoPersonalDataValidator:
    """Refuses text with personal data. ``contact_hint`` (optional) says where the writer's own contact details
    belong, for forms that have such fields: ``NoPersonalDataValidator(contact_hint=_("the offer's contact
    fields"))``."""

    code = "personal_data"

    def __init__(self, contact_hint=None):
        self.contact_hint = contact_hint

    def __call__(self, value):
        findings = find_personal_data(str(value or ""))
        if findings:
            raise ValidationError(personal_data_message(findings, contact_hint=self.contact_hint), code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoPersonalDataValidator) and str(self.contact_hint or "") == str(
            other.contact_hint or ""
        )

    def __hash__(self):
        return hash((NoPersonalDataValidator, str(self.contact_hint or "")))


validate_no_personal_data = NoPersonalDataValidator()


def is_guarded(field) -> bool:
    """Whether a model or form field carries the guard."""
    return any(isinstance(validator, NoPersonalDataValidator) for validator in field.validators)
