"""Optimistic locking: no lost updates when two people edit the same object.

An editable model inherits ``VersionedModel``. A form or serializer carries the ``version`` the
person started from; ``save_versioned`` writes only when the stored version is still that one and
raises ``StaleObjectError`` otherwise (pages show a message with the other person's changes, the
API answers 409 Conflict).
"""

from contextlib import contextmanager

from django.contrib import messages
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException

from charter_portal.errors import StepNotAllowed


class StaleObjectError(Exception):
    def __init__(self, current):
        super().__init__("stale object")
        self.current = current


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by one at every save; guards against lost updates."),
    )

    class Meta:
        abstract = True


class ConflictError(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Someone else changed this in the meantime. Reload it and apply your change again.")
    default_code = "conflict"


STALE_MESSAGE = _(
    "Someone else saved a change to this in the meantime. Your changes were not saved. "
    "Below you see the current version; apply your changes again."
)


def check_version(current: VersionedModel, expected_version: int | None) -> None:
    """Refuse a step on ``current`` (read under a row lock) when the caller read another version than it has;
    ``None``: the caller sent none, the step's own state check protects it."""
    if expected_version is not None and current.version != int(expected_version):
        raise StaleObjectError(current)


def save_versioned(instance: VersionedModel, expected_version: int | None, *, update_fields=None) -> None:
    """Save ``instance`` only if nobody saved it since ``expected_version``; bump the version.

    ``expected_version`` None means the caller did not send one (a new object or a trusted
    internal write): the save goes through.
    """
    model = type(instance)
    with transaction.atomic():
        if instance.pk is not None and expected_version is not None:
            current = model._default_manager.select_for_update().get(pk=instance.pk)
            check_version(current, expected_version)
            instance.version = current.version + 1
        elif instance.pk is not None:
            instance.version = (
                model._default_manager.filter(pk=instance.pk).values_list("version", flat=True).first() or 0
            ) + 1
        if update_fields is not None:
            update_fields = list(update_fields) + ["version"]
        instance.save(update_fields=update_fields)


class _Outcome:
    refused = False

    @property
    def ok(self) -> bool:
        return not self.refused


@contextmanager
def refusals_as_messages(request):
    """For a page's step: a stale version or a step that is not allowed now (``charter_portal.errors``) becomes an
    error message for the person, and nothing was written. ``outcome.ok`` says whether the step went through::

        with refusals_as_messages(request) as outcome:
            services.covenant_close(covenant=covenant, by=request.user, expected_version=version)
        if outcome.ok:
            messages.success(request, _("The covenant is closed."))

    The API needs none of this: ``charter_portal.api_errors`` answers both with 409.
    """
    outcome = _Outcome()
    try:
        yield outcome
    except StaleObjectError:
        outcome.refused = True
        messages.error(request, STALE_MESSAGE)
    except StepNotAllowed as exc:
        outcome.refused = True
        messages.error(request, exc.message)
