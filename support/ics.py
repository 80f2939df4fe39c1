"""A space's bookings as an iCalendar file (RFC 5545): a handful of fields on ``charter_portal.icalendar``."""

from django.conf import settings
from django.utils import timezone

from charter_portal.icalendar import document, escape_text, utc_stamp


def calendar(space, bookings) -> str:
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "charter"
    stamp = utc_stamp(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Charterportaal Gent//Shared spaces//NL",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(space.name)}",
    ]
    for booking in bookings:
        lines += [
            "BEGIN:VEVENT",
            f"UID:booking-{booking.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc_stamp(booking.starts_at)}",
            f"DTEND:{utc_stamp(booking.ends_at)}",
            f"SUMMARY:{escape_text(f'{space.name}: {booking.organisation.name}')}",
            f"DESCRIPTION:{escape_text(booking.purpose)}",
            f"LOCATION:{escape_text(space.address)}",
            "STATUS:" + ("CONFIRMED" if booking.status == "accepted" else "TENTATIVE"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return document(lines)
