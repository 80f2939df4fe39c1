"""An offer's times as an iCalendar file (RFC 5545), for one offer or all of an organisation's offers.

Each weekly time is an event on its first day from the offer's start (or the day it was published) that
repeats every week until the offer's end date; the dates it does not run are exceptions (EXDATE); the dates of
a one-off or holiday offer are day events. Times are local times in Europe/Brussels, whose definition (the
EU summer time rule since 1996) is in the file, so every calendar shows them at the right hour.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from charter_portal.icalendar import document, escape_text, param_value, utc_stamp

TZID = "Europe/Brussels"
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19810329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def _local(day: datetime.date, time: datetime.time) -> str:
    return f"{day:%Y%m%d}T{time:%H%M%S}"


def _first_on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.isoweekday()) % 7)


def _dates(values) -> list[datetime.date]:
    result = []
    for value in values or []:
        try:
            result.append(datetime.date.fromisoformat(str(value)))
        except ValueError:
            continue
    return sorted(set(result))


def offer_events(offer, *, stamp: str) -> list[str]:
    """The VEVENT lines of one offer (its weekly times and its dates)."""
    url = settings.SITE_URL.rstrip("/") + offer.get_absolute_url()
    common = [
        f"SUMMARY:{escape_text(offer.title)}",
        f"URL:{url}",
        f"DESCRIPTION:{escape_text(offer.organisation.name)}\\n{url}",
    ]
    email = offer.contact_email or offer.organisation.email
    if email:
        common.append(f"ORGANIZER;CN={param_value(offer.organisation.name)}:mailto:{email}")
    if offer.address:
        common.append(f"LOCATION:{escape_text(offer.address)}")
    start = offer.starts_on or (offer.published_at or offer.created_at or timezone.now()).date()
    closed = _dates(offer.closed_dates)
    lines = []
    for time in offer.times.all():
        first = _first_on_or_after(start, time.weekday)
        if offer.ends_on and first > offer.ends_on:
            continue
        lines += ["BEGIN:VEVENT", f"UID:offer-{offer.uuid}-{time.weekday}-{time.starts_at:%H%M}@charter-portal"]
        lines += [f"DTSTAMP:{stamp}", f"DTSTART;TZID={TZID}:{_local(first, time.starts_at)}"]
        lines.append(f"DTEND;TZID={TZID}:{_local(first, time.ends_at)}")
        rule = "RRULE:FREQ=WEEKLY"
        if offer.ends_on:
            # UNTIL in UTC, at the end of the last day: the last session is included whatever its hour.
            last = timezone.make_aware(datetime.datetime.combine(offer.ends_on, datetime.time(23, 59, 59)))
            rule += f";UNTIL={utc_stamp(last)}"
        lines.append(rule)
        skipped = [d for d in closed if d.isoweekday() == time.weekday and d >= first]
        if skipped:
            lines.append(f"EXDATE;TZID={TZID}:" + ",".join(_local(d, time.starts_at) for d in skipped))
        lines += [*common, "END:VEVENT"]
    for day in _dates(offer.dates):
        lines += ["BEGIN:VEVENT", f"UID:offer-{offer.uuid}-{day:%Y%m%d}@charter-portal", f"DTSTAMP:{stamp}"]
        lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}"]
        lines += [*common, "END:VEVENT"]
    return lines


def calendar(offers, *, name: str) -> str:
    """One iCalendar file with the events of ``offers`` (with their organisation and times prefetched)."""
    stamp = utc_stamp(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Charterportaal Gent//Aanbod//NL", "CALSCALE:GREGORIAN"]
    lines += [f"X-WR-CALNAME:{escape_text(name)}", f"X-WR-TIMEZONE:{TZID}", *VTIMEZONE]
    for offer in offers:
        lines += offer_events(offer, stamp=stamp)
    lines.append("END:VCALENDAR")
    return document(lines)
