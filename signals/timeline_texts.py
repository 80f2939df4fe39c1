"""Timeline texts the portal writes itself, shown in the reader's language.

A step the portal records (an action planned or updated, a reassignment, a merge, ...) is stored as a ``message``
code with its ``params`` (names, ISO dates, numbers and choice codes), never as a sentence in the language of the
person who took the step. What a person wrote (a reason, a note, an answer) stays in ``text`` as written.
``render(message, params, text, labels)`` builds the sentence in the active language (``labels`` names the
choices: an action's status, an outcome, a confirmation, as the models define them); an entry without a ``message``
(a comment, a note, or an entry from before this module) shows its ``text``. A message this module does not know
(one from a newer release, read by an older one) shows its ``text`` too, never an error.
"""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _

ACTION_PLANNED = "action_planned"
ACTION_UPDATED = "action_updated"
REASSIGNED = "reassigned"
ANSWERED = "answered"
CONFIRMATION_ASKED = "confirmation_asked"
CONFIRMED = "confirmed"
CLOSED_UNCONFIRMED = "closed_unconfirmed"
MERGED_HERE = "merged_here"
MERGED_INTO = "merged_into"
PRIORITY = "priority"


def action_params(action) -> dict:
    """What an action's timeline entry keeps of the action as it was at that moment."""
    return {
        "what": action.description,
        "body": action.responsible_body.name,
        "due": action.due_on.isoformat(),
        "status": action.status,
        "progress": action.progress,
    }


def _date(value: str) -> str:
    try:
        return formats.date_format(datetime.date.fromisoformat(value), "j F Y")
    except (TypeError, ValueError):
        return str(value)


def _label(choices: dict, code) -> str:
    return str(choices.get(code, code))


def _action(lead: str, params: dict, labels: dict) -> str:
    return _("%(lead)s: %(what)s (%(body)s, due %(due)s, %(status)s, %(progress)s%%)") % {
        "lead": lead,
        "what": params.get("what", ""),
        "body": params.get("body", ""),
        "due": _date(params.get("due")),
        "status": _label(labels.get("action_status", {}), params.get("status")),
        "progress": params.get("progress", 0),
    }


def _with(sentence: str, text: str, separator: str = " ") -> str:
    return f"{sentence}{separator}{text}" if text else sentence


def render(message: str, params: dict, text: str, labels: dict | None = None) -> str:
    params, labels = params or {}, labels or {}
    if message == ACTION_PLANNED:
        return _with(_action(_("Action planned"), params, labels), text, "\n")
    if message == ACTION_UPDATED:
        return _with(_action(_("Action updated"), params, labels), text, "\n")
    if message == REASSIGNED:
        return _("From %(old)s to %(new)s: %(reason)s") % {
            "old": params.get("old") or "—",
            "new": params.get("new", ""),
            "reason": text,
        }
    if message == ANSWERED:
        return _with(_label(labels.get("outcome", {}), params.get("outcome")) + ":", text)
    if message == CONFIRMED:
        return text or _label(labels.get("confirmation", {}), params.get("confirmation"))
    if message == CONFIRMATION_ASKED:
        return _("%(organisation)s is asked whether the problem is resolved (until %(date)s).") % {
            "organisation": params.get("organisation", ""),
            "date": _date(params.get("date")),
        }
    if message == CLOSED_UNCONFIRMED:
        return _("Closed as not confirmed: no answer from the reporting organisation in %(days)s days.") % {
            "days": params.get("days", "")
        }
    if message == MERGED_HERE:
        sentence = _("“%(duplicate)s” (%(organisation)s) was merged into this signal.") % {
            "duplicate": params.get("duplicate", ""),
            "organisation": params.get("organisation", ""),
        }
        return _with(sentence, text)
    if message == MERGED_INTO:
        return _("Merged into “%(signal)s”.") % {"signal": params.get("signal", "")}
    if message == PRIORITY:
        return _("Rank %(rank)s in “%(round)s”.") % {"rank": params.get("rank", ""), "round": params.get("round", "")}
    return text
