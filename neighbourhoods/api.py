"""API: /api/v1/neighbourhoods/ and /api/v1/movement-circles/ (everyone reads; city admins write)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from charter_portal.api import ReadOnlyOrCityAdmin
from charter_portal.api_csv import CSVListMixin
from charter_portal.api_versioning import VersionedModelSerializer
from charter_portal.idempotency import IdempotentMixin
from charter_portal.text_limits import NOTE_TEXT
from neighbourhoods.models import MovementCircle, Neighbourhood
from organisations.services import unique_slug

AREA_FIELDS = [
    "id",
    "name",
    "slug",
    "is_priority",
    "computed_priority",
    "priority_override",
    "priority_motivation",
    "version",
]


class AreaSerializer(VersionedModelSerializer):
    is_priority = serializers.BooleanField(
        read_only=True, help_text=_("The effective priority: the override where set, the data otherwise.")
    )
    priority_override = serializers.BooleanField(
        required=False, allow_null=True, help_text=_("Null follows the data; true or false overrides it.")
    )
    priority_motivation = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_TEXT, help_text=_("Required with an override.")
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance
        override = attrs.get("priority_override", getattr(instance, "priority_override", None))
        motivation = attrs.get("priority_motivation", getattr(instance, "priority_motivation", ""))
        if override is not None and not (motivation or "").strip():
            raise serializers.ValidationError(
                {"priority_motivation": [_("A priority override needs a written motivation.")]}
            )
        if override is None and "priority_override" in attrs:
            attrs["priority_motivation"] = motivation or ""
        return attrs

    def _record_override(self, validated_data, instance=None):
        """An override set or cleared through the API records who and when, as on the page (R1)."""
        changed = any(
            name in validated_data and validated_data[name] != getattr(instance, name, None)
            for name in ("priority_override", "priority_motivation")
        )
        if changed:
            request = self.context.get("request")
            validated_data["priority_override_by"] = request.user if request else None
            validated_data["priority_override_at"] = timezone.now()

    def create(self, validated_data):
        validated_data["slug"] = unique_slug(validated_data["name"], model=self.Meta.model)
        if validated_data.get("priority_override") is not None:
            self._record_override(validated_data)
        return super().create(validated_data)

    def update(self, instance, validated_data):
        self._record_override(validated_data, instance)
        return super().update(instance, validated_data)


class NeighbourhoodSerializer(AreaSerializer):
    class Meta:
        model = Neighbourhood
        fields = ["id", "number", *AREA_FIELDS[1:]]
        read_only_fields = ["id", "slug", "computed_priority"]


class MovementCircleSerializer(AreaSerializer):
    neighbourhoods = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Neighbourhood.objects.all(), help_text=_("Ids of the neighbourhoods it spans.")
    )

    class Meta:
        model = MovementCircle
        fields = [*AREA_FIELDS[:3], "neighbourhoods", *AREA_FIELDS[3:]]
        read_only_fields = ["id", "slug", "computed_priority"]

    def validate_neighbourhoods(self, value):
        if not value:
            raise serializers.ValidationError(_("A movement circle spans at least one neighbourhood."))
        return value


class AreaFilter(django_filters.FilterSet):
    is_priority = django_filters.BooleanFilter(method="filter_priority", label=_("Effective priority"))

    def filter_priority(self, queryset, name, value):
        priority = Q(priority_override=True) | Q(priority_override__isnull=True, computed_priority=True)
        return queryset.filter(priority) if value else queryset.exclude(priority)


class NeighbourhoodFilter(AreaFilter):
    # Bounded like the column, so a number no database can hold is a 400 with a message, not a server error.
    number = django_filters.NumberFilter(min_value=0, max_value=32767, label=_("number"))

    class Meta:
        model = Neighbourhood
        fields = ["number", "is_priority"]


class MovementCircleFilter(AreaFilter):
    neighbourhood = django_filters.NumberFilter(
        field_name="neighbourhoods", min_value=1, max_value=2**63 - 1, label=_("Neighbourhood id")
    )

    class Meta:
        model = MovementCircle
        fields = ["is_priority", "neighbourhood"]


class WriteViewSet(
    IdempotentMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ReadOnlyOrCityAdmin]


_NEIGHBOURHOOD_EXAMPLE = {
    "id": 7,
    "number": 7,
    "name": "Rabot - Blaisantvest",
    "slug": "rabot-blaisantvest",
    "is_priority": True,
    "computed_priority": True,
    "priority_override": None,
    "priority_motivation": "",
    "version": 1,
}
_CIRCLE_EXAMPLE = {
    "id": 2,
    "name": "Beweegcirkel West (demo)",
    "slug": "beweegcirkel-west-demo",
    "neighbourhoods": [4, 7, 9],
    "is_priority": True,
    "computed_priority": False,
    "priority_override": True,
    "priority_motivation": "Young people of three priority neighbourhoods meet here.",
    "version": 3,
}


def _area_schema(label: str, example: dict, override_example: dict):
    return extend_schema_view(
        list=extend_schema(
            summary=f"{label}s",
            examples=[OpenApiExample(label, value=example, response_only=True)],
        ),
        retrieve=extend_schema(
            summary=f"One {label.lower()}", examples=[OpenApiExample(label, value=example, response_only=True)]
        ),
        create=extend_schema(summary=f"Add a {label.lower()} (city admins)"),
        update=extend_schema(summary=f"Change a {label.lower()} (city admins)", description="409 when stale."),
        partial_update=extend_schema(
            summary=f"Change some fields of a {label.lower()} (city admins)",
            description="Override the computed priority with a written motivation, or set the override to null to "
            "follow the data again.",
            examples=[OpenApiExample("Priority override", value=override_example, request_only=True)],
        ),
    )


@_area_schema(
    "Neighbourhood",
    _NEIGHBOURHOOD_EXAMPLE,
    {"priority_override": False, "priority_motivation": "Covered by the new youth centre.", "version": 1},
)
class NeighbourhoodViewSet(CSVListMixin, WriteViewSet):
    """Ghent's city neighbourhoods (wijken) with their effective priority."""

    queryset = Neighbourhood.objects.order_by("number")
    serializer_class = NeighbourhoodSerializer
    filterset_class = NeighbourhoodFilter


@_area_schema(
    "Movement circle",
    _CIRCLE_EXAMPLE,
    {"priority_override": True, "priority_motivation": _CIRCLE_EXAMPLE["priority_motivation"], "version": 2},
)
class MovementCircleViewSet(CSVListMixin, WriteViewSet):
    """Movement circles (beweegcirkels): the areas young people move around in, spanning neighbourhoods."""

    queryset = MovementCircle.objects.prefetch_related("neighbourhoods").order_by("name", "id")
    serializer_class = MovementCircleSerializer
    filterset_class = MovementCircleFilter


def register(router):
    router.register("neighbourhoods", NeighbourhoodViewSet, basename="neighbourhood")
    router.register("movement-circles", MovementCircleViewSet, basename="movement-circle")
