"""Who hears about support requests and bookings, through the portal's notifications (``notifications.notify``).
Informational events go to every member of the organisations concerned, steps that ask for action to those who
can act. Nothing is sent while the notifications app is not installed."""

from django.apps import apps
from django.utils import timezone

from accounts.models import User
from organisations.selectors import members


def _notify(kind: str, recipients, **kwargs) -> list[str]:
    recipients = list(recipients)
    if apps.is_installed("notifications"):
        from notifications.services import notify

        notify(kind, recipients, **kwargs)
    return [user.email for user in recipients if user.email]


def _members(*organisation_ids, admins_only=False):
    return members(organisation_id__in=[i for i in organisation_ids if i], admins_only=admins_only)


def _coordinators():
    return members(coordinators_only=True)


def _catalogue_admins(kind):
    from support.models import SupportOffer

    return _members(
        *SupportOffer.objects.listed().filter(kind=kind).values_list("organisation_id", flat=True), admins_only=True
    )


def _request_params(request) -> dict:
    return {"organisation": request.organisation.name, "kind": request.get_kind_display()}


def request_asked(request) -> None:
    recipients = {*_coordinators(), *_catalogue_admins(request.kind)}
    _notify(
        "support.asked",
        sorted(recipients, key=lambda u: u.pk),
        actor=request.asked_by,
        actor_organisation=request.organisation,
        target=request,
        params=_request_params(request),
    )


def request_step(request, step: str) -> None:
    _notify(
        f"support.{step}",
        [*_members(request.organisation_id, request.supporter_id)],
        target=request,
        params=_request_params(request),
    )


def reminder(request, *, stage: str) -> list[str]:
    recipients = {*_coordinators(), *_catalogue_admins(request.kind)}
    return _notify(
        "support.reminder",
        sorted(recipients, key=lambda u: u.pk),
        target=request,
        params={**_request_params(request), "due_on": request.answer_due_on.isoformat(), "stage": stage},
    )


def _booking_params(booking, count=1) -> dict:
    start = timezone.localtime(booking.starts_at)
    return {
        "space": booking.space.name,
        "organisation": booking.organisation.name,
        "when": start.strftime("%d/%m/%Y %H:%M"),
        "count": count,
    }


def booking_requested(booking, count: int, skipped) -> None:
    from support.models import SpaceConditions

    managers = User.objects.filter(
        pk__in=SpaceConditions.objects.filter(space=booking.space).values("booking_managers")
    )
    _notify(
        "support.booking_requested",
        {*_members(booking.space.organisation_id, admins_only=True), *managers},
        actor=booking.requested_by,
        actor_organisation=booking.organisation,
        target=booking.space,
        url=_calendar_url(booking),
        params=_booking_params(booking, count),
    )


def booking_answered(booking, step: str, by, count: int) -> None:
    _notify(
        f"support.booking_{step}",
        _members(booking.organisation_id, booking.space.organisation_id),
        actor=by,
        target=booking.space,
        url=_calendar_url(booking),
        params=_booking_params(booking, count),
    )


def _calendar_url(booking) -> str:
    from django.urls import reverse

    day = timezone.localtime(booking.starts_at).date()
    return reverse("support:calendar", args=[booking.space_id]) + f"?week={day.isoformat()}"
