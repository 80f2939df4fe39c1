"""API for staff diversity: /api/v1/staff-diversity/ (an organisation's own reports, for its admins) and
/api/v1/public/staff-diversity/?year= (the published aggregates, suppressed as on the public page)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from charter_portal.api_versioning import VersionedModelSerializer
from charter_portal.concurrency import ConflictError, StaleObjectError
from charter_portal.idempotency import IdempotentMixin
from charter_portal.permissions import actor_for
from diversity import categories, presentation, selectors, services
from diversity.models import DiversityReport
from organisations.models import Organisation


@extend_schema_serializer(component_name="DiversityReport")
class ReportSerializer(VersionedModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.approved(),
        required=False,
        help_text=gettext_lazy("Required when you are admin of several organisations."),
    )
    counts = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        required=False,
        help_text=gettext_lazy(
            "Number of people per cell, e.g. staff_gender_women or leadership_age_under_26; leave out whoever you "
            "do not know (they count as not known)."
        ),
    )

    class Meta:
        model = DiversityReport
        fields = [
            "id",
            "organisation",
            "year",
            "reference_date",
            "paid_staff",
            "volunteers",
            "leadership",
            "counts",
            "narrative",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate_counts(self, counts):
        unknown = sorted(set(counts) - set(categories.entered_keys()))
        if unknown:
            raise serializers.ValidationError(_("Unknown cells: %(keys)s.") % {"keys": ", ".join(unknown)})
        return counts

    def validate(self, attrs):
        actor = actor_for(self.context["request"].user)
        if self.instance is not None:
            if "organisation" in attrs and attrs["organisation"] != self.instance.organisation:
                raise serializers.ValidationError({"organisation": _("A report cannot move to another organisation.")})
            if "year" in attrs and attrs["year"] != self.instance.year:
                raise serializers.ValidationError({"year": _("A report cannot move to another year.")})
            return attrs
        organisation = attrs.get("organisation")
        admin_of = sorted(actor.admin_organisation_ids)
        if organisation is None:
            if len(admin_of) != 1:
                raise serializers.ValidationError(
                    {"organisation": _("Say for which organisation: you are admin of several.")}
                )
            attrs["organisation"] = Organisation.objects.get(pk=admin_of[0])
        elif organisation.pk not in admin_of:
            raise serializers.ValidationError(
                {"organisation": _("You can only report for an organisation you are an admin of.")}
            )
        if DiversityReport.objects.filter(organisation=attrs["organisation"], year=attrs["year"], is_archived=False):
            raise serializers.ValidationError(
                {"year": _("This year is reported already: correct that report (PUT or PATCH) instead.")}
            )
        return attrs

    def _save(self, instance, data):
        current = {} if instance is None else _stored(instance)
        merged = {**current, **data}
        merged["counts"] = {**current.get("counts", {}), **data.get("counts", {})}
        try:
            return services.report_save(
                organisation=merged["organisation"],
                year=merged["year"],
                by=self.context["request"].user,
                reference_date=merged["reference_date"],
                paid_staff=merged["paid_staff"],
                volunteers=merged["volunteers"],
                leadership=merged["leadership"],
                counts=merged.get("counts") or {},
                narrative=merged.get("narrative", ""),
                expected_version=data.get("version"),
            )
        except StaleObjectError as stale:
            raise ConflictError() from stale
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from error

    def create(self, validated_data):
        missing = [
            f for f in ("year", "reference_date", "paid_staff", "volunteers", "leadership") if f not in validated_data
        ]
        if missing:
            raise ValidationError({f: [_("This field is required.")] for f in missing})
        return self._save(None, validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)


def _stored(report) -> dict:
    return {
        "organisation": report.organisation,
        "year": report.year,
        "reference_date": report.reference_date,
        "paid_staff": report.paid_staff,
        "volunteers": report.volunteers,
        "leadership": report.leadership,
        "counts": report.counts,
        "narrative": report.narrative,
    }


@extend_schema_view(
    list=extend_schema(
        summary="Your organisations' staff-diversity reports", description="Admins only; others see none."
    ),
    create=extend_schema(summary="File a year's report"),
    update=extend_schema(summary="Correct a report", description="Send the version you read (409 when stale)."),
    partial_update=extend_schema(summary="Correct part of a report"),
    destroy=extend_schema(summary="Archive a report", description="It leaves every figure; its history stays."),
)
class StaffDiversityViewSet(IdempotentMixin, viewsets.ModelViewSet):
    serializer_class = ReportSerializer

    def get_queryset(self):
        actor = actor_for(self.request.user)
        return (
            DiversityReport.objects.filter(
                organisation_id__in=actor.admin_organisation_ids,
                organisation__is_active=True,
                organisation__is_approved=True,
                is_archived=False,
            )
            .select_related("organisation")
            .order_by("organisation__name", "-year", "id")
        )

    def destroy(self, request, *args, **kwargs):
        report = services.report_archive(report=self.get_object(), by=request.user)
        return Response(self.get_serializer(report).data, status=status.HTTP_200_OK)


class PublicFigure(serializers.Serializer):
    figure = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(allow_null=True, help_text=gettext_lazy("null when fewer than 5"))
    shown_as = serializers.CharField()


class PublicGroup(serializers.Serializer):
    group = serializers.CharField()
    label = serializers.CharField()
    published = serializers.BooleanField()
    figures = PublicFigure(many=True)


class PublicAggregates(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    years = serializers.ListField(child=serializers.IntegerField())
    groups = PublicGroup(many=True)


class PublicStaffDiversity(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Published staff-diversity aggregates",
        description="Civil society and the city's services side by side; any number below 5 is null, shown as "
        "“fewer than 5”. Without a year: the latest.",
        parameters=[OpenApiParameter("year", int, required=False)],
        responses=PublicAggregates,
    )
    def get(self, request):
        overview = selectors.public_overview()
        years = selectors.published_years(overview)
        value = request.query_params.get("year")
        if value in (None, ""):
            year = years[0] if years else None
        elif value.isdigit() and len(value) == 4:
            year = int(value)
        else:
            raise ValidationError({"year": [_("Give a year as four digits, e.g. 2025.")]})
        groups = []
        for group in (selectors.CIVIL_SOCIETY, selectors.CITY):
            aggregate = overview[group].get(year)
            published = aggregate is not None and aggregate.published
            figures = []
            if published:
                for row in presentation.rows([aggregate]):
                    count = row.values[0]
                    figures.append(
                        {"figure": row.key, "label": row.label, "count": count, "shown_as": presentation.display(count)}
                    )
            groups.append(
                {
                    "group": group,
                    "label": str(selectors.GROUP_LABELS[group]),
                    "published": published,
                    "figures": figures,
                }
            )
        return Response(PublicAggregates({"year": year, "years": years, "groups": groups}).data)


def register(router):
    router.register("staff-diversity", StaffDiversityViewSet, basename="staff-diversity")


urlpatterns = [path("public/staff-diversity/", PublicStaffDiversity.as_view(), name="public-staff-diversity")]
