"""A space's bookings as an iCalendar file (RFC 5545), written by hand: a handful of fields, no dependency."""

from django.conf import settings
from django.utils import timezone


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return out


def _utc(moment) -> str:
    return moment.astimezone(timezone.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(space, bookings) -> str:
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "charter"
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Charterportaal Gent//Shared spaces//NL",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(space.name)}",
    ]
    for booking in bookings:
        lines += [
            "BEGIN:VEVENT",
            f"UID:booking-{booking.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(booking.starts_at)}",
            f"DTEND:{_utc(booking.ends_at)}",
            f"SUMMARY:{_escape(f'{space.name}: {booking.organisation.name}')}",
            f"DESCRIPTION:{_escape(booking.purpose)}",
            f"LOCATION:{_escape(space.address)}",
            "STATUS:" + ("CONFIRMED" if booking.status == "accepted" else "TENTATIVE"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in _fold(line)) + "\r\n"
