"""API: /api/v1/organisations/ (everyone reads approved ones; city admins see all and write) and /api/v1/functions/."""

import django_filters
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets

from charter_portal.api import KeptListMixin, ReadOnlyOrCityAdmin
from charter_portal.api_csv import CSVListMixin
from charter_portal.api_lean import LeanListMixin
from charter_portal.api_versioning import VersionedModelSerializer
from charter_portal.idempotency import IdempotentMixin
from charter_portal.permissions import actor_for
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import TEXT
from organisations.models import Function, Organisation, Sector
from organisations.services import unique_slug


class OrganisationSerializer(VersionedModelSerializer):
    sectors = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Sector.objects.all(), required=False, help_text=_("Sector codes.")
    )
    is_signatory = serializers.BooleanField(read_only=True, help_text=_("Whether the organisation signed the charter."))
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=TEXT,
        validators=[validate_no_personal_data],
        label=_("description"),
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "sectors",
            "description",
            "email",
            "phone",
            "website",
            "is_active",
            "is_approved",
            "is_signatory",
            "version",
        ]
        read_only_fields = ["id", "slug"]

    def create(self, validated_data):
        # An organisation that a city admin creates is approved at once.
        user = self.context["request"].user
        validated_data.update(
            slug=unique_slug(validated_data["name"]),
            is_approved=True,
            approved_at=timezone.now(),
            approved_by=user,
        )
        return super().create(validated_data)

    def update(self, instance, validated_data):
        if validated_data.get("is_approved") and not instance.is_approved:
            instance.approved_at = timezone.now()
            instance.approved_by = self.context["request"].user
            instance.rejected_at = None
        return super().update(instance, validated_data)


class OrganisationFilter(django_filters.FilterSet):
    # One sector code matches at most one row per organisation: no DISTINCT, which would cost the lean list dearly.
    sector = django_filters.CharFilter(field_name="sectors__code", distinct=False, label=_("Sector code"))

    class Meta:
        model = Organisation
        fields = ["kind", "sector", "is_approved"]


_ORGANISATION_EXAMPLE = {
    "id": 3,
    "name": "Jeugdwerkhuis De Brug (demo)",
    "slug": "de-brug-demo",
    "kind": "civil_society",
    "sectors": ["youth_work"],
    "description": "Jeugdwerk in Rabot en de Brugse Poort.",
    "email": "info@debrug.example",
    "phone": "09 123 45 67",
    "website": "https://debrug.example",
    "is_active": True,
    "is_approved": True,
    "is_signatory": True,
    "version": 4,
}


@extend_schema_view(
    list=extend_schema(
        summary="Organisations",
        description="Approved, active organisations for everyone; city admins see all (also those waiting for "
        "approval). Filter on kind, sector code and approval.",
        examples=[OpenApiExample("An organisation", value=_ORGANISATION_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One organisation",
        examples=[OpenApiExample("An organisation", value=_ORGANISATION_EXAMPLE, response_only=True)],
    ),
    create=extend_schema(
        summary="Add an organisation (city admins)",
        description="An organisation a city admin adds is approved at once.",
        examples=[
            OpenApiExample(
                "A new organisation",
                value={
                    "name": "Jeugdwerkhuis De Brug (demo)",
                    "kind": "civil_society",
                    "sectors": ["youth_work"],
                    "email": "info@debrug.example",
                },
                request_only=True,
            )
        ],
    ),
    update=extend_schema(summary="Change an organisation (city admins)", description="409 when the version is stale."),
    partial_update=extend_schema(
        summary="Change some fields of an organisation (city admins)",
        examples=[OpenApiExample("Approve", value={"is_approved": True, "version": 1}, request_only=True)],
    ),
)
class OrganisationViewSet(
    IdempotentMixin,
    KeptListMixin,
    LeanListMixin,
    CSVListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Organisations in the portal. Everyone reads approved, active ones; city admins read all and write."""

    serializer_class = OrganisationSerializer
    permission_classes = [ReadOnlyOrCityAdmin]
    kept_domains = ("organisations", "charter")
    lean_extra = {"is_signatory": F("is_signatory")}  # annotated by with_signatory_flag()
    filterset_class = OrganisationFilter

    def get_queryset(self):
        queryset = Organisation.objects.with_signatory_flag().prefetch_related("sectors").order_by("name", "id")
        if not actor_for(self.request.user).is_city_admin:
            queryset = queryset.approved()
        return queryset

    def _reload(self, serializer):
        # The response needs the annotations (is_signatory) of the queryset.
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_create(self, serializer):
        serializer.save()
        self._reload(serializer)

    def perform_update(self, serializer):
        serializer.save()
        self._reload(serializer)


class FunctionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text=_("In the language of the request."))
    description = serializers.CharField(read_only=True, help_text=_("In the language of the request."))

    class Meta:
        model = Function
        fields = ["code", "name", "description"]


class FunctionViewSet(viewsets.ReadOnlyModelViewSet):
    """The four functions of youth welfare work (leisure, welfare, bridge, signal)."""

    queryset = Function.objects.order_by("position")
    serializer_class = FunctionSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "code",
                {"type": "string", "pattern": "^[a-z_]+$"},
                OpenApiParameter.PATH,
                description="The function's code.",
            )
        ]
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


def register(router):
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("functions", FunctionViewSet, basename="function")
