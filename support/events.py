"""The notification kinds and the to-do items of the support app."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_kind
from notifications.todo import TodoItem, register_todo

KINDS = {
    "support.asked": ("action_needed", _("{organisation} asks for support: {kind}")),
    "support.reminder": ("action_needed", _("A request for support by {organisation} awaits a first answer")),
    "support.take_up": ("organisation", _("The request for support by {organisation} was taken up")),
    "support.start": ("organisation", _("The support for {organisation} has started")),
    "support.done": ("organisation", _("The support for {organisation} is done: did it help?")),
    "support.not_possible": ("organisation", _("The support asked by {organisation} is not possible")),
    "support.confirm": ("organisation", _("{organisation} said whether the support helped")),
    "support.booking_requested": ("action_needed", _("{organisation} asks to book {space} on {when}")),
    "support.booking_accept": ("organisation", _("The booking of {space} on {when} is accepted")),
    "support.booking_decline": ("organisation", _("The booking of {space} on {when} is declined")),
    "support.booking_cancel": ("organisation", _("The booking of {space} on {when} is cancelled")),
}


def register() -> None:
    for code, (category, title) in KINDS.items():
        register_kind(code, category=category, title=title)
    register_todo(support_todos, domains=("support",))
    _register_text_owners()


def _register_text_owners() -> None:
    """Who shortens a request's text saved before its field had a limit: the asking organisation's members."""
    from notifications.long_texts import register_text_owners
    from support.models import SupportRequest
    from support.notifications import _members

    register_text_owners(
        SupportRequest,
        people=lambda request: list(_members(request.organisation_id)),
        edit_url=lambda request: reverse("support:request_edit", args=[request.pk]),
    )


def support_todos(actor) -> list:
    """Requests this person may take up (coordinators: all unanswered) and bookings to answer (2 queries)."""
    from support.models import Booking, SupportRequest
    from support.rules import requests_visible_q

    if not actor.is_authenticated:
        return []
    asked = SupportRequest.objects.filter(status=SupportRequest.Status.ASKED).exclude(
        organisation_id__in=actor.member_organisation_ids
    )
    condition = requests_visible_q(actor)
    if condition is not None:
        asked = asked.filter(condition)
    items = [
        TodoItem(
            kind="support.take_up",
            title=_("Answer the request for support by %(organisation)s") % {"organisation": name},
            url=reverse("support:request", args=[pk]),
            due_on=due,
            object_type="supportrequest",
            object_id=pk,
        )
        for pk, name, due in asked.values_list("id", "organisation__name", "answer_due_on")[:50]
    ]
    to_answer = Booking.objects.filter(
        status=Booking.Status.REQUESTED, space__organisation_id__in=actor.admin_organisation_ids
    ).values_list("id", "space_id", "space__name", "starts_at")[:50]
    items += [
        TodoItem(
            kind="support.booking_answer",
            title=_("Answer a booking request for %(space)s") % {"space": name},
            url=reverse("support:calendar", args=[space_id]) + f"?week={timezone.localtime(starts_at).date()}",
            object_type="booking",
            object_id=pk,
        )
        for pk, space_id, name, starts_at in to_answer
    ]
    return items
