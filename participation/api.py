"""API of participation: /api/v1/participation-moments/ (an organisation's own), /api/v1/public/youth-voice/
(aggregated and suppressed) and /api/v1/offers/<id>/feedback/ (anonymous, limited)."""

from axes.helpers import get_client_ip_address
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.authentication import ApiTokenAuthentication
from charter_portal.api_errors import ErrorResponseSerializer
from charter_portal.api_versioning import VERSION_HELP, VersionRequiredOnUpdate
from charter_portal.idempotency import IdempotentMixin
from charter_portal.personal_data import validate_no_personal_data
from neighbourhoods.models import MovementCircle, Neighbourhood
from offers.models import Offer
from organisations.models import Function, Organisation
from participation import rules, selectors, services, voice
from participation.identifying import validate_no_identifying_details
from participation.models import (
    AGE_BAND_FIELDS,
    MAX_QUOTES,
    MAX_RANKED,
    SCOPE_FIELDS,
    MomentPoint,
    OfferFeedback,
    ParticipationMoment,
    TimeBand,
)
from participation.services import PointData, QuoteData
from signals.models import Theme

TEXT_VALIDATORS = [validate_no_personal_data, validate_no_identifying_details]


def _errors(exc: DjangoValidationError):
    return serializers.ValidationError(
        exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    )


class Records(BasePermission):
    message = _("Participation moments are recorded by members of organisations.")

    def has_permission(self, request, view):
        from charter_portal.permissions import actor_for

        return rules.can_record(actor_for(request.user))


class ThemeCountSerializer(serializers.Serializer):
    theme = serializers.ChoiceField(choices=Theme.choices)
    raised_by = serializers.IntegerField(min_value=1, max_value=100_000)


class PointSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200, validators=TEXT_VALIDATORS)


class WishSerializer(PointSerializer):
    function = serializers.SlugRelatedField(
        slug_field="code", queryset=Function.objects.all(), required=False, allow_null=True
    )
    time_band = serializers.ChoiceField(choices=TimeBand.choices, required=False, allow_blank=True)
    neighbourhood = serializers.PrimaryKeyRelatedField(
        queryset=Neighbourhood.objects.defer("geometry"), required=False, allow_null=True
    )


class QuoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=280, validators=TEXT_VALIDATORS)
    is_public = serializers.BooleanField(default=False)


class MomentSerializer(VersionRequiredOnUpdate, serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, help_text=_("Needed when you belong to several.")
    )
    neighbourhoods = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Neighbourhood.objects.defer("geometry")
    )
    movement_circle = serializers.PrimaryKeyRelatedField(
        required=False, allow_null=True, queryset=MovementCircle.objects.all()
    )
    # Written as lists, read back from the moment's rows (``to_representation``).
    themes = ThemeCountSerializer(many=True, required=False, write_only=True)
    concerns = PointSerializer(many=True, required=False, max_length=MAX_RANKED, write_only=True)
    wishes = WishSerializer(many=True, required=False, max_length=MAX_RANKED, write_only=True)
    quotes = QuoteSerializer(many=True, required=False, max_length=MAX_QUOTES, write_only=True)
    participants = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)

    class Meta:
        model = ParticipationMoment
        fields = [
            "id",
            *SCOPE_FIELDS,
            *AGE_BAND_FIELDS.values(),
            "participants",
            "themes",
            "concerns",
            "wishes",
            "quotes",
            "confirmed_not_identifying",
            "is_archived",
            "is_demo",
            "version",
        ]
        read_only_fields = ["id", "is_archived", "is_demo"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        points = list(instance.points.all())
        data["themes"] = [{"theme": t.code, "raised_by": t.raised_by} for t in instance.themes.all()]
        data["concerns"] = [{"text": p.text} for p in points if p.kind == MomentPoint.Kind.CONCERN]
        data["wishes"] = [
            {
                "text": p.text,
                "function": p.function.code if p.function else None,
                "time_band": p.time_band,
                "neighbourhood": p.neighbourhood_id,
            }
            for p in points
            if p.kind == MomentPoint.Kind.WISH
        ]
        data["quotes"] = [{"text": q.text, "is_public": q.is_public} for q in instance.quotes.all()]
        return data

    def validate_organisation(self, organisation):
        from charter_portal.permissions import actor_for

        if organisation.pk not in rules.recording_organisation_ids(actor_for(self.context["request"].user)):
            raise serializers.ValidationError(_("You can only record moments of your own organisation."))
        return organisation

    def validate(self, attrs):
        from charter_portal.permissions import actor_for

        if self.instance is None and "organisation" not in attrs:
            own = sorted(rules.recording_organisation_ids(actor_for(self.context["request"].user)))
            if len(own) != 1:
                raise serializers.ValidationError(
                    {"organisation": [_("You belong to several organisations: say for which one.")]}
                )
            attrs["organisation"] = Organisation.objects.get(pk=own[0])
        if self.instance is not None:
            attrs.pop("organisation", None)
        return attrs

    def _save(self, moment, validated):
        expected = validated.pop("version", None)
        neighbourhoods = validated.pop("neighbourhoods", None)
        if neighbourhoods is None:
            neighbourhoods = list(moment.neighbourhoods.all()) if moment.pk else []
        said = {}
        for name in ("themes", "concerns", "wishes", "quotes"):
            said[name] = validated.pop(name, None)
        if moment.pk:
            points = list(moment.points.all())
            current = {
                "themes": [{"theme": t.code, "raised_by": t.raised_by} for t in moment.themes.all()],
                "concerns": [{"text": p.text} for p in points if p.kind == MomentPoint.Kind.CONCERN],
                "wishes": [
                    {"text": p.text, "function": p.function, "time_band": p.time_band, "neighbourhood": p.neighbourhood}
                    for p in points
                    if p.kind == MomentPoint.Kind.WISH
                ],
                "quotes": [{"text": q.text, "is_public": q.is_public} for q in moment.quotes.all()],
            }
            said = {name: value if value is not None else current[name] for name, value in said.items()}
        said = {name: value or [] for name, value in said.items()}
        for key, value in validated.items():
            setattr(moment, key, value)
        try:
            return services.moment_save(
                moment=moment,
                by=self.context["request"].user,
                expected_version=expected if moment.pk else None,
                neighbourhoods=neighbourhoods,
                themes={t["theme"]: t["raised_by"] for t in said["themes"]},
                concerns=[PointData(text=p["text"]) for p in said["concerns"]],
                wishes=[
                    PointData(
                        text=p["text"],
                        function=p.get("function"),
                        time_band=p.get("time_band") or "",
                        neighbourhood=p.get("neighbourhood"),
                    )
                    for p in said["wishes"]
                ],
                quotes=[QuoteData(text=q["text"], is_public=q.get("is_public", False)) for q in said["quotes"]],
            )
        except DjangoValidationError as exc:
            raise _errors(exc) from None

    def create(self, validated_data):
        return self._save(ParticipationMoment(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)


@extend_schema_view(
    list=extend_schema(summary="Our participation moments", description="The moments of your organisations."),
    retrieve=extend_schema(summary="One participation moment"),
    create=extend_schema(
        summary="Record a participation moment",
        description="Counts per age band, themes, up to five concerns, wishes and quotes; no personal data, no "
        "names with ages. `organisation` is required when you belong to several.",
    ),
    update=extend_schema(summary="Change a moment", description="Send the version you read; 409 when stale."),
    partial_update=extend_schema(summary="Change some fields of a moment"),
    destroy=extend_schema(
        summary="Archive a moment",
        description="The moment leaves every aggregate; its record stays. Answers 200 with the archived moment.",
        responses={200: OpenApiResponse(MomentSerializer)},
    ),
)
class MomentViewSet(IdempotentMixin, viewsets.ModelViewSet):
    serializer_class = MomentSerializer
    permission_classes = [Records]

    def get_queryset(self):
        from charter_portal.permissions import actor_for

        return (
            rules.visible_moments(actor_for(self.request.user), ParticipationMoment.objects.all())
            .select_related("organisation")
            .prefetch_related("neighbourhoods", "themes", "quotes", "points__function")
            .order_by("-held_on", "-pk")
        )

    def destroy(self, request, *args, **kwargs):
        moment = self.get_object()
        services.moment_archive(moment=moment, expected_version=request.data.get("version") if request.data else None)
        moment.refresh_from_db()
        return Response(self.get_serializer(moment).data, status=status.HTTP_200_OK)


class VoiceQuerySerializer(serializers.Serializer):
    neighbourhood = serializers.PrimaryKeyRelatedField(
        queryset=Neighbourhood.objects.defer("geometry"), required=False, allow_null=True
    )
    theme = serializers.ChoiceField(choices=Theme.choices, required=False)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(required=False, min_value=1, max_value=4)


def _figure_field():
    return serializers.JSONField(
        help_text=_('A whole number of 5 or more, "fewer than 5", or "not shown" when it would give one away.')
    )


class VoiceThemeSerializer(serializers.Serializer):
    theme = serializers.CharField()
    label = serializers.CharField()
    raised_by = _figure_field()
    moments = serializers.IntegerField()


class VoiceSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    quarter = serializers.IntegerField(allow_null=True)
    neighbourhood = serializers.IntegerField(allow_null=True)
    moments = serializers.IntegerField()
    participants = _figure_field()
    participants_by_age = serializers.DictField(child=_figure_field())
    themes = VoiceThemeSerializer(many=True)


class YouthVoiceView(APIView):
    """What young people say, aggregated per fixed period; every figure below 5 is "fewer than 5"."""

    permission_classes = [AllowAny]

    @extend_schema(
        summary="What young people say",
        parameters=[
            OpenApiParameter("neighbourhood", int, description="A neighbourhood id; city-wide without it."),
            OpenApiParameter("theme", str, enum=Theme.values, description="Only this theme."),
            OpenApiParameter("year", int, description="A calendar year; this year without it."),
            OpenApiParameter("quarter", int, enum=[1, 2, 3, 4], description="A quarter of the year."),
        ],
        responses=VoiceSerializer,
    )
    def get(self, request):
        from django.utils import timezone

        query = VoiceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        quarter = query.validated_data.get("quarter")
        area = query.validated_data.get("neighbourhood")
        row = area.pk if area else voice.ALL
        scope = selectors.scope_figures(year, quarter, row)
        theme = query.validated_data.get("theme")
        themes = [t for t in scope.themes if not theme or t.code == theme]
        data = {
            "year": year,
            "quarter": quarter,
            "neighbourhood": area.pk if area else None,
            "moments": scope.moments,
            "participants": scope.participants.as_data(),
            "participants_by_age": {
                band: voice.year_voice(year).bands.figure(voice.period_key(quarter), row, band).as_data()
                for band in AGE_BAND_FIELDS
            },
            "themes": [
                {"theme": t.code, "label": str(t.label), "raised_by": t.raised_by.as_data(), "moments": t.moments}
                for t in themes
            ],
        }
        return Response(VoiceSerializer(data).data)


class FeedbackSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=OfferFeedback.Rating.choices, help_text=_("1 (very bad) to 5 (very good)"))
    comes_back = serializers.BooleanField(required=False, allow_null=True, default=None)


class OfferFeedbackView(IdempotentMixin, APIView):
    """Anonymous feedback on a published offer; one answer per offer per device and a few per address a day."""

    permission_classes = [AllowAny]
    # Anonymous, but a token that is sent must be valid (a bad token is a 401, as everywhere in the API); no session,
    # so a browser that is logged in needs no CSRF token here.
    authentication_classes = [ApiTokenAuthentication]

    @extend_schema(
        summary="Give feedback on an offer",
        request=FeedbackSerializer,
        responses={
            201: OpenApiResponse(description="Thank you."),
            429: OpenApiResponse(
                ErrorResponseSerializer,
                description="Already today: this device or address already answered for this offer today.",
            ),
        },
    )
    def post(self, request, pk):
        offer = get_object_or_404(Offer.objects.publicly_visible(), pk=pk)
        serializer = FeedbackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        device = request.headers.get("X-Device-Token") or request.COOKIES.get(services.feedback_cookie_name()) or ""
        try:
            services.feedback_give(
                offer=offer,
                rating=serializer.validated_data["rating"],
                comes_back=serializer.validated_data.get("comes_back"),
                address=get_client_ip_address(request) or "",
                device=device,
            )
        except services.FeedbackLimit:
            raise Throttled(detail=_("This device or address already answered for this offer today.")) from None
        return Response({"detail": _("Thank you!")}, status=status.HTTP_201_CREATED)


def register(router):
    router.register("participation-moments", MomentViewSet, basename="participation-moment")


from django.urls import path  # noqa: E402

urlpatterns = [
    path("public/youth-voice/", YouthVoiceView.as_view(), name="youth-voice"),
    path("offers/<int:pk>/feedback/", OfferFeedbackView.as_view(), name="offer-feedback"),
]
