"""A notification's text, made in the reader's language from its kind and parameters each time it is read."""

import string

from django.utils.translation import gettext as _

from notifications.kinds import get_kind


class _Params(dict):
    """Parameters for a title; a name the title asks for and the notification lacks reads as an ellipsis."""

    def __missing__(self, key):
        return "…"


def actor_display(actor_name: str, organisation_name: str) -> str:
    """Who did it, by name and organisation; never an e-mail address ("a member of X" for a person without a name)."""
    if actor_name and organisation_name:
        return _("%(name)s (%(organisation)s)") % {"name": actor_name, "organisation": organisation_name}
    if organisation_name:
        return _("a member of %(organisation)s") % {"organisation": organisation_name}
    if actor_name:
        return actor_name
    return _("the portal")


def render_title(notification) -> str:
    kind = get_kind(notification.kind)
    params = _Params(notification.params or {})
    params["actor"] = actor_display(notification.actor_name, notification.actor_organisation_name)
    if kind is None:
        return _("Something changed that concerns you")
    return string.Formatter().vformat(str(kind.title), (), params)
