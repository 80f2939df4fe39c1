"""API of the support app: /api/v1/support-requests/, support-offers/, mentorships/, space-bookings/ and
/api/v1/spaces/<id>/availability/. Who sees what: ``support.rules`` (a request nobody may see answers 404).
Steps are POST actions with the optional ``version``; a refused step answers 409. DELETE archives a catalogue
line; requests, mentorships and bookings are never deleted (405): cancel or decline them instead."""

import datetime

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from charter_portal.api import id_in_path
from charter_portal.api_versioning import (
    ACTION_VERSION_HELP,
    VERSION_HELP,
    VersionedModelSerializer,
    VersionRequiredOnUpdate,
)
from charter_portal.idempotency import IdempotentMixin
from charter_portal.permissions import actor_for
from charter_portal.text_limits import SHORT_TEXT
from offers.models import SharedSpace
from organisations.models import Organisation
from support import rules, selectors, services, workflow
from support.models import AvailabilityException, AvailabilitySlot, Booking, Mentorship, SupportOffer, SupportRequest

NO_DELETE = ["get", "post", "patch", "put", "head", "options"]
_ORGANISATIONS = Organisation.objects.filter(is_active=True, is_approved=True)


def _post_action(name: str, body, handler: str):
    """A POST action ``name`` (``take_up`` is ``take-up/``) that calls ``self.<handler>(request, name)``."""

    def act(self, request, pk=None):
        return getattr(self, handler)(request, name)

    act.__name__ = name
    return extend_schema(request=body)(action(detail=True, methods=["post"], url_path=name.replace("_", "-"))(act))


class SupportRequestSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=_ORGANISATIONS)

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "organisation",
            "kind",
            "needs",
            "needed_by",
            "status",
            "supporter",
            "reason",
            "helped",
            "answer_due_on",
            "asked_at",
            "taken_up_at",
            "closed_at",
            "version",
        ]
        read_only_fields = [
            "status",
            "supporter",
            "reason",
            "helped",
            "answer_due_on",
            "asked_at",
            "taken_up_at",
            "closed_at",
            "version",
        ]

    def create(self, validated_data):
        return services.support_request_create(by=self.context["request"].user, **validated_data)


class SupportRequestEditSerializer(VersionRequiredOnUpdate, serializers.ModelSerializer):
    """A PATCH of a request: what the asking organisation needs and by when (while the request is open)."""

    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)

    class Meta:
        model = SupportRequest
        fields = ["needs", "needed_by", "version"]

    def validate_needed_by(self, day):
        if day is not None and day < timezone.localdate() and day != self.instance.needed_by:
            raise serializers.ValidationError(_("The date cannot be in the past."))
        return day


class StepSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1, help_text=ACTION_VERSION_HELP)
    supporter = serializers.PrimaryKeyRelatedField(queryset=_ORGANISATIONS, required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=SHORT_TEXT)
    helped = serializers.BooleanField(required=False, allow_null=True, default=None)


class SupportRequestViewSet(
    IdempotentMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Support requests; PATCH changes ``needs`` and ``needed_by`` (the asking organisation, while the request is
    open: a closed one answers 409); the state changes through the step actions; no PUT, no DELETE (405)."""

    serializer_class = SupportRequestSerializer

    def get_queryset(self):
        return selectors.requests_for(actor_for(self.request.user)).order_by("-asked_at", "-id")

    @extend_schema(request=SupportRequestEditSerializer, responses=SupportRequestSerializer)
    def partial_update(self, request, pk=None):
        support_request = self.get_object()
        if not rules.can_edit_request(actor_for(request.user), support_request):
            raise PermissionDenied(_("Only the asking organisation changes its request."))
        body = SupportRequestEditSerializer(support_request, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        done = services.support_request_edit(
            request=support_request,
            by=request.user,
            needs=data.get("needs", support_request.needs),
            needed_by=data.get("needed_by", support_request.needed_by),
            expected_version=data["version"],
        )
        return Response(self.get_serializer(done).data)

    def _step(self, request, name):
        support_request = self.get_object()
        body = StepSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        done = services.support_request_step(
            request=support_request,
            by=request.user,
            name=name,
            expected_version=data.get("version"),
            supporter=data.get("supporter"),
            reason=data.get("reason", ""),
            helped=data.get("helped"),
        )
        return Response(self.get_serializer(done).data)

    take_up = _post_action("take_up", StepSerializer, "_step")
    start = _post_action("start", StepSerializer, "_step")
    done = _post_action("done", StepSerializer, "_step")
    not_possible = _post_action("not_possible", StepSerializer, "_step")
    confirm = _post_action("confirm", StepSerializer, "_step")


assert {s.name for s in workflow.STEPS} == {"take_up", "start", "done", "not_possible", "confirm"}


class SupportOfferSerializer(VersionedModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=_ORGANISATIONS)

    class Meta:
        model = SupportOffer
        fields = ["id", "organisation", "kind", "description", "for_whom", "how_to_ask", "is_active", "version"]
        read_only_fields = ["is_active"]

    def validate_organisation(self, organisation):
        actor = actor_for(self.context["request"].user)
        if not rules.offering_organisations(actor).filter(pk=organisation.pk).exists():
            raise serializers.ValidationError(_("You can only publish support of an organisation you administer."))
        if self.instance is not None and organisation.pk != self.instance.organisation_id:
            raise serializers.ValidationError(_("A catalogue line stays with its organisation."))
        return organisation


class SupportOfferViewSet(IdempotentMixin, viewsets.ModelViewSet):
    """The support catalogue; DELETE archives a line (it leaves the catalogue)."""

    serializer_class = SupportOfferSerializer

    def get_queryset(self):
        return SupportOffer.objects.listed().select_related("organisation").order_by("kind", "id")

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        if (
            request.method not in ("GET", "HEAD", "OPTIONS")
            and not rules.offering_organisations(actor_for(request.user)).filter(pk=obj.organisation_id).exists()
        ):
            raise PermissionDenied(_("Only the organisation's admins change its catalogue."))

    def perform_destroy(self, instance):
        instance.is_active = False
        services.support_offer_save(offer=instance)


class MentorshipSerializer(serializers.ModelSerializer):
    mentee = serializers.PrimaryKeyRelatedField(queryset=_ORGANISATIONS)
    mentor = serializers.PrimaryKeyRelatedField(queryset=_ORGANISATIONS)
    is_agreed = serializers.BooleanField(read_only=True)

    class Meta:
        model = Mentorship
        fields = [
            "id",
            "mentee",
            "mentor",
            "starts_on",
            "ends_on",
            "goal",
            "mentee_accepted_at",
            "mentor_accepted_at",
            "declined_at",
            "is_agreed",
            "version",
        ]
        read_only_fields = ["mentee_accepted_at", "mentor_accepted_at", "declined_at", "version"]

    def create(self, validated_data):
        return services.mentorship_propose(by=self.context["request"].user, **validated_data)


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1, help_text=ACTION_VERSION_HELP)


class MentorshipViewSet(
    IdempotentMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = MentorshipSerializer

    def get_queryset(self):
        return selectors.mentorships_for(actor_for(self.request.user)).order_by("-starts_on", "id")

    def _answer(self, request, step):
        body = VersionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        done = services.mentorship_answer(
            mentorship=self.get_object(),
            by=request.user,
            accept=step == "accept",
            expected_version=body.validated_data.get("version"),
        )
        return Response(self.get_serializer(done).data)

    accept = _post_action("accept", VersionSerializer, "_answer")
    decline = _post_action("decline", VersionSerializer, "_answer")


class BookingSerializer(serializers.ModelSerializer):
    space = serializers.PrimaryKeyRelatedField(queryset=SharedSpace.objects.listed())
    organisation = serializers.PrimaryKeyRelatedField(queryset=_ORGANISATIONS)
    weekly_until = serializers.DateField(
        write_only=True, required=False, allow_null=True, help_text=_("Repeat every week up to this day.")
    )

    class Meta:
        model = Booking
        fields = [
            "id",
            "space",
            "organisation",
            "starts_at",
            "ends_at",
            "purpose",
            "status",
            "series",
            "weekly_until",
            "version",
        ]
        read_only_fields = ["status", "series", "version"]

    def create(self, validated_data):
        made = services.booking_request(by=self.context["request"].user, **validated_data)
        self.context["made"] = made
        return made[0]


class BookingStepSerializer(VersionSerializer):
    series = serializers.BooleanField(
        required=False, default=False, help_text=_("Also the later bookings of the same weekly series.")
    )


class SpaceBookingViewSet(
    IdempotentMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Bookings of shared spaces that your organisations made or received. POST requests a booking (or a weekly
    series: the answer is the first of them); accept, decline and cancel are actions."""

    serializer_class = BookingSerializer

    def get_queryset(self):
        return selectors.bookings_for(actor_for(self.request.user)).order_by("starts_at", "id")

    def _step(self, request, step):
        body = BookingStepSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        rows = services.booking_answer(
            booking=self.get_object(),
            by=request.user,
            step=step,
            expected_version=body.validated_data.get("version"),
            whole_series=body.validated_data["series"],
        )
        return Response(self.get_serializer(rows[0]).data)

    accept = _post_action("accept", BookingStepSerializer, "_step")
    decline = _post_action("decline", BookingStepSerializer, "_step")
    cancel = _post_action("cancel", BookingStepSerializer, "_step")


class SlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = AvailabilitySlot
        fields = ["weekday", "starts_at", "ends_at"]


class ClosedSerializer(serializers.ModelSerializer):
    class Meta:
        model = AvailabilityException
        fields = ["starts_on", "ends_on", "reason"]


class BusySerializer(serializers.ModelSerializer):
    class Meta:
        model = Booking
        fields = ["starts_at", "ends_at", "status"]


class AvailabilitySerializer(serializers.Serializer):
    space = serializers.IntegerField()
    slots = SlotSerializer(many=True)
    closed = ClosedSerializer(many=True)
    busy = BusySerializer(many=True)


class SpaceAvailability(GenericAPIView):
    """A space's weekly slots, its closing periods and the periods already held (the next 8 weeks, or
    ``?from=YYYY-MM-DD``), for every logged-in partner."""

    serializer_class = AvailabilitySerializer
    pagination_class = None

    @extend_schema(parameters=[OpenApiParameter("pk", int, OpenApiParameter.PATH, description=_("The space's id."))])
    def get(self, request, pk):
        space = get_object_or_404(SharedSpace.objects.listed(), pk=id_in_path(pk))
        raw = request.query_params.get("from", "")
        try:
            since = datetime.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError:
            raise serializers.ValidationError({"from": [_("Give a date as YYYY-MM-DD.")]}) from None
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        data = {
            "space": space.pk,
            "slots": AvailabilitySlot.objects.filter(space=space),
            "closed": AvailabilityException.objects.filter(space=space, ends_on__gte=since),
            "busy": Booking.objects.holding().filter(
                space=space, ends_at__gt=start, starts_at__lt=start + datetime.timedelta(weeks=8)
            ),
        }
        return Response(AvailabilitySerializer(data).data)


# Any id up to the slash: the caller is authenticated before it is read (``id_in_path``).
urlpatterns = [path("spaces/<str:pk>/availability/", SpaceAvailability.as_view(), name="space-availability")]

for viewset in (SupportRequestViewSet, MentorshipViewSet, SpaceBookingViewSet):
    viewset.http_method_names = NO_DELETE


def register(router):
    router.register("support-requests", SupportRequestViewSet, basename="support-request")
    router.register("support-offers", SupportOfferViewSet, basename="support-offer")
    router.register("mentorships", MentorshipViewSet, basename="mentorship")
    router.register("space-bookings", SpaceBookingViewSet, basename="space-booking")
