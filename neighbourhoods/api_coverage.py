"""Coverage API: the charter's coverage per area, the neighbourhoods as GeoJSON, indicators and priority data."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import generics, permissions, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from charter_portal import caching
from charter_portal.api import KeptRenderingMixin, Pagination, query_integer
from charter_portal.api_csv import CSVListMixin
from charter_portal.permissions import actor_for
from neighbourhoods.coverage import NEIGHBOURHOOD
from neighbourhoods.labels import status_of
from neighbourhoods.models import Indicator, IndicatorValue, PriorityDecision
from neighbourhoods.rules import can_view_coverage
from neighbourhoods.selectors import coverage_on

BRUSSELS = ZoneInfo("Europe/Brussels")  # the API's default date is today in Ghent, whatever the server's zone


class CanViewCoverage(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated) and can_view_coverage(actor_for(request.user))


def _day(request) -> datetime.date:
    raw = request.query_params.get("date")
    if raw is None:  # an empty date is refused below, as the schema says
        return timezone.localdate(timezone=BRUSSELS)
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError as exc:
        raise ValidationError({"date": [_("Give the date as YYYY-MM-DD.")]}) from exc


def _bool(request, name):
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if raw.lower() in ("true", "1", "yes"):
        return True
    if raw.lower() in ("false", "0", "no"):
        return False
    raise ValidationError({name: [_("Use true or false.")]})


class ViaSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["organisation", "collaboration"])
    id = serializers.IntegerField()
    name = serializers.CharField()


class CoverageSerializer(serializers.Serializer):
    area_type = serializers.ChoiceField(choices=["neighbourhood", "movement_circle"])
    area_id = serializers.IntegerField()
    name = serializers.CharField()
    is_priority = serializers.BooleanField()
    functions_present = serializers.ListField(child=serializers.CharField())
    missing_functions = serializers.ListField(child=serializers.CharField())
    integral = serializers.BooleanField()
    integral_via = ViaSerializer(many=True)
    warm_place = serializers.BooleanField()
    leisure_hours_per_week = serializers.DecimalField(max_digits=9, decimal_places=2, coerce_to_string=False)
    gaps = serializers.ListField(child=serializers.CharField())
    meets_charter = serializers.BooleanField()


_COVERAGE_EXAMPLE = {
    "area_type": "neighbourhood",
    "area_id": 7,
    "name": "Rabot - Blaisantvest",
    "is_priority": True,
    "functions_present": ["leisure", "welfare", "signal"],
    "missing_functions": ["bridge"],
    "integral": False,
    "integral_via": [],
    "warm_place": True,
    "leisure_hours_per_week": 14.5,
    "gaps": ["No bridge function", "Not integral"],
    "meets_charter": False,
}


class CoverageList(KeptRenderingMixin, CSVListMixin, generics.GenericAPIView):
    """Coverage of every neighbourhood and movement circle on a date (docs/rules.md#coverage)."""

    permission_classes = [CanViewCoverage]
    serializer_class = CoverageSerializer
    pagination_class = Pagination
    filter_backends = []  # the coverage is computed, not a queryset: get() filters the results itself

    @extend_schema(
        summary="Coverage per area",
        description="For every neighbourhood and movement circle on a date: the functions present, integral offer, "
        "warm place, leisure hours and whether it meets the charter (R1-R4). For city staff and partner members.",
        parameters=[
            OpenApiParameter("date", OpenApiTypes.DATE, description="Default: today in Europe/Brussels."),
            OpenApiParameter("area_type", str, enum=["neighbourhood", "movement_circle"]),
            OpenApiParameter("is_priority", bool, description="Only priority areas (true) or the others (false)."),
            OpenApiParameter("meets_charter", bool, description="Only areas that meet the charter, or that do not."),
        ],
        responses={200: CoverageSerializer(many=True)},
        examples=[
            OpenApiExample(
                "A neighbourhood with gaps",
                value=_COVERAGE_EXAMPLE,
                response_only=True,
                status_codes=["200"],
            )
        ],
    )
    def get(self, request):
        # One page of serialized results, the same for everyone who may see the coverage (checked above): kept
        # until the coverage's data changes (charter_portal/caching.py). The default date is today, and the page
        # links are absolute, so the day, scheme and host are part of the key. JSON is kept rendered too.
        query = ("query", *sorted((name, tuple(values)) for name, values in request.query_params.lists()))
        key = (
            "coverage-api",
            translation.get_language(),
            timezone.localdate(timezone=BRUSSELS).isoformat(),
            request.path,
            query,
            request.scheme,
            request.get_host(),
        )
        data = caching.kept(caching.COVERAGE_DOMAINS, key, lambda: self._page(request), variants="coverage-api")
        response = Response(data)
        renderer = request.accepted_renderer
        if renderer.format == "json":
            response.kept_body = caching.kept(
                caching.COVERAGE_DOMAINS,
                (*key, request.accepted_media_type),
                lambda: renderer.render(data, request.accepted_media_type, self.get_renderer_context()),
                variants="coverage-api",
            )
        return response

    def _page(self, request):
        results = coverage_on(_day(request)).results
        area_type = request.query_params.get("area_type")
        if area_type:
            if area_type not in ("neighbourhood", "movement_circle"):
                raise ValidationError({"area_type": [_("Use neighbourhood or movement_circle.")]})
            results = [r for r in results if r.area_type == area_type]
        for name in ("is_priority", "meets_charter"):
            wanted = _bool(request, name)
            if wanted is not None:
                results = [r for r in results if getattr(r, name) is wanted]
        page = self.paginate_queryset(results)
        return self.get_paginated_response(self.get_serializer(page, many=True).data).data


class FeaturePropertiesSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    name = serializers.CharField()
    status = serializers.CharField(help_text=_("The coverage status used for the map's colours."))
    is_priority = serializers.BooleanField()
    priority_is_overridden = serializers.BooleanField()
    functions_present = serializers.ListField(child=serializers.CharField())
    missing_functions = serializers.ListField(child=serializers.CharField())
    integral = serializers.BooleanField()
    warm_place = serializers.BooleanField()
    leisure_hours_per_week = serializers.FloatField()
    gaps = serializers.ListField(child=serializers.CharField())
    meets_charter = serializers.BooleanField()


class FeatureSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Feature"])
    id = serializers.IntegerField()
    geometry = serializers.JSONField(allow_null=True, help_text=_("GeoJSON geometry (WGS84); null when unknown."))
    properties = FeaturePropertiesSerializer()


class FeatureCollectionSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["FeatureCollection"])
    date = serializers.DateField()
    features = FeatureSerializer(many=True)


class NeighbourhoodGeoJSON(APIView):
    """The neighbourhoods as a GeoJSON FeatureCollection with their coverage status on a date."""

    permission_classes = [CanViewCoverage]

    @extend_schema(
        summary="Neighbourhoods as GeoJSON with their coverage",
        parameters=[OpenApiParameter("date", OpenApiTypes.DATE, description="Default: today in Europe/Brussels.")],
        responses={200: FeatureCollectionSerializer},
        examples=[
            OpenApiExample(
                "One neighbourhood",
                value={
                    "type": "FeatureCollection",
                    "date": "2026-03-02",
                    "features": [
                        {
                            "type": "Feature",
                            "id": 7,
                            "geometry": {
                                "type": "Polygon",
                                "coordinates": [[[3.70, 51.05], [3.72, 51.05], [3.72, 51.06], [3.70, 51.05]]],
                            },
                            "properties": {
                                **{k: v for k, v in _COVERAGE_EXAMPLE.items() if k not in ("area_type", "area_id")},
                                "id": 7,
                                "number": 7,
                                "status": "priority_gaps",
                                "priority_is_overridden": False,
                            },
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        day = _day(request)
        report = coverage_on(day, with_geometry=True)
        features = []
        for result in report.results:
            if result.area_type != NEIGHBOURHOOD:
                continue
            info = report.areas[result.key]
            features.append(
                {
                    "type": "Feature",
                    "id": result.area_id,
                    "geometry": info.geometry,
                    "properties": {
                        "id": result.area_id,
                        "number": info.number,
                        "name": result.name,
                        "status": status_of(result),
                        "is_priority": result.is_priority,
                        "priority_is_overridden": info.priority_is_overridden,
                        "functions_present": list(result.functions_present),
                        "missing_functions": list(result.missing_functions),
                        "integral": result.integral,
                        "warm_place": result.warm_place,
                        "leisure_hours_per_week": float(result.leisure_hours_per_week),
                        "gaps": list(result.gaps),
                        "meets_charter": result.meets_charter,
                    },
                }
            )
        return Response({"type": "FeatureCollection", "date": day.isoformat(), "features": features})


@extend_schema_serializer(component_name="NeedIndicator")
class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "unit",
            "source",
            "source_kind",
            "higher_means_more_need",
            "weight",
            "is_synthetic",
            "is_active",
        ]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    neighbourhood_number = serializers.IntegerField(source="neighbourhood.number", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = ["id", "indicator", "neighbourhood", "neighbourhood_number", "year", "value"]


class PriorityDecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.StringRelatedField()

    class Meta:
        model = PriorityDecision
        fields = [
            "id",
            "decided_by",
            "decided_at",
            "data_year",
            "method",
            "threshold",
            "top_n",
            "indicators",
            "scores",
            "circle_scores",
            "note",
        ]


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [CanViewCoverage]
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.all()


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("indicator", str, description="The indicator's code."),
            OpenApiParameter("year", int),
            OpenApiParameter("neighbourhood", int, description="The neighbourhood's id."),
        ]
    )
)
class IndicatorValueViewSet(viewsets.ReadOnlyModelViewSet):
    """Indicator values; filter with ``?indicator=<code>&year=<year>&neighbourhood=<id>``."""

    permission_classes = [CanViewCoverage]
    serializer_class = IndicatorValueSerializer

    def get_queryset(self):
        queryset = IndicatorValue.objects.select_related("indicator", "neighbourhood")
        params = self.request.query_params
        if params.get("indicator"):
            queryset = queryset.filter(indicator__code=params["indicator"])
        for name, maximum in (("year", 32767), ("neighbourhood", 2**63 - 1)):
            value = query_integer(self.request, name, minimum=0, maximum=maximum)
            if value is not None:
                queryset = queryset.filter(**{name: value})
        return queryset


class PriorityDecisionViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [CanViewCoverage]
    serializer_class = PriorityDecisionSerializer
    queryset = PriorityDecision.objects.select_related("decided_by")


def register(router):
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("indicator-values", IndicatorValueViewSet, basename="indicator-value")
    router.register("priority-decisions", PriorityDecisionViewSet, basename="priority-decision")


# Explicit paths come before the router's, so ``neighbourhoods/geojson/`` does not clash with a neighbourhoods viewset.
urlpatterns = [
    path("coverage/", CoverageList.as_view(), name="coverage"),
    path("neighbourhoods/geojson/", NeighbourhoodGeoJSON.as_view(), name="neighbourhoods-geojson"),
]
