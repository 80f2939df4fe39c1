"""/api/v1/signals/: list (with the page filters), retrieve, report, and one action per workflow step."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from charter_portal.api import KeptListMixin
from charter_portal.api_csv import CSVListMixin
from charter_portal.api_errors import error_responses
from charter_portal.api_lean import LeanListMixin, Linked
from charter_portal.api_versioning import ActionVersionSerializer
from charter_portal.idempotency import IdempotentMixin
from charter_portal.permissions import actor_for
from charter_portal.personal_data import validate_no_personal_data
from neighbourhoods.models import MovementCircle, Neighbourhood
from organisations.models import Organisation
from signals import rules, services
from signals.filters import SignalFilter
from signals.models import ChildrenAffected, Outcome, Signal, Theme, TimelineEntry


class ReadsSignals(BasePermission):
    message = _("Only members of partner organisations and city staff can read signals.")

    def has_permission(self, request, view):
        return rules.can_read_signals(actor_for(request.user))


class TimelineEntrySerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.get_full_name", default=None, read_only=True, allow_null=True)
    author_organisation = serializers.CharField(
        source="author_organisation.name", default=None, read_only=True, allow_null=True
    )

    class Meta:
        model = TimelineEntry
        fields = ["kind", "created_at", "author", "author_organisation", "text", "status_after", "is_internal"]


class ThemesField(serializers.ListField):
    """Theme codes in and out; stored as one row per code."""

    def get_attribute(self, instance):
        return instance.theme_codes


class SignalSerializer(serializers.ModelSerializer):
    themes = ThemesField(child=serializers.ChoiceField(choices=Theme.choices), allow_empty=False)
    neighbourhoods = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Neighbourhood.objects.all())
    movement_circles = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=MovementCircle.objects.all()
    )
    children_affected = serializers.ChoiceField(choices=ChildrenAffected.choices)
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.approved(), required=False, help_text=_("Needed when you belong to several.")
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    responsible_service = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    responsible_service_name = serializers.CharField(
        source="responsible_service.name", default=None, read_only=True, allow_null=True
    )
    due_at = serializers.DateField(source="due_on", read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)
    endorsement_count = serializers.IntegerField(read_only=True)
    is_priority = serializers.BooleanField(read_only=True)
    priority_round = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    outcome = serializers.ChoiceField(choices=Outcome.choices, read_only=True, allow_blank=True)

    class Meta:
        model = Signal
        fields = [
            "id",
            "title",
            "description",
            "themes",
            "neighbourhoods",
            "movement_circles",
            "city_wide",
            "children_affected",
            "since",
            "actions_taken",
            "organisation",
            "organisation_name",
            "status",
            "responsible_service",
            "responsible_service_name",
            "submitted_at",
            "acknowledged_at",
            "answered_at",
            "closed_at",
            "due_at",
            "is_overdue",
            "outcome",
            "answer",
            "endorsement_count",
            "is_priority",
            "priority_round",
            "priority_rank",
            "version",
        ]
        read_only_fields = [
            "status",
            "submitted_at",
            "acknowledged_at",
            "answered_at",
            "closed_at",
            "outcome",
            "answer",
            "priority_rank",
            "version",
        ]


class SignalDetailSerializer(SignalSerializer):
    timeline = serializers.SerializerMethodField(help_text=_("Internal notes only for city staff."))

    class Meta(SignalSerializer.Meta):
        fields = [*SignalSerializer.Meta.fields, "timeline"]

    @extend_schema_field(TimelineEntrySerializer(many=True))
    def get_timeline(self, signal):
        entries = self.context["timeline"]
        return TimelineEntrySerializer(entries, many=True).data


class VersionedActionSerializer(ActionVersionSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", validators=[validate_no_personal_data])


class AcknowledgeSerializer(VersionedActionSerializer):
    responsible_service = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.city_services().approved())


class AnswerSerializer(VersionedActionSerializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    answer = serializers.CharField(validators=[validate_no_personal_data])


class ReopenSerializer(VersionedActionSerializer):
    reason = serializers.CharField(validators=[validate_no_personal_data])


class EndorseSerializer(ActionVersionSerializer):
    observation = serializers.CharField(
        required=False, allow_blank=True, default="", validators=[validate_no_personal_data]
    )
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.approved(), required=False)


def _run(call):
    """Translate the service's refusals into API answers; nothing changed in every refused case."""
    try:
        return call()
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc


_SIGNAL_EXAMPLE = {
    "id": 42,
    "title": "Playground unlit at night",
    "description": "Children stay away from the playground on the Rabotplein after dark: the lamps are broken.",
    "themes": ["public_space"],
    "neighbourhoods": [7],
    "movement_circles": [],
    "city_wide": False,
    "children_affected": "21-50",
    "since": "2026-01-15",
    "actions_taken": "We told the neighbourhood manager.",
    "organisation": 3,
    "organisation_name": "Jeugdwerkhuis De Brug (demo)",
    "status": "acknowledged",
    "responsible_service": 1,
    "responsible_service_name": "Jeugddienst Stad Gent (demo)",
    "submitted_at": "2026-02-02T10:15:00+01:00",
    "acknowledged_at": "2026-02-04T09:00:00+01:00",
    "answered_at": None,
    "closed_at": None,
    "due_at": "2026-03-04",
    "is_overdue": False,
    "outcome": "",
    "answer": "",
    "endorsement_count": 2,
    "is_priority": False,
    "priority_round": None,
    "priority_rank": None,
    "version": 2,
}


def _signal_response(name: str, **changes):
    return OpenApiExample(name, value={**_SIGNAL_EXAMPLE, **changes}, response_only=True, status_codes=["200"])


def _transition(summary: str, description: str, request, request_example: dict, *, after: dict):
    return extend_schema(
        summary=summary,
        description=description
        + " Answers the signal as it is afterwards; 409 when the step does not fit the signal's status or when the "
        "version you sent is stale (nothing changed then).",
        request=request,
        responses={200: SignalSerializer, **error_responses(409)},
        examples=[
            OpenApiExample("Request", value=request_example, request_only=True),
            _signal_response("The signal afterwards", **after),
        ],
    )


@extend_schema_view(
    list=extend_schema(
        summary="Signals",
        description="Signals that partners reported to the city, newest first, with the filters of the signal pages.",
        examples=[
            OpenApiExample(
                "A page of signals",
                value=_SIGNAL_EXAMPLE,
                response_only=True,
                status_codes=["200"],
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One signal with its timeline",
        description="The signal and its timeline; internal notes only for city staff.",
    ),
    create=extend_schema(
        summary="Report a signal",
        description="Reports a signal for your organisation (give organisation when you belong to several). "
        "Free text may not contain personal data (R10).",
        request=SignalSerializer,
        responses={201: SignalSerializer},
        examples=[
            OpenApiExample(
                "A new signal",
                value={
                    "title": "Playground unlit at night",
                    "description": "Children stay away from the playground on the Rabotplein after dark.",
                    "themes": ["public_space"],
                    "neighbourhoods": [7],
                    "children_affected": "21-50",
                    "since": "2026-01-15",
                    "actions_taken": "We told the neighbourhood manager.",
                },
                request_only=True,
            ),
            OpenApiExample(
                "The signal as reported",
                value={**_SIGNAL_EXAMPLE, "status": "submitted", "acknowledged_at": None, "version": 1},
                response_only=True,
                status_codes=["201"],
            ),
        ],
    ),
    acknowledge=_transition(
        "Acknowledge a signal",
        "City staff acknowledge a submitted signal and name the responsible city service.",
        AcknowledgeSerializer,
        {"responsible_service": 1, "note": "The park service will look at the lamps.", "version": 1},
        after={"status": "acknowledged"},
    ),
    start=_transition(
        "Start working on a signal",
        "The responsible city service starts working on an acknowledged signal.",
        VersionedActionSerializer,
        {"note": "", "version": 2},
        after={"status": "in_progress", "version": 3},
    ),
    answer=_transition(
        "Answer a signal",
        "The responsible city service answers the signal with an outcome.",
        AnswerSerializer,
        {"outcome": "action_planned", "answer": "New lamps are ordered for March.", "version": 3},
        after={"status": "answered", "outcome": "action_planned", "answer": "New lamps are ordered for March."},
    ),
    close=_transition(
        "Close a signal",
        "The reporting organisation (or city staff) closes an answered signal.",
        VersionedActionSerializer,
        {"note": "Thank you.", "version": 4},
        after={"status": "closed"},
    ),
    reopen=_transition(
        "Reopen a signal",
        "The reporting organisation reopens an answered or closed signal, with a reason.",
        ReopenSerializer,
        {"reason": "The lamps are still broken.", "version": 5},
        after={"status": "in_progress"},
    ),
    endorse=_transition(
        "Endorse a signal",
        "Another partner organisation says it sees the same (once per organisation).",
        EndorseSerializer,
        {"observation": "We see the same at the Blaisantvest."},
        after={"endorsement_count": 3},
    ),
)
class SignalViewSet(
    IdempotentMixin, KeptListMixin, LeanListMixin, CSVListMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    kept_domains = ("signals", "organisations")
    # What the list's serializer reads from properties of the model (charter_portal/api_lean.py)
    lean_extra = {
        "themes": Linked("themes", "code"),
        "is_overdue": F("due_on"),  # compared with today in lean_finish, as Signal.is_overdue does
        "endorsement_count": F("endorsement_total"),
        "is_priority": ExpressionWrapper(Q(priority_round__isnull=False), output_field=BooleanField()),
    }

    def lean_finish(self, rows):
        today = timezone.localdate()
        for row in rows:
            row["is_overdue"] = row["is_overdue"] is not None and today > row["is_overdue"]
        return rows

    permission_classes = [ReadsSignals]
    filterset_class = SignalFilter

    def get_queryset(self):
        return Signal.objects.for_lists().order_by("-submitted_at", "-pk")

    def get_serializer_class(self):
        return SignalDetailSerializer if self.action == "retrieve" else SignalSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve":
            entries = TimelineEntry.objects.filter(signal_id=self.kwargs["pk"]).select_related(
                "author", "author_organisation"
            )
            if not rules.can_read_internal_notes(actor_for(self.request.user)):
                entries = entries.filter(is_internal=False)
            context["timeline"] = entries
        return context

    def create(self, request, *args, **kwargs):
        serializer = SignalSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        actor = actor_for(request.user)
        organisation = data.pop("organisation", None)
        if organisation is None:
            own = sorted(rules.reporting_organisation_ids(actor))
            if len(own) != 1:
                raise ValidationError({"organisation": [_("Say for which organisation you report this signal.")]})
            organisation = Organisation.objects.get(pk=own[0])
        signal = _run(lambda: services.signal_report(by=request.user, organisation=organisation, **data))
        signal = self.get_queryset().get(pk=signal.pk)
        return Response(SignalSerializer(signal).data, status=status.HTTP_201_CREATED)

    def _transition(self, request, serializer_class, call):
        signal = self.get_object()
        # Who may take the step is settled before the body is read: a refused caller learns nothing from it.
        actor = actor_for(request.user)
        if self.action == "endorse":
            if not rules.can_endorse(actor):
                raise PermissionDenied(_("Only members of a partner organisation can endorse a signal."))
        elif not rules.can_make(actor, self.action, signal):
            raise PermissionDenied(_("You may not do this with this signal."))
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        _run(lambda: call(signal, data))
        signal = self.get_queryset().get(pk=signal.pk)
        return Response(SignalSerializer(signal).data)

    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None, **kwargs):
        return self._transition(
            request,
            AcknowledgeSerializer,
            lambda s, d: services.signal_acknowledge(
                signal=s,
                by=request.user,
                responsible_service=d["responsible_service"],
                note=d["note"],
                expected_version=d.get("version"),
            ),
        )

    @action(detail=True, methods=["post"])
    def start(self, request, pk=None, **kwargs):
        return self._transition(
            request,
            VersionedActionSerializer,
            lambda s, d: services.signal_start(
                signal=s, by=request.user, note=d["note"], expected_version=d.get("version")
            ),
        )

    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None, **kwargs):
        return self._transition(
            request,
            AnswerSerializer,
            lambda s, d: services.signal_answer(
                signal=s, by=request.user, outcome=d["outcome"], answer=d["answer"], expected_version=d.get("version")
            ),
        )

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None, **kwargs):
        return self._transition(
            request,
            VersionedActionSerializer,
            lambda s, d: services.signal_close(
                signal=s, by=request.user, note=d["note"], expected_version=d.get("version")
            ),
        )

    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None, **kwargs):
        return self._transition(
            request,
            ReopenSerializer,
            lambda s, d: services.signal_reopen(
                signal=s, by=request.user, reason=d["reason"], expected_version=d.get("version")
            ),
        )

    @action(detail=True, methods=["post"])
    def endorse(self, request, pk=None, **kwargs):
        return self._transition(
            request,
            EndorseSerializer,
            lambda s, d: services.signal_endorse(
                signal=s,
                by=request.user,
                organisation=d.get("organisation"),
                observation=d["observation"],
                expected_version=d.get("version"),
            ),
        )


def register(router):
    router.register("signals", SignalViewSet, basename="signal")
