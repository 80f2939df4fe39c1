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
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response

from charter_portal.api import KeptListMixin, refuse_a_method_the_route_does_not_offer
from charter_portal.api_csv import CSVListMixin
from charter_portal.api_errors import error_responses
from charter_portal.api_lean import LeanListMixin, Linked
from charter_portal.api_versioning import ActionVersionSerializer
from charter_portal.idempotency import IdempotentMixin
from charter_portal.permissions import actor_for
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import NOTE_TEXT, TEXT
from neighbourhoods.models import MovementCircle, Neighbourhood
from organisations.models import Organisation
from signals import rules, services, youth_voice
from signals.filters import SignalFilter
from signals.models import (
    ChildrenAffected,
    Outcome,
    PrioritisationRound,
    Signal,
    SignalAction,
    Theme,
    TimelineEntry,
    Vote,
)


class ReadsSignals(BasePermission):
    message = _("Only members of partner organisations and city staff can read signals.")

    def has_permission(self, request, view):
        return rules.can_read_signals(actor_for(request.user))


TIMELINE_TEXT_HELP = _("In the language of the request: the portal's own sentence, then what a person wrote.")


class TimelineEntrySerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField(help_text=_("The author's name; never an e-mail address."))
    text = serializers.CharField(source="display_text", read_only=True, help_text=TIMELINE_TEXT_HELP)
    author_organisation = serializers.CharField(
        source="author_organisation.name", default=None, read_only=True, allow_null=True
    )

    class Meta:
        model = TimelineEntry
        fields = ["kind", "created_at", "author", "author_organisation", "text", "status_after", "is_internal"]

    def get_author(self, entry) -> str | None:
        return entry.author_name or None


class ThemesField(serializers.ListField):
    """Theme codes in and out; stored as one row per code."""

    def get_attribute(self, instance):
        return instance.theme_codes


def _raised_by_young_people_field():
    """Annotated by ``Signal.objects.for_lists()`` (``signals.youth_voice``); false on a signal read otherwise."""
    return serializers.BooleanField(
        read_only=True, default=False, help_text=_("The signal cites participation moments: raised by young people.")
    )


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
    responsible_body = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text=_("A city service or another public body.")
    )
    responsible_body_name = serializers.CharField(
        source="responsible_body.name", default=None, read_only=True, allow_null=True
    )
    # v1 kept the names of the time when only city services were responsible: the same values.
    responsible_service = serializers.PrimaryKeyRelatedField(
        source="responsible_body", read_only=True, allow_null=True, help_text=_("Alias of responsible_body (v1).")
    )
    responsible_service_name = serializers.CharField(
        source="responsible_body.name",
        default=None,
        read_only=True,
        allow_null=True,
        help_text=_("Alias of responsible_body_name (v1)."),
    )
    is_public = serializers.BooleanField(
        required=False, default=False, help_text=_("Readable without login (the reporting organisation decides).")
    )
    due_at = serializers.DateField(source="due_on", read_only=True, allow_null=True)
    is_overdue = serializers.BooleanField(read_only=True)
    endorsement_count = serializers.IntegerField(read_only=True)
    is_priority = serializers.BooleanField(read_only=True)
    priority_round = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    outcome = serializers.ChoiceField(choices=Outcome.choices, read_only=True, allow_blank=True)
    raised_by_young_people = _raised_by_young_people_field()

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
            "responsible_body",
            "responsible_body_name",
            "responsible_service",
            "responsible_service_name",
            "is_public",
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
            "raised_by_young_people",
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
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=NOTE_TEXT, validators=[validate_no_personal_data]
    )


class BodySerializerMixin(serializers.Serializer):
    """``responsible_body``, or its v1 alias ``responsible_service``: a city service or another public body."""

    responsible_body = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.approved(), required=False, help_text=_("A city service or another public body.")
    )
    responsible_service = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.approved(),
        required=False,
        write_only=True,
        help_text=_("Alias of responsible_body (v1)."),
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        alias = attrs.pop("responsible_service", None)
        attrs.setdefault("responsible_body", alias)
        if attrs["responsible_body"] is None:
            raise ValidationError({"responsible_body": [_("This field is required.")]})
        return attrs


class AcknowledgeSerializer(BodySerializerMixin, VersionedActionSerializer):
    pass


class AnswerSerializer(VersionedActionSerializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    answer = serializers.CharField(max_length=TEXT, validators=[validate_no_personal_data])


class ReopenSerializer(VersionedActionSerializer):
    reason = serializers.CharField(max_length=NOTE_TEXT, validators=[validate_no_personal_data])


class EndorseSerializer(ActionVersionSerializer):
    observation = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=NOTE_TEXT, validators=[validate_no_personal_data]
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
    "responsible_body": 1,
    "responsible_body_name": "Jeugddienst Stad Gent (demo)",
    "responsible_service": 1,
    "responsible_service_name": "Jeugddienst Stad Gent (demo)",
    "is_public": False,
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


# Follow-up actions, comments, reassignment, confirmation, visibility (issue 19) ------------------------------


class ActionSerializer(serializers.ModelSerializer):
    responsible_body = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.approved())
    responsible_body_name = serializers.CharField(source="responsible_body.name", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = SignalAction
        fields = [
            "id",
            "signal",
            "description",
            "responsible_body",
            "responsible_body_name",
            "due_on",
            "status",
            "progress",
            "drop_reason",
            "is_overdue",
            "finished_on",
            "version",
        ]
        read_only_fields = ["signal", "status", "progress", "drop_reason", "finished_on", "version"]


class ActionUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=SignalAction.State.choices, required=False)
    progress = serializers.IntegerField(min_value=0, max_value=100, required=False)
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=NOTE_TEXT, validators=[validate_no_personal_data]
    )
    version = serializers.IntegerField(help_text=_("The version you read (428 without it, 409 when stale)."))


class CommentSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=NOTE_TEXT, validators=[validate_no_personal_data])
    is_internal = serializers.BooleanField(required=False, default=False, help_text=_("City staff only."))


class ReassignSerializer(BodySerializerMixin, VersionedActionSerializer):
    reason = serializers.CharField(max_length=NOTE_TEXT, validators=[validate_no_personal_data])


class ConfirmSerializer(ActionVersionSerializer):
    resolved = serializers.BooleanField()
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=NOTE_TEXT, validators=[validate_no_personal_data]
    )


class VisibilitySerializer(serializers.Serializer):
    is_public = serializers.BooleanField()
    version = serializers.IntegerField()


class _EmptyIsAValue:
    """An optional query parameter given empty (``?to=``) is a value the schema refuses, where DRF would read it
    as not given: ``to_internal_value`` refuses it with the field's usual message (a 400)."""

    def get_value(self, dictionary):
        if dictionary.get(self.field_name) == "":
            return ""
        return super().get_value(dictionary)


class QueryDateField(_EmptyIsAValue, serializers.DateField):
    pass


class QueryChoiceField(_EmptyIsAValue, serializers.ChoiceField):
    pass


class StatsQuerySerializer(serializers.Serializer):
    # ``from`` is a Python keyword: the field is renamed below.
    to = QueryDateField(required=False)
    group_by = QueryChoiceField(choices=["body", "theme"], required=False, default="body")

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = QueryDateField(required=False)
        return fields


def _figures(f) -> dict:
    return {
        "label": str(f.label),
        "count": f.count,
        "median_days_to_acknowledge": f.median_days_to_acknowledge,
        "median_days_to_answer": f.median_days_to_answer,
        "answered_on_time_share": f.answered_on_time_share,
        "actions_done_on_time_share": f.actions_done_on_time_share,
    }


def _need_version(data):
    from charter_portal.api_versioning import required_version

    required_version(data)


class SignalFollowUpMixin:
    """The endpoints of issue 19 on /api/v1/signals/<id>/."""

    def _fresh(self, signal):
        return self.get_queryset().get(pk=signal.pk)

    def _checked_step(self, request, serializer_class, rule, refusal, call):
        """A step on one signal: the rule before the body is read, then the body, then the service."""
        signal = self.get_object()
        if not rule(actor_for(request.user), signal):
            raise PermissionDenied(refusal)
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        _run(lambda: call(signal, data.validated_data))
        return Response(SignalSerializer(self._fresh(signal)).data)

    @extend_schema(
        summary="Make a signal public or not",
        description="The reporting organisation sends `is_public` and the `version` it read; nothing else changes "
        "here.",
        request=VisibilitySerializer,
        responses={200: SignalSerializer, **error_responses(409)},
    )
    def partial_update(self, request, pk=None, **kwargs):
        signal = self.get_object()
        if not rules.can_set_public(actor_for(request.user), signal):
            raise PermissionDenied(_("Only the reporting organisation decides whether its signal is public."))
        _need_version(request.data)
        extra = set(request.data) - {"is_public", "version"}
        if extra:
            raise ValidationError({name: [_("Only is_public can change here.")] for name in sorted(extra)})
        data = VisibilitySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _run(
            lambda: services.signal_set_public(
                signal=signal,
                by=request.user,
                is_public=data.validated_data["is_public"],
                expected_version=data.validated_data["version"],
            )
        )
        return Response(SignalSerializer(self._fresh(signal)).data)

    @extend_schema(
        methods=["GET"],
        summary="Follow-up actions of a signal",
        responses={200: ActionSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Plan a follow-up action",
        description="The responsible body (or a city admin) plans an action on a signal in progress or answered with "
        "“action planned”: what, which body (a city service or another public body), by when.",
        request=ActionSerializer,
        responses={201: ActionSerializer, **error_responses(409)},
    )
    @action(detail=True, methods=["get", "post"], url_path="actions", filter_backends=[], pagination_class=None)
    def actions(self, request, pk=None, **kwargs):
        signal = self.get_object()
        if request.method == "GET":
            rows = SignalAction.objects.filter(signal=signal).select_related("responsible_body")
            return Response(ActionSerializer(rows, many=True).data)
        if not rules.can_manage_actions(actor_for(request.user), signal):
            raise PermissionDenied(_("Only the responsible body plans follow-up actions."))
        data = ActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        item = _run(
            lambda: services.action_add(
                signal=signal,
                by=request.user,
                description=d["description"],
                responsible_body=d["responsible_body"],
                due_on=d["due_on"],
            )
        )
        return Response(ActionSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary="Comments on a signal",
        description="Internal comments only for city staff and the responsible body.",
        responses={200: TimelineEntrySerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Comment on a signal",
        description="The reporting organisation, endorsers, the responsible body and city staff comment without "
        "reopening the signal; city staff may mark a comment internal.",
        request=CommentSerializer,
        responses={201: TimelineEntrySerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="comments", filter_backends=[], pagination_class=None)
    def comments(self, request, pk=None, **kwargs):
        signal = self.get_object()
        actor = actor_for(request.user)
        if request.method == "GET":
            rows = signal.timeline.filter(kind=TimelineEntry.Kind.COMMENT).select_related(
                "author", "author_organisation"
            )
            if not rules.can_read_internal_notes(actor, signal):
                rows = rows.filter(is_internal=False)
            return Response(TimelineEntrySerializer(rows, many=True).data)
        data = CommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = _run(lambda: services.signal_comment(signal=signal, by=request.user, **data.validated_data))
        return Response(TimelineEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Hand a signal to another body",
        description="City staff or the responsible body name another responsible body with a reason; both bodies "
        "are notified. `responsible_service` is accepted as an alias of `responsible_body` in v1.",
        request=ReassignSerializer,
        responses={200: SignalSerializer, **error_responses(409)},
    )
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None, **kwargs):
        return self._checked_step(
            request,
            ReassignSerializer,
            rules.can_reassign,
            _("Only city staff and the responsible body can reassign a signal."),
            lambda signal, d: services.signal_reassign(
                signal=signal,
                by=request.user,
                responsible_body=d["responsible_body"],
                reason=d["reason"],
                expected_version=d.get("version"),
            ),
        )

    @extend_schema(
        summary="Confirm whether the problem is resolved",
        description="The reporting organisation answers the request to confirm: `resolved: true` closes the "
        "signal, `resolved: false` with a `reason` reopens it.",
        request=ConfirmSerializer,
        responses={200: SignalSerializer, **error_responses(409)},
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None, **kwargs):
        return self._checked_step(
            request,
            ConfirmSerializer,
            rules.can_confirm,
            _("Only the reporting organisation confirms whether the problem is resolved."),
            lambda signal, d: services.signal_confirm(
                signal=signal,
                by=request.user,
                resolved=d["resolved"],
                reason=d["reason"],
                expected_version=d.get("version"),
            ),
        )

    @extend_schema(
        summary="Response figures",
        description="Numbers only, also for anonymous readers, over public and non-public signals alike: per "
        "responsible body or per theme, for signals reported between `from` and `to` (ISO dates, both optional).",
        parameters=[StatsQuerySerializer],
        responses={200: dict},
    )
    @action(detail=False, methods=["get"], permission_classes=[AllowAny], filter_backends=[], pagination_class=None)
    def stats(self, request, **kwargs):
        from signals import public_views

        query = StatsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        d = query.validated_data
        if d.get("from") and d.get("to") and d["from"] > d["to"]:
            raise ValidationError({"from": [_("The start of the period comes after its end.")]})
        figures = public_views.public_figures(d.get("from"), d.get("to"))
        groups = figures["per_body"] if d["group_by"] == "body" else figures["per_theme"]
        return Response(
            {
                "from": d.get("from"),
                "to": d.get("to"),
                "group_by": d["group_by"],
                "overall": _figures(figures["overall"]),
                "groups": [_figures(f) for f in groups],
            }
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
        "City staff (or the staff of the body a routing rule proposed) acknowledge a submitted signal and confirm "
        "or change the responsible body: a city service or another public body (OCMW, police zone, school). "
        "`responsible_service` is accepted as an alias of `responsible_body` in v1.",
        AcknowledgeSerializer,
        {"responsible_body": 1, "note": "The park service will look at the lamps.", "version": 1},
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
    SignalFollowUpMixin,
    IdempotentMixin,
    KeptListMixin,
    LeanListMixin,
    CSVListMixin,
    mixins.CreateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    kept_domains = ("signals", "organisations")
    # What the list's serializer reads from properties of the model (charter_portal/api_lean.py)
    lean_extra = {
        "themes": Linked("themes", "code"),
        "is_overdue": F("due_on"),  # compared with today in lean_finish, as Signal.is_overdue does
        "endorsement_count": F("endorsement_total"),
        "raised_by_young_people": F("raised_by_young_people"),
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
            body = Signal.objects.filter(pk=self.kwargs["pk"]).values("responsible_body_id").first() or {}
            signal = Signal(responsible_body_id=body.get("responsible_body_id"))
            if not rules.can_read_internal_notes(actor_for(self.request.user), signal):
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
                responsible_body=d["responsible_body"],
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
    router.register("signal-actions", SignalActionViewSet, basename="signal-action")
    router.register("signal-rounds", RoundViewSet, basename="signal-round")
    router.register("public/signals", PublicSignalViewSet, basename="public-signal")


@extend_schema_view(
    retrieve=extend_schema(summary="One follow-up action"),
    partial_update=extend_schema(
        summary="Report progress on a follow-up action",
        description="`status` (planned, in_progress, done, dropped: dropped needs a `note` with the reason), "
        "`progress` in percent, `note`, and the `version` you read (428 without it, 409 when stale). Each update "
        "is a timeline entry of the signal.",
        request=ActionUpdateSerializer,
        responses={200: ActionSerializer, **error_responses(409)},
    ),
)
class SignalActionViewSet(viewsets.GenericViewSet, mixins.RetrieveModelMixin):
    permission_classes = [ReadsSignals]
    filter_backends = []
    serializer_class = ActionSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return SignalAction.objects.select_related("responsible_body", "signal")

    def partial_update(self, request, pk=None, **kwargs):
        item = self.get_object()
        if not rules.can_update_action(actor_for(request.user), item):
            raise PermissionDenied(_("Only the body that carries this action and the responsible body update it."))
        _need_version(request.data)
        data = ActionUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        updated = _run(
            lambda: services.action_update(
                action=item,
                by=request.user,
                status=d.get("status"),
                progress=d.get("progress"),
                note=d["note"],
                expected_version=d["version"],
            )
        )
        return Response(ActionSerializer(updated).data)


# Public signals (anonymous) -----------------------------------------------------------------------------


class PublicActionSerializer(serializers.ModelSerializer):
    responsible_body_name = serializers.CharField(source="responsible_body.name", read_only=True)

    class Meta:
        model = SignalAction
        fields = ["description", "responsible_body_name", "due_on", "status", "progress", "drop_reason"]


class PublicTimelineSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="author_organisation.name", default=None, allow_null=True)
    text = serializers.CharField(source="display_text", read_only=True, help_text=TIMELINE_TEXT_HELP)

    class Meta:
        model = TimelineEntry
        fields = ["kind", "created_at", "organisation", "text", "status_after"]


class PublicSignalSerializer(serializers.ModelSerializer):
    """What anyone may read of a public signal: the organisation's name, never a person's; no children counts."""

    themes = ThemesField(child=serializers.ChoiceField(choices=Theme.choices), read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    responsible_body_name = serializers.CharField(
        source="responsible_body.name", default=None, read_only=True, allow_null=True
    )
    endorsement_count = serializers.IntegerField(read_only=True)
    raised_by_young_people = _raised_by_young_people_field()

    class Meta:
        model = Signal
        fields = [
            "id",
            "title",
            "description",
            "themes",
            "city_wide",
            "organisation_name",
            "status",
            "responsible_body_name",
            "submitted_at",
            "answered_at",
            "closed_at",
            "outcome",
            "answer",
            "endorsement_count",
            "raised_by_young_people",
        ]


class PublicSignalDetailSerializer(PublicSignalSerializer):
    actions = PublicActionSerializer(many=True, read_only=True)
    timeline = serializers.SerializerMethodField()

    class Meta(PublicSignalSerializer.Meta):
        fields = [*PublicSignalSerializer.Meta.fields, "actions", "timeline"]

    @extend_schema_field(PublicTimelineSerializer(many=True))
    def get_timeline(self, signal):
        rows = signal.timeline.filter(kind__in=TimelineEntry.PUBLIC_KINDS, is_internal=False).select_related(
            "author_organisation"
        )
        return PublicTimelineSerializer(rows, many=True).data


@extend_schema_view(
    list=extend_schema(
        summary="Public signals",
        description="Signals their reporting organisation made public, for anyone without logging in: status, "
        "responsible body, answer; the organisation's name and never a person's.",
    ),
    retrieve=extend_schema(
        summary="One public signal",
        description="With its follow-up actions and its public timeline (steps, answers and actions; no comments "
        "or internal notes).",
    ),
)
class PublicSignalViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        queryset = Signal.objects.public().for_lists().order_by("-submitted_at", "-pk")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("actions__responsible_body")
        return queryset

    def get_serializer_class(self):
        return PublicSignalDetailSerializer if self.action == "retrieve" else PublicSignalSerializer


# Prioritisation rounds ------------------------------------------------------------------------------------


class RoundCandidateSerializer(serializers.Serializer):
    signal = serializers.IntegerField(source="signal_id")
    title = serializers.CharField(source="signal.title")
    total_votes = serializers.IntegerField(allow_null=True, help_text=_("After the round closed; null before."))
    rank = serializers.IntegerField(allow_null=True)
    is_priority = serializers.SerializerMethodField()
    raised_by_young_people = _raised_by_young_people_field()

    def get_is_priority(self, entry) -> bool:
        return entry.signal.priority_round_id == entry.round_id


class RoundSerializer(serializers.ModelSerializer):
    candidates = serializers.SerializerMethodField()
    signals = serializers.PrimaryKeyRelatedField(
        many=True, write_only=True, queryset=Signal.objects.all(), help_text=_("The candidate signals.")
    )
    voted_organisations = serializers.SerializerMethodField(
        help_text=_("Which organisations voted (after closing); never how each voted.")
    )
    closes_at = serializers.DateTimeField(help_text=_("Votes after this moment are refused."))

    class Meta:
        model = PrioritisationRound
        fields = [
            "id",
            "title",
            "description",
            "votes_per_organisation",
            "top_n",
            "opens_at",
            "closes_at",
            "tie_rule",
            "eligibility",
            "state",
            "closed_at",
            "candidates",
            "signals",
            "voted_organisations",
            "version",
        ]
        read_only_fields = ["eligibility", "state", "closed_at", "version"]

    @extend_schema_field(RoundCandidateSerializer(many=True))
    def get_candidates(self, item):
        return RoundCandidateSerializer(item.entries.all(), many=True).data

    def get_voted_organisations(self, item) -> list[str]:
        if item.state != PrioritisationRound.State.CLOSED:
            return []
        return sorted({v.organisation.name for v in item.votes.all()})


class VoteSerializer(serializers.Serializer):
    votes = serializers.DictField(
        child=serializers.IntegerField(min_value=0), help_text=_("Signal id → number of votes.")
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.approved(),
        required=False,
        help_text=_("Needed when you are admin of several voting organisations."),
    )


class ManagesRounds(BasePermission):
    def has_permission(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return rules.can_read_signals(actor_for(request.user))
        refuse_a_method_the_route_does_not_offer(request, view)
        if view.action == "vote":
            return rules.can_read_signals(actor_for(request.user))
        return rules.can_manage_rounds(actor_for(request.user))


@extend_schema_view(
    list=extend_schema(summary="Prioritisation rounds"),
    retrieve=extend_schema(
        summary="One prioritisation round",
        description="Its candidates; vote totals, ranks and the organisations that voted once it closed.",
    ),
    create=extend_schema(
        summary="Open a prioritisation round",
        description="City admins: candidates, votes per organisation, opening and closing moments and the tie rule "
        "(fixed from here on).",
    ),
)
class RoundViewSet(IdempotentMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [ManagesRounds]
    serializer_class = RoundSerializer
    filter_backends = []

    def get_queryset(self):
        from django.db.models import Prefetch

        from signals.models import RoundCandidate

        return PrioritisationRound.objects.prefetch_related(
            Prefetch(
                "entries",
                queryset=RoundCandidate.objects.select_related("signal").annotate(
                    raised_by_young_people=youth_voice.expression("signal_id")
                ),
            ),
            Prefetch("votes", queryset=Vote.objects.select_related("organisation")),
        )

    def create(self, request, *args, **kwargs):
        data = RoundSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        item = _run(
            lambda: services.round_open(
                by=request.user,
                title=d["title"],
                description=d.get("description", ""),
                signals=d["signals"],
                votes_per_organisation=d.get("votes_per_organisation", 10),
                top_n=d.get("top_n", 3),
                opens_at=d.get("opens_at"),
                closes_at=d["closes_at"],
                tie_rule=d.get("tie_rule", PrioritisationRound.TieRule.ENDORSEMENTS_THEN_EARLIER),
            )
        )
        return Response(RoundSerializer(self.get_queryset().get(pk=item.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Close a round now and publish its result",
        request=ActionVersionSerializer,
        responses={200: RoundSerializer, **error_responses(409)},
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None, **kwargs):
        item = self.get_object()
        data = ActionVersionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _run(
            lambda: services.round_close(
                round=item, by=request.user, expected_version=data.validated_data.get("version")
            )
        )
        return Response(RoundSerializer(self.get_queryset().get(pk=item.pk)).data)

    @extend_schema(
        summary="Vote in a round",
        description="An admin of a voting organisation spreads the round's votes over its candidates "
        "(`votes`: {signal id: number}); a new vote replaces the organisation's previous one until the round "
        "closes. City services and other public bodies do not vote; the refusal says why.",
        request=VoteSerializer,
        responses={200: RoundSerializer, **error_responses(409)},
    )
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None, **kwargs):
        item = self.get_object()
        data = VoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        actor = actor_for(request.user)
        organisation = data.validated_data.get("organisation")
        if organisation is None:
            own = sorted(actor.admin_organisation_ids)
            voting = sorted(rules.voting_organisation_ids(actor))
            if len(voting) == 1:
                organisation = Organisation.objects.get(pk=voting[0])
            elif len(voting) > 1:
                raise ValidationError({"organisation": [_("Say for which organisation you vote.")]})
            elif own:
                organisation = Organisation.objects.get(pk=own[0])
            else:
                raise PermissionDenied(_("Only an admin of a voting organisation can vote."))
        try:
            allocation = {int(k): v for k, v in data.validated_data["votes"].items()}
        except ValueError as exc:
            raise ValidationError({"votes": [_("Use signal ids as keys.")]}) from exc
        _run(lambda: services.round_vote(round=item, by=request.user, organisation=organisation, allocation=allocation))
        return Response(RoundSerializer(self.get_queryset().get(pk=item.pk)).data)
