"""The shared iCalendar pieces (charter_portal/icalendar.py) that the offers' and the spaces' calendar files use."""

import datetime
from zoneinfo import ZoneInfo

from charter_portal.icalendar import document, escape_text, fold_line, param_value, utc_stamp


def test_it_escapes_what_a_text_value_cannot_hold():
    assert escape_text("Zaal 1, boven; sleutel\\kast") == "Zaal 1\\, boven\\; sleutel\\\\kast"
    assert escape_text("een\r\ntwee\rdrie\nvier") == "een\\ntwee\\ndrie\\nvier"


def test_it_quotes_a_parameter_value_and_leaves_out_what_a_quote_cannot_hold():
    assert param_value('De "Brug", Gent; vzw:') == '"De Brug, Gent; vzw:"'
    assert param_value("een\ntwee") == '"eentwee"'


def test_it_folds_lines_at_75_octets_never_inside_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = fold_line(line)
    assert all(len(part.encode()) <= 75 for part in folded)
    assert all(part.startswith(" ") for part in folded[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(folded)) == line
    assert fold_line("SUMMARY:short") == ["SUMMARY:short"]


def test_it_writes_moments_in_utc_and_ends_every_line_with_crlf():
    moment = datetime.datetime(2026, 7, 1, 20, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    assert utc_stamp(moment) == "20260701T180000Z"
    text = document(["BEGIN:VCALENDAR", "X-LONG:" + "x" * 80, "END:VCALENDAR"])
    assert text.endswith("END:VCALENDAR\r\n")
    assert text.count("\r\n") == 4 and "\n" not in text.replace("\r\n", "")
