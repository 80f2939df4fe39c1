"""/api/v1/covenants/: covenants with their versions, indicators, approvals and reports, in the caller's rights.

City staff see every covenant; partners only their own; everyone else gets 404. Writes go through
``covenants.services``; a stale ``version`` answers 409 Conflict.
"""

from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from charter_portal.api import KeptListMixin, id_in_path
from charter_portal.api_csv import CSVListMixin
from charter_portal.api_domain_words import from_model_validation
from charter_portal.api_lean import LeanListMixin
from charter_portal.api_versioning import VERSION_HELP, ActionVersionSerializer, required_version
from charter_portal.idempotency import IdempotentMixin
from charter_portal.permissions import actor_for
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import NOTE_TEXT, TEXT
from covenants import events, rules, selectors, services
from covenants.models import (
    Approval,
    BudgetLine,
    CityCommitment,
    CityReport,
    CommitmentValue,
    Covenant,
    Indicator,
    Report,
    ReportingPeriod,
    ReportNote,
    ReportValue,
    Side,
    Status,
    TermsVersion,
)
from offers.models import Collaboration
from organisations.models import Organisation


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["year", "amount"]


@extend_schema_serializer(component_name="CovenantIndicator")
class IndicatorSerializer(serializers.ModelSerializer):
    key = serializers.UUIDField(required=False, allow_null=True)
    targets = serializers.DictField(
        child=serializers.DecimalField(max_digits=12, decimal_places=2), required=False, write_only=True
    )
    name = serializers.CharField(max_length=200, validators=[validate_no_personal_data])

    class Meta:
        model = Indicator
        fields = [
            "id",
            "key",
            "kind",
            "name",
            "unit",
            "baseline",
            "higher_is_better",
            "guiding_question",
            "good_answer",
            "targets",
        ]
        read_only_fields = ["id"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["targets"] = {str(t.year): str(t.value) for t in instance.targets.all()}
        return data


class CityCommitmentSerializer(serializers.ModelSerializer):
    key = serializers.UUIDField(required=False, allow_null=True)
    description = serializers.CharField(max_length=300, validators=[validate_no_personal_data])

    class Meta:
        model = CityCommitment
        fields = ["key", "kind", "description"]


class CommitmentValueSerializer(serializers.ModelSerializer):
    commitment_key = serializers.UUIDField(source="commitment.key", read_only=True)

    class Meta:
        model = CommitmentValue
        fields = ["commitment", "commitment_key", "fulfilment", "narrative"]


class CityReportSerializer(serializers.ModelSerializer):
    """The city's report of a period on its own commitments, reviewed by the partner."""

    values = CommitmentValueSerializer(many=True, read_only=True)
    review_thread = serializers.SerializerMethodField()

    class Meta:
        model = CityReport
        fields = ["id", "period_id", "state", "version", "submitted_at", "reviewed_at", "review_thread", "values"]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_review_thread(self, obj) -> list:
        return ReportNoteSerializer(obj.notes.all(), many=True).data


class ApprovalSerializer(serializers.ModelSerializer):
    approved_by = serializers.CharField(source="approved_by.get_full_name")
    organisation = serializers.CharField(source="organisation.name")

    class Meta:
        model = Approval
        fields = ["side", "approved_by", "organisation", "approved_at"]


class TermsVersionSerializer(serializers.ModelSerializer):
    proposed_by_organisation = serializers.CharField(
        source="proposed_by_organisation.name", default=None, allow_null=True, read_only=True
    )
    budget = BudgetLineSerializer(source="budget_lines", many=True)
    indicators = IndicatorSerializer(many=True)
    city_commitments = CityCommitmentSerializer(many=True)
    approvals = ApprovalSerializer(many=True)

    class Meta:
        model = TermsVersion
        fields = [
            "number",
            "state",
            "version",
            "objectives",
            "change_note",
            "proposed_by_side",
            "proposed_by_organisation",
            "submitted_at",
            "agreed_at",
            "budget",
            "indicators",
            "city_commitments",
            "approvals",
        ]


class ReportValueSerializer(serializers.ModelSerializer):
    indicator_key = serializers.UUIDField(source="indicator.key", read_only=True)

    class Meta:
        model = ReportValue
        fields = ["indicator", "indicator_key", "actual", "narrative"]


class ReportNoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.get_full_name", default=None, allow_null=True)

    class Meta:
        model = ReportNote
        fields = ["kind", "side", "author", "body", "written_at"]


class ReportSerializer(serializers.ModelSerializer):
    period = serializers.SerializerMethodField()
    review_thread = ReportNoteSerializer(source="notes", many=True, read_only=True)
    terms_number = serializers.IntegerField(source="terms.number")
    values = ReportValueSerializer(many=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "period_id",
            "period",
            "terms_number",
            "state",
            "version",
            "submitted_at",
            "reviewed_at",
            "review_comment",
            "review_thread",
            "values",
        ]

    def get_period(self, obj) -> dict:
        return {"starts_on": obj.period.starts_on, "ends_on": obj.period.ends_on}


class PeriodSerializer(serializers.ModelSerializer):
    """A reporting period, also one whose report nobody started yet, with where its report is read and written."""

    status = serializers.SerializerMethodField(
        help_text="not_started, or the report's state: draft, submitted, revision_requested, accepted."
    )
    due_on = serializers.SerializerMethodField()
    is_late = serializers.SerializerMethodField(help_text="Due date passed and the report was not submitted.")
    report_id = serializers.SerializerMethodField()
    report_url = serializers.SerializerMethodField(
        help_text="The API address of the period's report: GET reads it, POST starts it, PATCH saves it."
    )
    page_url = serializers.SerializerMethodField(help_text="The report's page on the portal.")

    class Meta:
        model = ReportingPeriod
        fields = ["id", "starts_on", "ends_on", "due_on", "status", "is_late", "report_id", "report_url", "page_url"]

    def _report(self, obj):
        reports = self.context.get("reports_by_period")
        if reports is not None:
            return reports.get(obj.pk)
        return Report.objects.filter(period=obj).first()

    @extend_schema_field(serializers.ChoiceField(choices=["not_started", *Report.State.values]))
    def get_status(self, obj) -> str:
        report = self._report(obj)
        return report.state if report else "not_started"

    def get_due_on(self, obj) -> date:
        return obj.ends_on + events.REPORT_DUE_AFTER

    def get_is_late(self, obj) -> bool:
        report = self._report(obj)
        waiting = report is None or report.state in (Report.State.DRAFT, Report.State.REVISION_REQUESTED)
        return waiting and self.get_due_on(obj) < timezone.localdate()

    def get_report_id(self, obj) -> int | None:
        report = self._report(obj)
        return report.pk if report else None

    def get_report_url(self, obj) -> str:
        return reverse("api:covenant-report", kwargs={"pk": obj.covenant_id, "period_id": obj.pk})

    def get_page_url(self, obj) -> str:
        return reverse("covenants:report", kwargs={"pk": obj.covenant_id, "period_pk": obj.pk})


class CovenantSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    city_service_name = serializers.CharField(source="city_service.name", read_only=True)
    partner_name = serializers.CharField(read_only=True)
    versions = TermsVersionSerializer(many=True, read_only=True)
    reports = ReportSerializer(many=True, read_only=True)
    periods = serializers.SerializerMethodField()
    city_reports = CityReportSerializer(many=True, read_only=True)
    objectives = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=TEXT, validators=[validate_no_personal_data]
    )
    city_service = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.city_services().approved(),
        help_text=_("The city service that makes the covenant: an approved organisation of the kind city service."),
    )
    partner_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.approved(), required=False, allow_null=True
    )
    partner_collaboration = serializers.PrimaryKeyRelatedField(
        queryset=Collaboration.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Covenant
        fields = [
            "id",
            "reference",
            "title",
            "status",
            "version",
            "city_service",
            "city_service_name",
            "partner_organisation",
            "partner_collaboration",
            "partner_name",
            "starts_on",
            "ends_on",
            "closed_on",
            "objectives",
            "versions",
            "periods",
            "reports",
            "city_reports",
        ]
        read_only_fields = ["version", "closed_on"]

    @extend_schema_field(PeriodSerializer(many=True))
    def get_periods(self, obj) -> list:
        reports = {report.period_id: report for report in obj.reports.all()}
        return PeriodSerializer(obj.periods.all(), many=True, context={"reports_by_period": reports}).data


class CovenantListSerializer(CovenantSerializer):
    class Meta(CovenantSerializer.Meta):
        fields = [
            f
            for f in CovenantSerializer.Meta.fields
            if f not in ("versions", "periods", "reports", "city_reports", "objectives")
        ]


class DraftSerializer(serializers.Serializer):
    """What a PATCH of a draft sends; a part it leaves out stays as it is (budget and indicators each as a whole)."""

    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)
    objectives = serializers.CharField(required=False, max_length=TEXT, validators=[validate_no_personal_data])
    change_note = serializers.CharField(
        required=False, allow_blank=True, max_length=300, validators=[validate_no_personal_data]
    )
    budget = BudgetLineSerializer(many=True, required=False, help_text=_("Replaces the whole budget when sent."))
    indicators = IndicatorSerializer(
        many=True, required=False, help_text=_("Replaces every indicator when sent (keep one by sending its key).")
    )
    city_commitments = CityCommitmentSerializer(
        many=True, required=False, help_text="Replaces every commitment of the city when sent (keep one by its key)."
    )


class ApproveSerializer(ActionVersionSerializer):
    side = serializers.ChoiceField(choices=Side.choices)


class ReportValuesSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)
    values = ReportValueSerializer(many=True)


class SubmitReportSerializer(ActionVersionSerializer):
    answer = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=NOTE_TEXT,
        validators=[validate_no_personal_data],
        help_text="Optional: the partner's answer to the last review, kept in the review thread.",
    )


class ReviewSerializer(ActionVersionSerializer):
    decision = serializers.ChoiceField(choices=["accept", "revise"])
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_TEXT, validators=[validate_no_personal_data]
    )


# The URLs only match digits: a negative number is no URL of the API.
_POSITIVE = {"type": "integer", "minimum": 1}
NUMBER = OpenApiParameter(
    "number", _POSITIVE, OpenApiParameter.PATH, description="The number of the terms version (1, 2...)."
)
PERIOD = OpenApiParameter("period_id", _POSITIVE, OpenApiParameter.PATH, description="The id of the reporting period.")

_COVENANT_LIST_EXAMPLE = {
    "id": 12,
    "reference": "CONV-2026-004",
    "title": "Warm place and homework support in Rabot",
    "status": "running",
    "version": 5,
    "city_service": 1,
    "city_service_name": "Jeugddienst Stad Gent (demo)",
    "partner_organisation": 3,
    "partner_collaboration": None,
    "partner_name": "Jeugdwerkhuis De Brug (demo)",
    "starts_on": "2026-01-01",
    "ends_on": "2027-12-31",
    "closed_on": None,
}
_TERMS_EXAMPLE = {
    "number": 1,
    "state": "agreed",
    "version": 4,
    "objectives": "Open the warm place five afternoons a week; homework support twice a week.",
    "change_note": "",
    "proposed_by_side": "city",
    "proposed_by_organisation": "Jeugddienst Stad Gent (demo)",
    "submitted_at": "2025-12-01T10:00:00+01:00",
    "agreed_at": "2025-12-10T16:30:00+01:00",
    "budget": [{"year": 2026, "amount": "50000.00"}, {"year": 2027, "amount": "52000.00"}],
    "city_commitments": [
        {
            "key": "5d1e2f3a-7b8c-4d9e-a0b1-c2d3e4f5a6b7",
            "kind": "funding",
            "description": "Subsidy paid before 31 March.",
        }
    ],
    "indicators": [
        {
            "id": 31,
            "key": "0b7f3d2e-6a1c-4f5e-9d8b-2c4a6e8f0a13",
            "kind": "quantitative",
            "name": "Children reached",
            "unit": "children",
            "baseline": "100.00",
            "higher_is_better": True,
            "guiding_question": "",
            "good_answer": "",
            "targets": {"2026": "120.00", "2027": "140.00"},
        }
    ],
    "approvals": [
        {
            "side": "city",
            "approved_by": "Stad Admin",
            "organisation": "Jeugddienst Stad Gent (demo)",
            "approved_at": "2025-12-09T11:00:00+01:00",
        },
        {
            "side": "partner",
            "approved_by": "Brug Admin",
            "organisation": "Jeugdwerkhuis De Brug (demo)",
            "approved_at": "2025-12-10T16:30:00+01:00",
        },
    ],
}
_REPORT_EXAMPLE = {
    "id": 8,
    "period_id": 21,
    "period": {"starts_on": "2026-01-01", "ends_on": "2026-12-31"},
    "terms_number": 1,
    "state": "submitted",
    "version": 3,
    "submitted_at": "2027-01-20T09:30:00+01:00",
    "reviewed_at": None,
    "review_comment": "",
    "review_thread": [],
    "values": [
        {"indicator": 31, "indicator_key": "0b7f3d2e-6a1c-4f5e-9d8b-2c4a6e8f0a13", "actual": "126.00", "narrative": ""}
    ],
}
_PERIODS_EXAMPLE = [
    {
        "id": 21,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "due_on": "2027-01-31",
        "status": "submitted",
        "is_late": False,
        "report_id": 8,
        "report_url": "/api/v1/covenants/12/reports/21/",
        "page_url": "/convenanten/12/rapporten/21/",
    },
    {
        "id": 22,
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "due_on": "2028-01-31",
        "status": "not_started",
        "is_late": False,
        "report_id": None,
        "report_url": "/api/v1/covenants/12/reports/22/",
        "page_url": "/convenanten/12/rapporten/22/",
    },
]
_COVENANT_EXAMPLE = {
    **_COVENANT_LIST_EXAMPLE,
    "versions": [_TERMS_EXAMPLE],
    "periods": _PERIODS_EXAMPLE,
    "reports": [_REPORT_EXAMPLE],
    "city_reports": [],
}


def _covenant_after(name: str, **changes) -> OpenApiExample:
    return OpenApiExample(name, value={**_COVENANT_EXAMPLE, **changes}, response_only=True, status_codes=["200"])


def _report_after(name: str, **changes) -> OpenApiExample:
    return OpenApiExample(name, value={**_REPORT_EXAMPLE, **changes}, response_only=True, status_codes=["200"])


def _version(request) -> int | None:
    """The optional ``version`` of a POST action that takes nothing else (400 when it is not a whole number)."""
    serializer = ActionVersionSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data.get("version")


def _django_errors(exc: DjangoValidationError):
    raise from_model_validation(exc) from exc


@extend_schema_view(
    list=extend_schema(
        summary="Covenants",
        description="The covenants you may see: city staff every one, partners their own. Newest start first.",
        examples=[
            OpenApiExample(
                "A page of covenants",
                value=_COVENANT_LIST_EXAMPLE,
                response_only=True,
                status_codes=["200"],
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One covenant with its terms versions and reports",
        examples=[_covenant_after("A running covenant")],
    ),
    create=extend_schema(
        summary="Start a covenant",
        description="City staff of the city service (or a city admin) start a covenant with a partner organisation "
        "or collaboration; its first terms version is a draft.",
        request=CovenantSerializer,
        responses={201: CovenantSerializer},
        examples=[
            OpenApiExample(
                "A new covenant",
                value={
                    "reference": "CONV-2026-004",
                    "title": "Warm place and homework support in Rabot",
                    "city_service": 1,
                    "partner_organisation": 3,
                    "starts_on": "2026-01-01",
                    "ends_on": "2027-12-31",
                    "objectives": "Open the warm place five afternoons a week.",
                },
                request_only=True,
            )
        ],
    ),
)
class CovenantViewSet(
    IdempotentMixin,
    KeptListMixin,
    LeanListMixin,
    CSVListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    kept_domains = ("covenants", "offers", "organisations")
    # The list's properties of the model: the status annotated by with_status(), the partner's name
    lean_extra = {
        "status": F("derived_status"),
        "partner_name": Coalesce(F("partner_organisation__name"), F("partner_collaboration__name"), Value("")),
    }

    def get_queryset(self):
        actor = actor_for(self.request.user)
        if self.action == "list":
            queryset = Covenant.objects.for_list()
        else:
            queryset = selectors.covenant_detail_queryset()
        return rules.visible_covenants(actor, queryset).order_by("-starts_on", "reference")

    def get_serializer_class(self):
        return CovenantListSerializer if self.action == "list" else CovenantSerializer

    @property
    def actor(self):
        return actor_for(self.request.user)

    def create(self, request, *args, **kwargs):
        if not rules.can_create_covenant(self.actor):
            raise PermissionDenied()
        serializer = CovenantSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not (self.actor.is_city_admin or self.actor.is_city_staff_of(data["city_service"].pk)):
            raise PermissionDenied()
        try:
            covenant = services.covenant_create(by=request.user, **data)
        except DjangoValidationError as exc:
            _django_errors(exc)
        covenant = self.get_queryset().get(pk=covenant.pk)
        return Response(CovenantSerializer(covenant).data, status=status.HTTP_201_CREATED)

    def _terms(self, covenant, number):
        terms = selectors.versions_queryset().filter(covenant=covenant, number=number).first()
        if terms is None:
            raise Http404
        return terms

    def _side(self, covenant) -> str:
        return Side.CITY if rules.speaks_for_city(self.actor, covenant) else Side.PARTNER

    def _reload(self, covenant):
        return Response(CovenantSerializer(self.get_queryset().get(pk=covenant.pk)).data)

    @extend_schema(
        summary="Propose a new terms version",
        description="Starts a new draft terms version, a copy of the agreed one, to change a running covenant. "
        "version: the covenant's version you read (409 when stale).",
        request=ActionVersionSerializer,
        responses=CovenantSerializer,
        examples=[_covenant_after("The covenant with its new draft")],
    )
    @action(detail=True, methods=["post"], url_path="propose-version")
    def propose_version(self, request, pk=None, **kwargs):
        covenant = self.get_object()
        if not rules.can_edit_terms(self.actor, covenant):
            raise PermissionDenied()
        try:
            services.version_propose(
                covenant=covenant, by=request.user, side=self._side(covenant), expected_version=_version(request)
            )
        except DjangoValidationError as exc:
            _django_errors(exc)
        return self._reload(covenant)

    @extend_schema(
        summary="Edit a draft terms version",
        description="Saves objectives, budget and indicators of a draft; send the version you read (409 when stale).",
        parameters=[NUMBER],
        request=DraftSerializer,
        responses=CovenantSerializer,
        examples=[
            OpenApiExample(
                "Request",
                value={
                    "version": 2,
                    "objectives": "Open the warm place five afternoons a week.",
                    "change_note": "Homework support added.",
                    "budget": [{"year": 2026, "amount": "50000.00"}],
                    "indicators": [{"kind": "quantitative", "name": "Children reached", "targets": {"2026": "120"}}],
                },
                request_only=True,
            ),
            _covenant_after("The covenant with the saved draft"),
        ],
    )
    @action(detail=True, methods=["patch"], url_path=r"versions/(?P<number>\d+)")
    def edit_version(self, request, pk=None, number=None, **kwargs):
        covenant = self.get_object()
        terms = self._terms(covenant, number)
        if not rules.can_edit_terms(self.actor, covenant):
            raise PermissionDenied()
        required_version(request.data)
        serializer = DraftSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        indicators = (
            None
            if "indicators" not in data
            else [
                services.IndicatorData(
                    key=i.get("key"),
                    kind=i["kind"],
                    name=i["name"],
                    unit=i.get("unit", ""),
                    baseline=i.get("baseline"),
                    higher_is_better=i.get("higher_is_better", True),
                    guiding_question=i.get("guiding_question", ""),
                    good_answer=i.get("good_answer", ""),
                    targets={int(y): v for y, v in i.get("targets", {}).items() if str(y).isdigit()},
                )
                for i in data["indicators"]
            ]
        )
        budget = data.get("budget")
        try:
            services.version_save_draft(
                terms=terms,
                expected_version=data["version"],
                objectives=data.get("objectives"),
                change_note=data.get("change_note"),
                budget=None if budget is None else {line["year"]: line["amount"] for line in budget},
                indicators=indicators,
                commitments=(
                    None
                    if "city_commitments" not in data
                    else [
                        services.CommitmentData(key=c.get("key"), kind=c["kind"], description=c["description"])
                        for c in data["city_commitments"]
                    ]
                ),
            )
        except DjangoValidationError as exc:
            _django_errors(exc)
        return self._reload(covenant)

    @extend_schema(
        summary="Submit a draft terms version for approval",
        description="version: the terms version's version you read (409 when stale).",
        parameters=[NUMBER],
        request=ActionVersionSerializer,
        responses=CovenantSerializer,
        examples=[_covenant_after("The covenant with the submitted version")],
    )
    @action(detail=True, methods=["post"], url_path=r"versions/(?P<number>\d+)/submit")
    def submit_version(self, request, pk=None, number=None, **kwargs):
        covenant = self.get_object()
        terms = self._terms(covenant, number)
        if not rules.can_edit_terms(self.actor, covenant):
            raise PermissionDenied()
        try:
            services.version_submit(
                terms=terms, by=request.user, side=self._side(covenant), expected_version=_version(request)
            )
        except DjangoValidationError as exc:
            _django_errors(exc)
        return self._reload(covenant)

    @extend_schema(
        summary="Approve a submitted terms version for one side",
        description="The city and the partner each approve; the version is agreed when both did. version: the "
        "terms version's version you read (409 when stale).",
        parameters=[NUMBER],
        request=ApproveSerializer,
        responses=CovenantSerializer,
        examples=[
            OpenApiExample("Request", value={"side": "partner"}, request_only=True),
            _covenant_after("The covenant with the agreed version"),
        ],
    )
    @action(detail=True, methods=["post"], url_path=r"versions/(?P<number>\d+)/approve")
    def approve_version(self, request, pk=None, number=None, **kwargs):
        covenant = self.get_object()
        terms = self._terms(covenant, number)
        if not any(rules.can_approve(self.actor, covenant, side) for side in Side.values):
            raise PermissionDenied()  # before the body is read: a refused caller learns nothing from it
        serializer = ApproveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        side = serializer.validated_data["side"]
        if not rules.can_approve(self.actor, covenant, side):
            raise PermissionDenied()
        org_id = (
            covenant.city_service_id
            if side == Side.CITY
            else next(o for o in covenant.partner_organisation_ids if self.actor.is_admin_of(o))
        )
        try:
            services.version_approve(
                terms=terms,
                by=request.user,
                side=side,
                organisation=Organisation.objects.get(pk=org_id),
                expected_version=serializer.validated_data.get("version"),
            )
        except DjangoValidationError as exc:
            _django_errors(exc)
        return self._reload(covenant)

    def _period(self, covenant, period_id):
        return get_object_or_404(covenant.periods, pk=id_in_path(period_id))

    @extend_schema(
        methods=["POST"],
        summary="Start the report of a period",
        parameters=[PERIOD],
        request=None,
        responses=ReportSerializer,
        examples=[_report_after("The new report", state="draft", version=1, submitted_at=None)],
    )
    @extend_schema(
        methods=["PATCH"],
        summary="Save the actuals and narratives of a draft report",
        description="Send the version you read (409 when stale).",
        parameters=[PERIOD],
        request=ReportValuesSerializer,
        responses=ReportSerializer,
        examples=[
            OpenApiExample(
                "Request",
                value={"version": 1, "values": [{"indicator": 31, "actual": "126", "narrative": ""}]},
                request_only=True,
            ),
            _report_after("The saved report", state="draft", version=2, submitted_at=None),
        ],
    )
    @extend_schema(
        methods=["GET"],
        summary="The report of a period",
        description="404 while nobody started the report (the covenant's periods say which have one).",
        parameters=[PERIOD],
        request=None,
        responses=ReportSerializer,
        examples=[_report_after("A submitted report")],
    )
    @action(detail=True, methods=["get", "post", "patch"], url_path=r"reports/(?P<period_id>[^/]+)")
    def report(self, request, pk=None, period_id=None, **kwargs):
        """GET reads the period's report; POST starts it; PATCH saves actuals and narratives (with ``version``)."""
        covenant = self.get_object()
        period = self._period(covenant, period_id)
        if request.method == "GET":
            return Response(ReportSerializer(get_object_or_404(selectors.reports_queryset(), period=period)).data)
        if not rules.can_report(self.actor, covenant):
            raise PermissionDenied()
        try:
            if request.method == "POST":
                report = services.report_start(period=period, by=request.user)
            else:
                report = get_object_or_404(Report, period=period)
                required_version(request.data)
                serializer = ReportValuesSerializer(data=request.data)
                serializer.is_valid(raise_exception=True)
                values = {
                    v["indicator"].pk: (v.get("actual"), v.get("narrative", ""))
                    for v in serializer.validated_data["values"]
                }
                services.report_save(
                    report=report, expected_version=serializer.validated_data["version"], values=values
                )
        except DjangoValidationError as exc:
            _django_errors(exc)
        return Response(ReportSerializer(selectors.reports_queryset().get(pk=report.pk)).data)

    @extend_schema(
        summary="Submit a report to the city service",
        description="version: the report's version you read (409 when stale).",
        parameters=[PERIOD],
        request=SubmitReportSerializer,
        responses=ReportSerializer,
        examples=[_report_after("The submitted report")],
    )
    @action(detail=True, methods=["post"], url_path=r"reports/(?P<period_id>[^/]+)/submit")
    def submit_report(self, request, pk=None, period_id=None, **kwargs):
        covenant = self.get_object()
        report = get_object_or_404(Report, period=self._period(covenant, period_id))
        if not rules.can_report(self.actor, covenant):
            raise PermissionDenied()
        serializer = SubmitReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.report_submit(
                report=report,
                by=request.user,
                expected_version=serializer.validated_data.get("version"),
                answer=serializer.validated_data.get("answer", ""),
            )
        except DjangoValidationError as exc:
            _django_errors(exc)
        return Response(ReportSerializer(selectors.reports_queryset().get(pk=report.pk)).data)

    @extend_schema(
        summary="Accept a report or ask for a revision",
        parameters=[PERIOD],
        request=ReviewSerializer,
        responses=ReportSerializer,
        examples=[
            OpenApiExample("Request", value={"decision": "accept", "comment": "Thank you."}, request_only=True),
            _report_after("The accepted report", state="accepted", reviewed_at="2027-02-01T10:00:00+01:00"),
        ],
    )
    @action(detail=True, methods=["post"], url_path=r"reports/(?P<period_id>[^/]+)/review")
    def review_report(self, request, pk=None, period_id=None, **kwargs):
        covenant = self.get_object()
        report = get_object_or_404(Report, period=self._period(covenant, period_id))
        if not rules.can_review_reports(self.actor, covenant):
            raise PermissionDenied()
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.report_review(
                report=report,
                by=request.user,
                accept=serializer.validated_data["decision"] == "accept",
                comment=serializer.validated_data.get("comment", ""),
                expected_version=serializer.validated_data.get("version"),
            )
        except DjangoValidationError as exc:
            _django_errors(exc)
        return Response(ReportSerializer(selectors.reports_queryset().get(pk=report.pk)).data)


def register(router):
    router.register("covenants", CovenantViewSet, basename="covenant")
