"""Open data: the published offer as HSDS 3.0 at /api/v1/hsds/ (public, read-only).

The endpoints follow HSDS's own API: ``/services/`` and ``/organizations/`` are paginated in HSDS's
page shape (``total_items``, ``total_pages``, ``page_number``, ``size``, ``first_page``,
``last_page``, ``empty``, ``contents``) with ``page`` and ``per_page``; ``/services/<id>/`` is one
fully nested service. The serializers below describe the shape for the OpenAPI schema; the records
themselves come from the pure mapping in ``offers.hsds``.
"""

import math
import uuid

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from charter_portal.api import KeptListMixin, KeptTotalPagination, check_page_size, query_uuid
from charter_portal.api_csv import CSVListMixin
from offers import hsds

TAG = "open data (HSDS)"
LOCATION_TYPES = ["physical", "postal", "virtual"]


# --- the shape, for the schema ----------------------------------------------------------------------------------


class HSDSTaxonomySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    uri = serializers.URLField(required=False)
    version = serializers.CharField(required=False)


class HSDSTaxonomyTermSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    parent_id = serializers.UUIDField(required=False)
    taxonomy = serializers.CharField()
    language = serializers.CharField()
    taxonomy_id = serializers.UUIDField()
    taxonomy_detail = HSDSTaxonomySerializer(required=False)


class HSDSAttributeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    link_id = serializers.UUIDField()
    taxonomy_term_id = serializers.UUIDField()
    link_type = serializers.CharField()
    link_entity = serializers.CharField()
    taxonomy_term = HSDSTaxonomyTermSerializer()


class HSDSPhoneSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    number = serializers.CharField()


class HSDSOrganizationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    email = serializers.EmailField(required=False)
    website = serializers.URLField(required=False)
    phones = HSDSPhoneSerializer(many=True, required=False)

    def to_representation(self, instance):
        return hsds.organization(instance)


class HSDSAddressSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    address_1 = serializers.CharField()
    city = serializers.CharField()
    state_province = serializers.CharField()
    postal_code = serializers.CharField(allow_blank=True)
    country = serializers.CharField()
    address_type = serializers.CharField(help_text="physical, postal or virtual")


class HSDSLocationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    location_type = serializers.ChoiceField(choices=LOCATION_TYPES)
    organization_id = serializers.UUIDField()
    name = serializers.CharField()
    addresses = HSDSAddressSerializer(many=True)


class HSDSServiceAtLocationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    description = serializers.CharField(required=False)
    location = HSDSLocationSerializer()


class HSDSServiceAreaSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    extent = serializers.CharField(required=False, help_text=_("GeoJSON geometry (WGS84), as a string."))
    extent_type = serializers.ChoiceField(choices=["geojson"], required=False)


class HSDSScheduleSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    valid_from = serializers.DateField(required=False)
    valid_to = serializers.DateField(required=False)
    description = serializers.CharField(required=False)
    notes = serializers.CharField(required=False)


class HSDSLanguageSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    name = serializers.CharField()


class HSDSCostOptionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    valid_from = serializers.DateField(required=False)
    valid_to = serializers.DateField(required=False)
    option = serializers.CharField()
    currency = serializers.CharField()
    amount = serializers.FloatField(required=False)
    amount_description = serializers.CharField(required=False)


class HSDSServiceSerializer(serializers.Serializer):
    """A fully nested HSDS 3.0 service."""

    id = serializers.UUIDField()
    organization_id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    email = serializers.EmailField(required=False)
    status = serializers.ChoiceField(choices=["active", "inactive", "defunct", "temporarily closed"])
    fees_description = serializers.CharField()
    eligibility_description = serializers.CharField()
    minimum_age = serializers.IntegerField()
    maximum_age = serializers.IntegerField()
    last_modified = serializers.DateTimeField()
    organization = HSDSOrganizationSerializer()
    schedules = HSDSScheduleSerializer(many=True, required=False)
    service_areas = HSDSServiceAreaSerializer(many=True, required=False)
    service_at_locations = HSDSServiceAtLocationSerializer(many=True, required=False)
    languages = HSDSLanguageSerializer(many=True, required=False)
    cost_options = HSDSCostOptionSerializer(many=True)
    attributes = HSDSAttributeSerializer(many=True, required=False)

    def to_representation(self, instance):
        return hsds.service(instance, terms=self.context["terms"], extents=self.context.get("extents"))


class HSDSMetaSerializer(serializers.Serializer):
    version = serializers.CharField()
    profile = serializers.URLField()
    openapi_url = serializers.URLField()


# --- pagination in HSDS's page shape ----------------------------------------------------------------------------


class HSDSPagination(KeptTotalPagination, PageNumberPagination):
    page_size = 50
    page_query_param = "page"
    page_size_query_param = "per_page"
    max_page_size = 500

    def get_page_size(self, request):
        check_page_size(request, self.page_size_query_param, self.max_page_size)
        return super().get_page_size(request)

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        total = paginator.count
        return Response(
            {
                "total_items": total,
                "total_pages": max(1, math.ceil(total / paginator.per_page)) if total else 0,
                "page_number": self.page.number,
                "size": len(data),
                "first_page": not self.page.has_previous(),
                "last_page": not self.page.has_next(),
                "empty": total == 0,
                "contents": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": [
                "total_items",
                "total_pages",
                "page_number",
                "size",
                "first_page",
                "last_page",
                "empty",
                "contents",
            ],
            "properties": {
                "total_items": {
                    "type": "integer",
                    "description": "The total number of entities returned.",
                    "example": 1,
                },
                "total_pages": {"type": "integer", "description": "Count of total pages.", "example": 1},
                "page_number": {"type": "integer", "description": "The number of the current page.", "example": 1},
                "size": {"type": "integer", "description": "The number of entities in the current page.", "example": 1},
                "first_page": {"type": "boolean", "example": True},
                "last_page": {"type": "boolean", "example": True},
                "empty": {"type": "boolean", "description": "Whether the result set is empty.", "example": False},
                "contents": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": str(_("Page number of the paginated result.")),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "per_page",
                "required": False,
                "in": "query",
                "description": str(_("Number of results in one page (at most %(max)s).") % {"max": self.max_page_size}),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


# --- views ------------------------------------------------------------------------------------------------------


class PublicHSDSMixin:
    permission_classes = [AllowAny]
    pagination_class = HSDSPagination
    filter_backends = []


_SERVICE_EXAMPLE = {
    "id": "0c8f5d5e-7b4a-4a39-9a0e-8f6f3b1f2a11",
    "organization_id": "5b0b0b8e-2b0c-5f3a-9a51-3f6c1d2e4a77",
    "name": "Open huis op woensdag",
    "description": "Spelen, praten en huiswerk maken in het jeugdhuis.",
    "status": "active",
    "fees_description": "Gratis.",
    "eligibility_description": "Children and young people aged 10 to 16.",
    "minimum_age": 10,
    "maximum_age": 16,
    "last_modified": "2026-03-02T14:05:00+01:00",
    "organization": {
        "id": "5b0b0b8e-2b0c-5f3a-9a51-3f6c1d2e4a77",
        "name": "Jeugdwerkhuis De Brug (demo)",
        "description": "Jeugdwerk in de Brugse Poort.",
    },
    "schedules": [
        {
            "id": "6a1f4c2d-0e9b-5c8a-8d7e-1f2a3b4c5d6e",
            "service_id": "0c8f5d5e-7b4a-4a39-9a0e-8f6f3b1f2a11",
            "description": "Woensdag 14-18 uur",
            "notes": "About 4 hours per week.",
        }
    ],
    "service_areas": [
        {
            "id": "7b2e5d3c-1f0a-5b9c-9e8d-2a3b4c5d6e7f",
            "service_id": "0c8f5d5e-7b4a-4a39-9a0e-8f6f3b1f2a11",
            "name": "Brugse Poort - Rooigem",
            "description": "Neighbourhood 4 of Ghent.",
            "extent": '{"type":"Polygon","coordinates":[[[3.70,51.05],[3.71,51.05],[3.71,51.06],[3.70,51.05]]]}',
            "extent_type": "geojson",
        }
    ],
    "cost_options": [
        {
            "id": "8c3f6e4d-2a1b-5c0d-8f9e-3b4c5d6e7f80",
            "service_id": "0c8f5d5e-7b4a-4a39-9a0e-8f6f3b1f2a11",
            "option": "Free of charge",
            "currency": "EUR",
            "amount": 0,
        }
    ],
    "attributes": [
        {
            "id": "9d4a7f5e-3b2c-5d1e-9a0f-4c5d6e7f8091",
            "link_id": "0c8f5d5e-7b4a-4a39-9a0e-8f6f3b1f2a11",
            "taxonomy_term_id": "1e5b8a6f-4c3d-5e2f-8b1a-5d6e7f8091a2",
            "link_type": "service_type",
            "link_entity": "service",
            "taxonomy_term": {
                "id": "1e5b8a6f-4c3d-5e2f-8b1a-5d6e7f8091a2",
                "code": "leisure",
                "name": "Leisure function",
                "description": "Group leisure activities: the entry gate to everything else.",
                "taxonomy": "ghent-youth-welfare-work",
                "language": "en",
                "taxonomy_id": "2f6c9b7a-5d4e-5f3a-9c2b-6e7f8091a2b3",
            },
        }
    ],
}


@extend_schema(
    tags=[TAG],
    summary=_("About this HSDS API"),
    description=_("The HSDS version this API implements and where its definition is."),
    responses={200: HSDSMetaSerializer},
    examples=[
        OpenApiExample(
            "HSDS 3.0",
            value={"version": "3.0", "profile": hsds.HSDS_PROFILE, "openapi_url": hsds.HSDS_OPENAPI_URL},
            response_only=True,
        )
    ],
)
class HSDSMetaView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        return Response(
            {"version": hsds.HSDS_VERSION, "profile": hsds.HSDS_PROFILE, "openapi_url": hsds.HSDS_OPENAPI_URL}
        )


@extend_schema_view(
    list=extend_schema(
        tags=[TAG],
        summary=_("Published offers as HSDS services"),
        description=_(
            "Every published offer of an active organisation as a fully nested HSDS 3.0 service, in HSDS's page "
            "shape. Filter with organization_id or taxonomy_term_id."
        ),
        parameters=[
            OpenApiParameter(
                "organization_id", type=uuid.UUID, description=_("Only services of this HSDS organization.")
            ),
            OpenApiParameter(
                "taxonomy_term_id",
                type=uuid.UUID,
                description=_("Only services with this taxonomy term (a function, warm place or outreach)."),
            ),
        ],
        examples=[
            OpenApiExample("One page", value=_SERVICE_EXAMPLE, response_only=True),
        ],
    ),
    retrieve=extend_schema(
        tags=[TAG],
        summary=_("One published offer as an HSDS service"),
        description=_("A fully nested HSDS 3.0 service, by its id (the offer's public identifier)."),
        examples=[OpenApiExample("A service", value=_SERVICE_EXAMPLE, response_only=True)],
    ),
)
class HSDSServiceViewSet(KeptListMixin, PublicHSDSMixin, CSVListMixin, viewsets.ReadOnlyModelViewSet):
    kept_domains = ("offers", "organisations", "neighbourhoods")
    serializer_class = HSDSServiceSerializer
    lookup_field = "uuid"
    lookup_url_kwarg = "id"

    def get_queryset(self):
        if self.action != "list":
            return hsds.hsds_offers()
        offers = hsds.hsds_offers(outlines=False)  # read once per page in get_serializer
        if (wanted := query_uuid(self.request, "organization_id")) is not None:
            pks = [
                pk
                for pk in hsds.hsds_organisations().values_list("pk", flat=True)
                if hsds.stable_id("organization", pk) == wanted
            ]
            offers = offers.filter(organisation__in=pks)
        if (term := query_uuid(self.request, "taxonomy_term_id")) is not None:
            offers = _filter_by_term(offers, term)
        return offers

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["terms"] = hsds.terms_by_code()
        context["extents"] = getattr(self, "extents", None)
        return context

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        # The outlines of the page's neighbourhoods, read once for all its services (get_serializer_context)
        self.extents = hsds.load_extents(page if page is not None else queryset)
        return page


def _filter_by_term(offers, wanted_id: str):
    codes = {hsds.term_id(code): code for code in (*_function_codes(), hsds.WARM_PLACE, hsds.OUTREACH)}
    code = codes.get(wanted_id)
    if code is None:
        return offers.none()
    if code == hsds.WARM_PLACE:
        return offers.filter(is_warm_place=True)
    if code == hsds.OUTREACH:
        return offers.filter(is_mobile=True)
    return offers.filter(functions__code=code).distinct()


def _function_codes():
    from organisations.models import Function

    return Function.ORDER


@extend_schema_view(
    list=extend_schema(
        tags=[TAG],
        summary=_("Organisations as HSDS organizations"),
        description=_("Every approved, active organisation in the portal as an HSDS 3.0 organization."),
    ),
)
class HSDSOrganizationViewSet(
    KeptListMixin, PublicHSDSMixin, CSVListMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    kept_domains = ("offers", "organisations")
    serializer_class = HSDSOrganizationSerializer

    def get_queryset(self):
        return hsds.hsds_organisations()


class HSDSTaxonomyViewSet(PublicHSDSMixin, viewsets.GenericViewSet):
    serializer_class = HSDSTaxonomySerializer
    pagination_class = None

    @extend_schema(
        tags=[TAG],
        summary=_("The portal's published taxonomy"),
        description=_("The local taxonomy whose terms the services' attributes point to."),
        responses={200: HSDSTaxonomySerializer(many=True)},
    )
    def list(self, request, *args, **kwargs):
        return Response([hsds.taxonomy()])


class HSDSTaxonomyTermViewSet(PublicHSDSMixin, viewsets.GenericViewSet):
    serializer_class = HSDSTaxonomyTermSerializer
    pagination_class = None

    @extend_schema(
        tags=[TAG],
        summary=_("The terms of the portal's taxonomy"),
        description=_("The four functions, warm place and mobile or outreach work, with stable ids."),
        responses={200: HSDSTaxonomyTermSerializer(many=True)},
    )
    def list(self, request, *args, **kwargs):
        return Response([hsds.taxonomy_term(term) for term in hsds.terms_by_code().values()])


def register(router):
    router.register("hsds/services", HSDSServiceViewSet, basename="hsds-service")
    router.register("hsds/organizations", HSDSOrganizationViewSet, basename="hsds-organization")
    router.register("hsds/taxonomies", HSDSTaxonomyViewSet, basename="hsds-taxonomy")
    router.register("hsds/taxonomy_terms", HSDSTaxonomyTermViewSet, basename="hsds-taxonomy-term")


def _meta_urlpatterns():
    from django.urls import path

    return [path("hsds/", HSDSMetaView.as_view(), name="hsds-meta")]


urlpatterns = _meta_urlpatterns()
