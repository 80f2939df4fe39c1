"""The published offer as Open Referral's Human Services Data Specification (HSDS 3.0).

Pure mapping: the functions here take model instances (with their relations already loaded by
``hsds_offers()``) and return plain dicts in HSDS's shape. Nothing here runs a query of its own,
so the API and the ``export_hsds`` command can load everything with a fixed number of queries.

Mapping (portal -> HSDS):
- ``Organisation`` -> ``organization``; ``Offer`` -> ``service``; an offer's address -> ``location``
  (one per organisation and address) and ``service_at_location``; the offer's neighbourhoods and
  movement circles -> ``service_area`` (GeoJSON ``extent`` where the geometry is known); the
  offer's schedule text and weekly hours -> ``schedule`` (plain-language ``description``/``notes``);
  the four functions, warm place and mobile/outreach work -> ``attribute`` records pointing to the
  ``taxonomy_term``s of the portal's own published taxonomy.

Identifiers: offers carry their own stored UUID. Every other record gets a UUID derived with
``uuid5(HSDS_NAMESPACE, "<kind>:<key>")`` from a fixed namespace and a stable key: the primary key
of organisations and neighbourhoods and movement circles, the term code of taxonomy terms, the
offer UUID plus what the record is about for records that belong to one offer. The same data
therefore gives the same identifiers in every export, and consumers can follow a record over time.
"""

import functools
import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://docs.openreferral.org/en/latest/hsds/"
HSDS_OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"

# Never change this: every derived identifier in every export depends on it.
HSDS_NAMESPACE = uuid.UUID("6f1d2c8e-3b7a-5e4f-9a60-c4a1b2d3e4f5")
_NAMESPACE_BYTES = HSDS_NAMESPACE.bytes

TAXONOMY_KEY = "ghent-youth-welfare-work"
TAXONOMY_VERSION = "1"

WARM_PLACE = "warm_place"
OUTREACH = "mobile_outreach"
FUNCTIONS_PARENT = "function"
WAY_OF_WORKING_PARENT = "way_of_working"

DEFAULT_LICENSE = {
    "name": "Modellicentie-Gratis-Hergebruik-1.0",
    "title": "Modellicentie Gratis Hergebruik - Vlaanderen v1.0",
    "path": "https://overheid.vlaanderen.be/sites/default/files/documenten/ict-egov/licenties/hergebruik/modellicentie_gratis_hergebruik_v1_0.html",
}

_POSTAL_CODE_AND_CITY = re.compile(r"^\s*(?P<postal_code>\d{4})\s+(?P<city>\S.*?)\s*$")
_LANGUAGE_SEPARATORS = re.compile(r"[,;/]|\s+(?:and|en)\s+")


def stable_id(kind: str, key) -> str:
    """A UUID that is the same in every export for the same ``kind`` and ``key``: ``uuid5(HSDS_NAMESPACE, ...)``
    as text, written directly (a page of 50 services has about 1,300 of them; ``uuid.UUID`` checks and converts
    each one several times over)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + f"{kind}:{key}".encode(), usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the variant of RFC 9562
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def organisation_id(organisation) -> str:
    return stable_id("organization", organisation.pk)


def taxonomy_id() -> str:
    return stable_id("taxonomy", TAXONOMY_KEY)


def term_id(code: str) -> str:
    return stable_id("taxonomy_term", code)


def _language_code() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _compact(record: dict) -> dict:
    """HSDS leaves out what is unknown: drop None values and empty lists (empty strings are kept)."""
    return {key: value for key, value in record.items() if value is not None and value != []}


# The relations ``hsds_offers`` loads, as lists on the rows (a relation's manager, made anew on every access, cost
# more than the mapping itself): the list's attribute and the relation it holds.
_RELATIONS = {
    "functions": ("hsds_functions", "functions"),
    "times": ("hsds_times", "times"),
    "neighbourhoods": ("hsds_neighbourhoods", "neighbourhoods"),
    "circles": ("hsds_circles", "movement_circles"),
}


def _loaded(row, name: str):
    """The related rows ``name`` of an offer or movement circle, as ``hsds_offers`` loaded them, or from the
    database for a row that came another way."""
    attribute, relation = _RELATIONS[name]
    rows = getattr(row, attribute, None)
    return rows if rows is not None else getattr(row, relation).all()


def _site_url(path: str = "/") -> str:
    return f"{settings.SITE_URL}{path}"


# --- taxonomy ---------------------------------------------------------------------------------------------------


def taxonomy() -> dict:
    return {
        "id": taxonomy_id(),
        "name": _("Youth welfare work in Ghent"),
        "description": _(
            "The four functions of youth welfare work and the ways of working named in Ghent's charter on youth "
            "work for children and young people in vulnerable situations."
        ),
        "uri": _site_url("/functies/"),
        "version": TAXONOMY_VERSION,
    }


@dataclass(frozen=True)
class Term:
    """A taxonomy term, named in the language it was made in (``taxonomy_terms``, once per request or export)."""

    code: str
    name: str
    description: str
    parent: str | None = None

    @functools.cached_property
    def nested(self) -> dict:
        """The term as every attribute that names it carries it: the same record for all of them (read only)."""
        return taxonomy_term(self, nested=True)


def taxonomy_terms(functions) -> list[Term]:
    """The published terms: two parents, the four functions (from the reference data), warm place and outreach."""
    terms = [
        Term(FUNCTIONS_PARENT, _("Function"), _("The four functions of youth welfare work.")),
        Term(
            WAY_OF_WORKING_PARENT,
            _("Way of working"),
            _("Where youth workers meet children and young people: at a fixed place or where they are."),
        ),
    ]
    for function in sorted(functions, key=lambda f: f.position):
        terms.append(Term(function.code, function.name, function.description or function.name, FUNCTIONS_PARENT))
    terms.append(
        Term(
            WARM_PLACE,
            _("Warm place"),
            _("A fixed, welcoming place where children and young people feel at home."),
            WAY_OF_WORKING_PARENT,
        )
    )
    terms.append(
        Term(
            OUTREACH,
            _("Mobile or outreach work"),
            _("Youth workers who go where children and young people are."),
            WAY_OF_WORKING_PARENT,
        )
    )
    return terms


def taxonomy_term(term: Term, *, nested: bool = False) -> dict:
    record = {
        "id": term_id(term.code),
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "parent_id": term_id(term.parent) if term.parent else None,
        "taxonomy": TAXONOMY_KEY,
        "language": _language_code(),
        "taxonomy_id": taxonomy_id(),
    }
    if nested:
        record["taxonomy_detail"] = taxonomy()
    return _compact(record)


# --- organisation -----------------------------------------------------------------------------------------------


def organization(organisation) -> dict:
    """An organisation as an HSDS ``organization`` (flat: no nested arrays except its public phone)."""
    description = organisation.description or _("%(kind)s in Ghent, signatory partner of the charter portal.") % {
        "kind": organisation.get_kind_display().capitalize()
    }
    record = {
        "id": organisation_id(organisation),
        "name": organisation.name,
        "description": description,
        "email": organisation.email or None,
        "website": organisation.website or None,
        "phones": [organization_phone(organisation)] if organisation.phone else [],
    }
    return _compact(record)


def organization_phone(organisation, *, flat: bool = False) -> dict:
    record = {"id": stable_id("organization_phone", organisation.pk), "number": organisation.phone}
    if flat:
        record["organization_id"] = organisation_id(organisation)
    return record


# --- service and its parts --------------------------------------------------------------------------------------


def service_status(offer, today) -> str:
    """Published and running today: active; not started yet or already ended: inactive."""
    if offer.starts_on and offer.starts_on > today:
        return "inactive"
    if offer.ends_on and offer.ends_on < today:
        return "inactive"
    return "active"


def eligibility_description(offer) -> str:
    return _("Children and young people aged %(min)s to %(max)s.") % {"min": offer.age_min, "max": offer.age_max}


def fees_description(offer) -> str:
    if offer.is_free:
        return offer.cost_description or _("Free of charge.")
    return offer.cost_description or _("A contribution is asked; ask the organisation.")


def cost_option(offer) -> dict:
    record = {
        "id": stable_id("cost_option", offer.uuid),
        "service_id": str(offer.uuid),
        "valid_from": offer.starts_on.isoformat() if offer.starts_on else None,
        "valid_to": offer.ends_on.isoformat() if offer.ends_on else None,
        "option": _("Free of charge") if offer.is_free else _("Contribution"),
        "currency": "EUR",
        "amount": 0 if offer.is_free else None,
        "amount_description": offer.cost_description or None,
    }
    return _compact(record)


def cost_options(offer) -> list[dict]:
    """The price, and a reduced rate when there is one (e.g. the Ghent UiTPAS)."""
    options = [cost_option(offer)]
    if offer.has_reduced_rate:
        options.append(
            _compact(
                {
                    "id": stable_id("cost_option_reduced", offer.uuid),
                    "service_id": str(offer.uuid),
                    "option": _("Reduced rate, for example with the Ghent UiTPAS"),
                    "currency": "EUR",
                }
            )
        )
    return options


def service_phones(offer, *, flat: bool = False) -> list[dict]:
    """The offer's own phone number (its organisation's is on the organisation)."""
    if not offer.contact_phone:
        return []
    record = {"id": stable_id("service_phone", offer.uuid), "number": offer.contact_phone}
    if flat:
        record["service_id"] = str(offer.uuid)
    return [record]


def contacts(offer) -> list[dict]:
    """The offer's desk: its e-mail and opening hours, published on purpose (no person is named)."""
    if not (offer.contact_email or offer.contact_hours):
        return []
    record = {
        "id": stable_id("contact", offer.uuid),
        "service_id": str(offer.uuid),
        "title": _("Desk"),
        "department": offer.contact_hours or None,
        "email": offer.contact_email or None,
    }
    return [_compact(record)]


def languages(offer) -> list[dict]:
    """The free-text list of spoken languages as HSDS ``language`` records (names only: codes are not stored)."""
    names = []
    for part in _LANGUAGE_SEPARATORS.split(offer.languages or ""):
        name = part.strip()
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    from offers.models.offer import LANGUAGE_NAMES

    coded = [
        {
            "id": stable_id("language", f"{offer.uuid}:{code}"),
            "service_id": str(offer.uuid),
            "name": str(LANGUAGE_NAMES.get(code, code)),
            "code": code,
        }
        for code in offer.language_code_list
    ]
    return coded + [
        {"id": stable_id("language", f"{offer.uuid}:{name.casefold()}"), "service_id": str(offer.uuid), "name": name}
        for name in names
    ]


ICAL_DAYS = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}


def weekly_schedules(offer) -> list[dict]:
    """Each weekly time as an HSDS schedule with an iCalendar-style rule (WEEKLY, BYDAY, opening hours)."""
    return [
        _compact(
            {
                "id": stable_id("schedule", f"{offer.uuid}:{time.weekday}:{time.starts_at:%H%M}"),
                "service_id": str(offer.uuid),
                "valid_from": offer.starts_on.isoformat() if offer.starts_on else None,
                "valid_to": offer.ends_on.isoformat() if offer.ends_on else None,
                "dtstart": offer.starts_on.isoformat() if offer.starts_on else None,
                "until": offer.ends_on.isoformat() if offer.ends_on else None,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ICAL_DAYS[time.weekday],
                "opens_at": f"{time.starts_at:%H:%M}",
                "closes_at": f"{time.ends_at:%H:%M}",
            }
        )
        for time in _loaded(offer, "times")
    ]


def schedules(offer) -> list[dict]:
    the_schedule = schedule(offer)
    return weekly_schedules(offer) + ([the_schedule] if the_schedule else [])


def schedule(offer) -> dict | None:
    """Schedules are plain language in the portal: HSDS carries them in ``description`` and ``notes``."""
    hours = offer.weekly_hours or 0
    if not (offer.schedule or hours or offer.starts_on or offer.ends_on):
        return None
    record = {
        "id": stable_id("schedule", offer.uuid),
        "service_id": str(offer.uuid),
        "valid_from": offer.starts_on.isoformat() if offer.starts_on else None,
        "valid_to": offer.ends_on.isoformat() if offer.ends_on else None,
        "description": offer.schedule or None,
        "notes": (_("About %(hours)s hours per week.") % {"hours": _format_hours(hours)}) if hours else None,
    }
    return _compact(record)


def _format_hours(hours) -> str:
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return text or "0"


class Extents:
    """The GeoJSON outlines of neighbourhoods as ``extent`` text, each parsed and written once however many
    services of a page name it (an outline is a few kilobytes; a page of 50 services names each area many
    times). Built from the neighbourhoods' geometries (by primary key), or from the neighbourhood instances
    themselves when none are given (their geometry loaded)."""

    def __init__(self, geometries: dict | None = None):
        self.geometries = geometries
        self._texts: dict = {}
        self._polygons: dict = {}

    def _geometry(self, neighbourhood):
        return neighbourhood.geometry if self.geometries is None else self.geometries.get(neighbourhood.pk)

    def text(self, neighbourhood) -> str | None:
        """The neighbourhood's outline as compact GeoJSON text, or None when it is not known."""
        if neighbourhood.pk not in self._texts:
            geometry = self._geometry(neighbourhood)
            self._texts[neighbourhood.pk] = json.dumps(geometry, separators=(",", ":")) if geometry else None
        return self._texts[neighbourhood.pk]

    def polygons(self, neighbourhood) -> list[str] | None:
        """The polygons of the outline, each as compact GeoJSON coordinates, or None (unknown or not polygons)."""
        if neighbourhood.pk not in self._polygons:
            geometry = self._geometry(neighbourhood) or {}
            if geometry.get("type") == "Polygon":
                parts = [geometry["coordinates"]]
            elif geometry.get("type") == "MultiPolygon":
                parts = geometry["coordinates"]
            else:
                parts = None
            self._polygons[neighbourhood.pk] = (
                None if parts is None else [json.dumps(part, separators=(",", ":")) for part in parts]
            )
        return self._polygons[neighbourhood.pk]

    def union(self, neighbourhoods) -> str | None:
        """One MultiPolygon of all the outlines, when every one of them is known."""
        parts = [self.polygons(n) for n in neighbourhoods]
        if not parts or any(part is None for part in parts):
            return None
        return '{"type":"MultiPolygon","coordinates":[' + ",".join(p for part in parts for p in part) + "]}"


def neighbourhood_area(offer, neighbourhood, extents: Extents | None = None) -> dict:
    record = {
        "id": stable_id("service_area", f"{offer.uuid}:neighbourhood:{neighbourhood.pk}"),
        "service_id": str(offer.uuid),
        "name": neighbourhood.name,
        "description": _("Neighbourhood %(number)s of Ghent.") % {"number": neighbourhood.number},
    }
    extent = (extents or Extents()).text(neighbourhood)
    if extent:
        record["extent"] = extent
        record["extent_type"] = "geojson"
    return record


def movement_circle_area(offer, circle, extents: Extents | None = None) -> dict:
    """A movement circle spans neighbourhoods: its extent is theirs together, when all of them are known."""
    neighbourhoods = sorted(_loaded(circle, "neighbourhoods"), key=lambda n: n.number)
    record = {
        "id": stable_id("service_area", f"{offer.uuid}:movement_circle:{circle.pk}"),
        "service_id": str(offer.uuid),
        "name": circle.name,
        "description": _("Movement circle spanning: %(names)s.") % {"names": ", ".join(n.name for n in neighbourhoods)},
    }
    extent = (extents or Extents()).union(neighbourhoods)
    if extent:
        record["extent"] = extent
        record["extent_type"] = "geojson"
    return record


def service_areas(offer, extents: Extents | None = None) -> list[dict]:
    extents = extents or Extents()
    areas = [
        neighbourhood_area(offer, n, extents) for n in sorted(_loaded(offer, "neighbourhoods"), key=lambda n: n.number)
    ]
    areas += [movement_circle_area(offer, c, extents) for c in sorted(_loaded(offer, "circles"), key=lambda c: c.name)]
    return areas


def split_address(text: str) -> dict:
    """A one-line Belgian address ("Street 1, 9000 Gent") as HSDS address fields; Ghent where no city is given."""
    street, _sep, tail = text.rpartition(",")
    match = _POSTAL_CODE_AND_CITY.match(tail) if street else None
    if match:
        return {"address_1": street.strip(), "postal_code": match["postal_code"], "city": match["city"]}
    match = re.match(r"^(?P<street>.*?)\s+(?P<postal_code>\d{4})\s+(?P<city>[^\d,]+)$", text.strip())
    if match:
        return {"address_1": match["street"].strip(), "postal_code": match["postal_code"], "city": match["city"]}
    return {"address_1": text.strip(), "postal_code": "", "city": "Gent"}


def location_id(offer) -> str:
    """One location per organisation and address, shared by the organisation's offers at that address."""
    return stable_id("location", f"{offer.organisation_id}:{' '.join(offer.address.casefold().split())}")


def location(offer, *, nested: bool = True) -> dict:
    loc_id = location_id(offer)
    record = {
        "id": loc_id,
        "location_type": "physical",
        "organization_id": organisation_id(offer.organisation),
        "name": offer.address.strip(),
    }
    if nested:
        record["addresses"] = [address(offer)]
    return record


def address(offer, *, flat: bool = False) -> dict:
    record = {
        "id": stable_id("address", location_id(offer)),
        **split_address(offer.address),
        "state_province": "Oost-Vlaanderen",
        "country": "BE",
        "address_type": "physical",
    }
    if flat:
        record["location_id"] = location_id(offer)
    return record


def service_at_location(offer, *, nested: bool = True) -> dict:
    loc_id = location_id(offer)
    record = {"id": stable_id("service_at_location", f"{offer.uuid}:{loc_id}")}
    if not nested:
        record["service_id"] = str(offer.uuid)
        record["location_id"] = loc_id
    if offer.accessibility:
        record["description"] = _("Accessibility: %(text)s") % {"text": offer.accessibility}
    if nested:
        record["location"] = location(offer)
    return record


def term_codes(offer) -> list[str]:
    """The taxonomy terms that describe an offer, in a fixed order."""
    codes = [f.code for f in sorted(_loaded(offer, "functions"), key=lambda f: f.position)]
    if offer.is_warm_place:
        codes.append(WARM_PLACE)
    if offer.is_mobile:
        codes.append(OUTREACH)
    return codes


def attribute(offer, term: Term, *, nested: bool = True) -> dict:
    record = {
        "id": stable_id("attribute", f"{offer.uuid}:{term.code}"),
        "link_id": str(offer.uuid),
        "taxonomy_term_id": term_id(term.code),
        "link_type": "service_type",
        "link_entity": "service",
    }
    if nested:
        record["taxonomy_term"] = term.nested
    return record


def service(offer, *, terms: dict[str, Term], today=None, extents: Extents | None = None) -> dict:
    """A fully nested HSDS ``service`` (organisation, locations, areas, schedule, attributes included)."""
    return _compact({**service_fields(offer, today=today), **_service_parts(offer, terms=terms, extents=extents)})


def service_fields(offer, *, today=None) -> dict:
    """The one-to-one fields of a service (the ``services`` table of the data package)."""
    today = today or timezone.localdate()
    organisation = offer.organisation
    return _compact(
        {
            "id": str(offer.uuid),
            "organization_id": organisation_id(organisation),
            "name": offer.title,
            "description": offer.description,
            "email": offer.contact_email or organisation.email or None,
            "url": offer.contact_website or None,
            "status": service_status(offer, today),
            "fees_description": fees_description(offer),
            "eligibility_description": eligibility_description(offer),
            "minimum_age": offer.age_min,
            "maximum_age": offer.age_max,
            "last_modified": offer.updated_at.isoformat() if offer.updated_at else None,
        }
    )


def _service_parts(offer, *, terms: dict[str, Term], extents: Extents | None) -> dict:
    return {
        "organization": organization(offer.organisation),
        "schedules": schedules(offer),
        "phones": service_phones(offer),
        "contacts": contacts(offer),
        "service_areas": service_areas(offer, extents),
        "service_at_locations": [service_at_location(offer)] if offer.address.strip() else [],
        "languages": languages(offer),
        "cost_options": cost_options(offer),
        "attributes": [attribute(offer, terms[code]) for code in term_codes(offer) if code in terms],
    }


# --- loading and the data package -------------------------------------------------------------------------------


def hsds_offers(*, outlines: bool = True):
    """Published offers of active, approved organisations, with everything the mapping reads (5 queries).

    ``outlines=False`` leaves the neighbourhoods' outlines out (each would be read and parsed once per offer
    that names it): read them once for a page with ``load_extents``."""
    from neighbourhoods.models import MovementCircle, Neighbourhood
    from offers.models import Offer

    neighbourhoods = Neighbourhood.objects.all() if outlines else Neighbourhood.objects.defer("geometry")
    return (
        Offer.objects.publicly_visible()
        .filter(organisation__is_approved=True)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("functions", to_attr="hsds_functions"),
            Prefetch("times", to_attr="hsds_times"),
            Prefetch("neighbourhoods", queryset=neighbourhoods, to_attr="hsds_neighbourhoods"),
            Prefetch(
                "movement_circles",
                queryset=MovementCircle.objects.prefetch_related(
                    Prefetch("neighbourhoods", queryset=neighbourhoods, to_attr="hsds_neighbourhoods")
                ),
                to_attr="hsds_circles",
            ),
        )
        .order_by("title", "id")
    )


def load_extents(offers) -> Extents:
    """The outlines of every neighbourhood the offers name, directly or through a movement circle (1 query)."""
    from neighbourhoods.models import Neighbourhood

    ids = {n.pk for offer in offers for n in _loaded(offer, "neighbourhoods")}
    ids |= {n.pk for offer in offers for circle in _loaded(offer, "circles") for n in _loaded(circle, "neighbourhoods")}
    return Extents(dict(Neighbourhood.objects.filter(pk__in=ids).values_list("pk", "geometry")) if ids else {})


def hsds_organisations():
    from organisations.models import Organisation

    return Organisation.objects.approved().order_by("name", "id")


def terms_by_code() -> dict[str, Term]:
    """All taxonomy terms, keyed by code (one query: the four functions)."""
    from organisations.models import Function

    return {term.code: term for term in taxonomy_terms(Function.objects.all())}


@dataclass
class Tables:
    """The HSDS tables of the data package, each a list of flat records keyed by HSDS table name."""

    rows: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, table: str, record: dict) -> None:
        self.rows.setdefault(table, []).append(record)


# File name of each table in the data package, in the order HSDS lists them.
PACKAGE_FILES = {
    "organization": "organizations.json",
    "phone": "phones.json",
    "contact": "contacts.json",
    "service": "services.json",
    "location": "locations.json",
    "address": "addresses.json",
    "service_at_location": "service_at_locations.json",
    "service_area": "service_areas.json",
    "schedule": "schedules.json",
    "language": "languages.json",
    "cost_option": "cost_options.json",
    "taxonomy": "taxonomies.json",
    "taxonomy_term": "taxonomy_terms.json",
    "attribute": "attributes.json",
}


def export_tables(*, offers, organisations, terms: dict[str, Term], today=None) -> Tables:
    """Every record of the export as flat HSDS tables (the tabular form: relations by identifier)."""
    tables = Tables({name: [] for name in PACKAGE_FILES})
    for organisation in organisations:
        record = organization(organisation)
        record.pop("phones", None)
        tables.add("organization", record)
        if organisation.phone:
            tables.add("phone", organization_phone(organisation, flat=True))
    seen_locations = set()
    extents = Extents()  # each outline written once for the whole export
    for offer in offers:
        tables.add("service", service_fields(offer, today=today))
        if offer.address.strip():
            loc_id = location_id(offer)
            if loc_id not in seen_locations:
                seen_locations.add(loc_id)
                tables.add("location", location(offer, nested=False))
                tables.add("address", address(offer, flat=True))
            tables.add("service_at_location", service_at_location(offer, nested=False))
        for area in service_areas(offer, extents):
            tables.add("service_area", area)
        for record in schedules(offer):
            tables.add("schedule", record)
        for language in languages(offer):
            tables.add("language", language)
        for option in cost_options(offer):
            tables.add("cost_option", option)
        for phone in service_phones(offer, flat=True):
            tables.add("phone", phone)
        for contact in contacts(offer):
            tables.add("contact", contact)
        for code in term_codes(offer):
            if code in terms:
                tables.add("attribute", attribute(offer, terms[code], nested=False))
    tables.add("taxonomy", taxonomy())
    for term in terms.values():
        tables.add("taxonomy_term", taxonomy_term(term))
    return tables


def datapackage(tables: Tables, *, license: dict | None = None) -> dict:
    """The Frictionless ``datapackage.json`` that describes the files, with the licence and the HSDS version."""
    license = license or getattr(settings, "HSDS_DATA_LICENSE", None) or DEFAULT_LICENSE
    return {
        "profile": "data-package",
        "name": "ghent-charter-portal-hsds",
        "title": _("Offer of the signatories of Ghent's charter on youth work (HSDS %(version)s)")
        % {"version": HSDS_VERSION},
        "description": _(
            "Published offers of active organisations in the charter portal, in Open Referral's Human Services "
            "Data Specification."
        ),
        "homepage": _site_url(),
        "hsds_version": HSDS_VERSION,
        "hsds_profile": HSDS_PROFILE,
        "created": timezone.now().isoformat(timespec="seconds"),
        "licenses": [license],
        "sources": [
            {
                "title": "Human Services Data Specification: an Open Referral resource",
                "path": "https://openreferral.org/",
            }
        ],
        "resources": [
            {
                "name": name,
                "path": filename,
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "count": len(tables.rows.get(name, [])),
                "schema": f"https://raw.githubusercontent.com/openreferral/specification/3.0/schema/{name}.json",
            }
            for name, filename in PACKAGE_FILES.items()
        ],
    }
