"""Optimistic locking for the API: a PUT or PATCH that sends a stale ``version`` gets 409 Conflict."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.utils import model_meta

from charter_portal import caching
from charter_portal.concurrency import save_versioned


class VersionedModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer for ``VersionedModel``s whose updates go through ``save_versioned``."""

    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("The version you started from; a stale version gets 409 Conflict. Raised by one at every save."),
    )

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
