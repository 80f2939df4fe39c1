"""Optimistic locking for the API: no write on a versioned object without the version the caller read.

A PUT or PATCH of a versioned object must send ``version`` (the number the caller read): without it the API
answers 428 Precondition Required (code ``version_required``) and changes nothing, so a client that never read
the object cannot overwrite someone else's change unseen; a stale one answers 409 Conflict. POST actions accept
``version`` too and refuse a stale one with 409; without it, the action's own state check protects it.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.utils import model_meta

from charter_portal import caching
from charter_portal.concurrency import save_versioned

VERSION_HELP = _(
    "The version you read. Required to change the object (428 without it); 409 when someone changed it since."
)
ACTION_VERSION_HELP = _("The version you read; 409 when someone changed it since. Optional.")


class VersionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        "Send the version you read (the field version) with this change, so that nobody's change is overwritten "
        "unseen. Read the object first if you do not have it."
    )
    default_code = "version_required"


def required_version(data) -> int | None:
    """The ``version`` a write sends, or 428 when it sends none (``None`` counts as none); a value that is not a
    whole number is left to the serializer, which refuses it with 400."""
    value = data.get("version") if hasattr(data, "get") else None
    if value is None or value == "":
        raise VersionRequired()
    return value


class VersionRequiredOnUpdate:
    """For a serializer of a versioned model: an update (an instance to change) without ``version`` is a 428,
    before any other field is validated."""

    def run_validation(self, data=serializers.empty):
        if self.instance is not None and data is not serializers.empty:
            required_version(data)
        return super().run_validation(data)


class VersionedModelSerializer(VersionRequiredOnUpdate, serializers.ModelSerializer):
    """A ModelSerializer for ``VersionedModel``s whose updates go through ``save_versioned``."""

    version = serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)

    def create(self, validated_data):
        validated_data.pop("version", None)
        instance = super().create(validated_data)
        caching.bump_model(type(instance))
        return instance

    def update(self, instance, validated_data):
        expected = validated_data.pop("version", None)
        relations = model_meta.get_field_info(instance).relations
        many = {
            name: validated_data.pop(name)
            for name in list(validated_data)
            if name in relations and relations[name].to_many
        }
        for name, value in validated_data.items():
            setattr(instance, name, value)
        with transaction.atomic():
            save_versioned(instance, expected)
            for name, value in many.items():
                getattr(instance, name).set(value)
            caching.bump_model(type(instance))
        return instance


class ActionVersionSerializer(serializers.Serializer):
    """The body of a POST action that takes nothing but the optional ``version``."""

    version = serializers.IntegerField(required=False, min_value=1, help_text=ACTION_VERSION_HELP)
