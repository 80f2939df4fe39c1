"""The few pieces of iCalendar (RFC 5545) that every calendar file of the portal needs, written by hand (no
dependency): escaping a TEXT value, folding long lines, a moment in UTC, and the file itself with CRLF line ends.
The apps build their own VEVENTs (``offers.ics``, ``support.ics``)."""

import datetime

MAX_OCTETS = 75  # a content line's length, line end excluded (RFC 5545, 3.1)


def escape_text(value) -> str:
    """A TEXT value: backslashes, semicolons and commas escaped, every kind of line end written as ``\\n``."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def param_value(value) -> str:
    """A parameter value (``CN=...``): quoted, since a name may hold ``,``, ``;`` or ``:``; a quoted value cannot
    hold a double quote or a control character, so those are left out."""
    return '"' + "".join(char for char in str(value) if char != '"' and (char >= " " or char == "\t")) + '"'


def fold_line(line: str) -> list[str]:
    """``line`` cut into lines of at most 75 octets, never inside a character; a continuation starts with a
    space (which counts in its 75)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > MAX_OCTETS:
            out.append(current)
            current = " " + char
        else:
            current += char
    return [*out, current]


def utc_stamp(moment: datetime.datetime) -> str:
    """An aware moment as a DATE-TIME in UTC (``20260302T180000Z``)."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def document(lines) -> str:
    """The content lines as a file: each folded, each ended by CRLF."""
    return "".join(folded + "\r\n" for line in lines for folded in fold_line(line))
