"""API for offers and collaborations: /api/v1/offers/ and /api/v1/collaborations/.

Anonymous callers read published offers only. Partners write their own organisation's offers;
city admins any. Collaborations are seen by their member organisations and city staff.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from charter_portal.api import KeptListMixin, id_in_path
from charter_portal.api_csv import CSVListMixin
from charter_portal.api_lean import LeanListMixin, Linked
from charter_portal.api_versioning import VERSION_HELP, ActionVersionSerializer, VersionRequiredOnUpdate
from charter_portal.idempotency import IdempotentMixin
from charter_portal.permissions import actor_for
from neighbourhoods.models import MovementCircle, Neighbourhood
from offers import ics, rules, services
from offers.filters import CollaborationFilter, OfferFilter
from offers.models import Collaboration, CollaborationMember, Offer, OfferTime
from offers.models.offer import LANGUAGE_NAMES, validate_offer_links
from offers.views import offers_with_details
from organisations.models import Function, Organisation, Sector


def _django_errors(exc: DjangoValidationError):
    return serializers.ValidationError(
        exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    )


class OfferTimeSerializer(serializers.ModelSerializer):
    """One weekly time: an ISO weekday (1 is Monday) with a start and an end."""

    class Meta:
        model = OfferTime
        fields = ["weekday", "starts_at", "ends_at"]

    def validate(self, attrs):
        if attrs["ends_at"] <= attrs["starts_at"]:
            raise serializers.ValidationError({"ends_at": _("The end time must be later than the start time.")})
        return attrs


class OfferTimesField(serializers.ListSerializer):
    """The weekly times, by weekday and start; times of one day may not overlap."""

    def validate(self, attrs):
        ordered = sorted(attrs, key=lambda t: (t["weekday"], t["starts_at"]))
        for before, after in zip(ordered, ordered[1:], strict=False):
            if before["weekday"] == after["weekday"] and after["starts_at"] < before["ends_at"]:
                raise serializers.ValidationError(_("Two times on the same day overlap: make them one time."))
        return ordered


def _iso_dates(values) -> list[str]:
    return sorted({value.isoformat() for value in values})


class OfferSerializer(VersionRequiredOnUpdate, serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    functions = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Function.objects.all())
    neighbourhoods = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Neighbourhood.objects.all())
    movement_circles = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=MovementCircle.objects.all()
    )
    bridge_sectors = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Sector.objects.all()
    )
    times = OfferTimesField(
        child=OfferTimeSerializer(),
        required=False,
        max_length=28,
        help_text="Weekly times: an ISO weekday (1 is Monday to 7 is Sunday) with a start and an end time. "
        "Sending them replaces all of them.",
    )
    dates = serializers.ListField(
        child=serializers.DateField(),
        required=False,
        max_length=366,
        help_text="Days of a one-off or holiday offer (ISO dates).",
    )
    closed_dates = serializers.ListField(
        child=serializers.DateField(),
        required=False,
        max_length=366,
        help_text="Dates the weekly times do not run (ISO dates).",
    )
    version = serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)

    class Meta:
        model = Offer
        fields = [
            "id",
            "uuid",
            "organisation",
            "title",
            "description",
            "functions",
            "bridge_sectors",
            "neighbourhoods",
            "movement_circles",
            "is_warm_place",
            "is_mobile",
            "address",
            "weekly_hours",
            "age_min",
            "age_max",
            "schedule",
            "times",
            "dates",
            "closed_dates",
            "starts_on",
            "ends_on",
            "languages",
            "language_codes",
            "is_free",
            "cost_description",
            "has_reduced_rate",
            "how_to_join",
            "accessibility",
            "contact_phone",
            "contact_email",
            "contact_website",
            "contact_hours",
            "status",
            "published_at",
            "version",
        ]
        read_only_fields = ["id", "uuid", "published_at"]
        extra_kwargs = {"language_codes": {"help_text": "ISO 639 codes of the languages spoken, comma-separated."}}

    def validate_language_codes(self, value):
        codes = [code.strip() for code in (value or "").split(",") if code.strip()]
        unknown = [code for code in codes if code not in LANGUAGE_NAMES]
        if unknown:
            raise serializers.ValidationError(_("Unknown language codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return ",".join(sorted(set(codes)))

    def validate_dates(self, value):
        return _iso_dates(value)

    def validate_closed_dates(self, value):
        return _iso_dates(value)

    LINKS = ("functions", "neighbourhoods", "movement_circles", "bridge_sectors")

    def validate_organisation(self, organisation):
        actor = actor_for(self.context["request"].user)
        if not rules.can_add_offer_for(actor, organisation.pk):
            raise serializers.ValidationError(_("You can only register offers of your own organisation."))
        return organisation

    def validate(self, attrs):
        links = {}
        for name in self.LINKS:
            if name in attrs:
                links[name] = attrs[name]
            elif self.instance is not None:
                links[name] = list(getattr(self.instance, name).all())
            else:
                links[name] = []
        errors = validate_offer_links(**links)
        scalar = {k: v for k, v in attrs.items() if k not in self.LINKS and k not in ("version", "times")}
        offer = (
            Offer(**{f.attname: getattr(self.instance, f.attname) for f in Offer._meta.concrete_fields})
            if self.instance
            else Offer()
        )
        for key, value in scalar.items():
            setattr(offer, key, value)
        try:
            # Uniqueness and the database constraints are checked on save; clean() words them for people.
            offer.full_clean(exclude=["organisation", "uuid"], validate_unique=False, validate_constraints=False)
        except DjangoValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, messages)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def _save(self, offer, validated):
        links = {name: validated.pop(name) for name in self.LINKS if name in validated}
        expected = validated.pop("version", None)
        times = validated.pop("times", None)
        if times is not None:
            times = [(time["weekday"], time["starts_at"], time["ends_at"]) for time in times]
        for key, value in validated.items():
            setattr(offer, key, value)
        try:
            return services.offer_save(
                offer=offer, expected_version=expected if offer.pk else None, links=links, times=times
            )
        except DjangoValidationError as exc:
            raise _django_errors(exc) from None

    def create(self, validated_data):
        return self._save(Offer(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)


class OfferPermission(permissions.BasePermission):
    """Everyone reads what they may see (the queryset hides the rest: 404); writes need a login and rights."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return rules.can_change_offer(actor_for(request.user), obj)


_OFFER_EXAMPLE = {
    "id": 5,
    "uuid": "0c8f5d5e-7b4a-4a39-9a0e-8f6f3b1f2a11",
    "organisation": 3,
    "title": "Open huis op woensdag",
    "description": "Spelen, praten en huiswerk maken in het jeugdhuis.",
    "functions": ["leisure", "welfare"],
    "bridge_sectors": [],
    "neighbourhoods": [7],
    "movement_circles": [],
    "is_warm_place": True,
    "is_mobile": False,
    "address": "Wondelgemstraat 10, 9000 Gent",
    "weekly_hours": "6.50",
    "age_min": 10,
    "age_max": 16,
    "schedule": "Woensdag 14-18 uur, zaterdag 14-16.30 uur",
    "times": [
        {"weekday": 3, "starts_at": "14:00:00", "ends_at": "18:00:00"},
        {"weekday": 6, "starts_at": "14:00:00", "ends_at": "16:30:00"},
    ],
    "dates": [],
    "closed_dates": ["2026-12-23", "2026-12-30"],
    "starts_on": None,
    "ends_on": None,
    "languages": "Nederlands, Arabisch en Turks",
    "is_free": True,
    "language_codes": "ar,nl,tr",
    "cost_description": "",
    "has_reduced_rate": False,
    "how_to_join": "drop_in",
    "accessibility": "Rolstoeltoegankelijk gelijkvloers",
    "contact_phone": "09 123 45 67",
    "contact_email": "jeugdhuis@example.org",
    "contact_website": "https://jeugdhuis.example.org",
    "contact_hours": "Weekdagen 9-12 uur",
    "status": "published",
    "published_at": "2026-02-02T10:15:00+01:00",
    "version": 3,
}
_OFFER_REQUEST = {
    key: _OFFER_EXAMPLE[key]
    for key in (
        "organisation",
        "title",
        "description",
        "functions",
        "neighbourhoods",
        "is_warm_place",
        "address",
        "weekly_hours",
        "age_min",
        "age_max",
        "schedule",
        "times",
        "languages",
        "is_free",
        "status",
    )
}


@extend_schema_view(
    list=extend_schema(
        summary="Offers",
        description="The offer of youth work: everyone reads published offers; partners also their own drafts and "
        "archived offers, city admins all. Filter like the offer directory.",
        examples=[OpenApiExample("A page of offers", value=_OFFER_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One offer", examples=[OpenApiExample("An offer", value=_OFFER_EXAMPLE, response_only=True)]
    ),
    create=extend_schema(
        summary="Register an offer",
        description="For your own organisation (a city admin for any). The charter's rules apply: at least one "
        "function, a neighbourhood or movement circle, ages and hours that make sense, no personal data.",
        examples=[
            OpenApiExample("A new offer", value=_OFFER_REQUEST, request_only=True),
            OpenApiExample("The registered offer", value=_OFFER_EXAMPLE, response_only=True, status_codes=["201"]),
        ],
    ),
    update=extend_schema(
        summary="Change an offer",
        description="Send the version you read; 409 when someone changed the offer in the meantime.",
        examples=[OpenApiExample("A changed offer", value={**_OFFER_REQUEST, "version": 3}, request_only=True)],
    ),
    partial_update=extend_schema(
        summary="Change some fields of an offer",
        examples=[OpenApiExample("Archive", value={"status": "archived", "version": 3}, request_only=True)],
    ),
)
class OfferViewSet(IdempotentMixin, KeptListMixin, LeanListMixin, CSVListMixin, viewsets.ModelViewSet):
    kept_domains = ("offers", "organisations")
    serializer_class = OfferSerializer
    permission_classes = [OfferPermission]
    filterset_class = OfferFilter
    # The weekly times are rows of their own: the page's offer ids here, their times in lean_finish.
    lean_extra = {"times": F("pk")}

    def lean_finish(self, rows):
        """Each offer's weekly times, read for the whole page in one query, written as OfferTimeSerializer does."""
        times: dict[int, list] = {row["times"]: [] for row in rows}
        if times:
            write = OfferTimeSerializer().to_representation
            for time in OfferTime.objects.filter(offer_id__in=list(times)).order_by("offer_id", "weekday", "starts_at"):
                times[time.offer_id].append(write(time))
        for row in rows:
            row["times"] = times[row["times"]]
        return rows

    def get_queryset(self):
        actor = actor_for(self.request.user)
        return rules.visible_offers(actor, offers_with_details(Offer.objects.all())).order_by("title", "id")

    @extend_schema(
        summary="Archive an offer",
        description="Archives the offer, a draft too: it leaves the lists and its history keeps every version.",
        responses={200: OpenApiResponse(OfferSerializer, description="The offer, archived.")},
    )
    def destroy(self, request, *args, **kwargs):
        offer = self.get_object()
        services.offer_remove(offer=offer)
        offer.refresh_from_db()
        return Response(self.get_serializer(offer).data, status=status.HTTP_200_OK)


class OfferCalendarView(APIView):
    """``GET /api/v1/offers/<id>.ics``: the offer's times as iCalendar, for whoever may read the offer."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="An offer's times as iCalendar",
        parameters=[OpenApiParameter("pk", int, OpenApiParameter.PATH, description=_("The offer's id."))],
        responses={(200, "text/calendar"): str},
    )
    def get(self, request, pk):
        offers = rules.visible_offers(actor_for(request.user), offers_with_details(Offer.objects.all()))
        offer = offers.filter(pk=id_in_path(pk)).first()
        if offer is None:
            raise Http404
        response = HttpResponse(ics.calendar([offer], name=offer.title), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="offer-{offer.pk}.ics"'
        return response


# Any id up to the ".ics" (as the router's routes take any id up to the next slash): a malformed one is the API's
# JSON 404 from the view, not a redirect to the offer route with a slash added.
urlpatterns = [path("offers/<str:pk>.ics", OfferCalendarView.as_view(), name="offer-calendar")]


# Collaborations --------------------------------------------------------------------------------


# Fields that apps above this one add to every collaboration (the ``support`` app: the roles its members declared).
# A provider reads the values of a whole page at once: ``provider(collaboration ids) -> {id: value}``; the
# serializer (one collaboration) and the lean list (``CollaborationViewSet.lean_finish``, a page) both add them.
COLLABORATION_EXTRAS: dict = {}


def register_collaboration_extra(name: str, provider) -> None:
    COLLABORATION_EXTRAS[name] = provider


def with_collaboration_extras(rows: list[dict]) -> list[dict]:
    """``rows`` (written collaborations) with every registered extra field, one provider call per page."""
    for name, provider in COLLABORATION_EXTRAS.items():
        values = provider([row["id"] for row in rows])
        for row in rows:
            row[name] = values.get(row["id"], [])
    return rows


class CollaborationSerializer(VersionRequiredOnUpdate, serializers.ModelSerializer):
    organisations = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        write_only=True,  # read from the prefetched member rows in to_representation
        queryset=Organisation.objects.filter(is_active=True, is_approved=True),
        help_text=_(
            "Ids of accepted member organisations. Organisations you add are invited; a city admin's are "
            "accepted at once."
        ),
    )
    invited_organisations = serializers.SerializerMethodField()
    coordinator = serializers.PrimaryKeyRelatedField(
        required=False, queryset=Organisation.objects.filter(is_active=True, is_approved=True)
    )
    neighbourhoods = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=Neighbourhood.objects.all())
    movement_circles = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=MovementCircle.objects.all()
    )
    version = serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)

    class Meta:
        model = Collaboration
        fields = [
            "id",
            "name",
            "description",
            "organisations",
            "invited_organisations",
            "coordinator",
            "neighbourhoods",
            "movement_circles",
            "starts_on",
            "ends_on",
            "registered_by_city",
            "version",
        ]
        read_only_fields = ["id", "registered_by_city"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["organisations"] = [
            m.organisation_id for m in instance.members.all() if m.status == CollaborationMember.Status.ACCEPTED
        ]
        return with_collaboration_extras([data])[0]

    def get_invited_organisations(self, instance) -> list[int]:
        return [m.organisation_id for m in instance.members.all() if m.status == CollaborationMember.Status.INVITED]

    def validate(self, attrs):
        actor = actor_for(self.context["request"].user)
        errors = {}
        members = attrs.get("organisations") or []
        if self.instance is None:
            coordinator = attrs.get("coordinator") or (members[0] if members else None)
            if coordinator is None:
                errors["coordinator"] = _("Give a coordinating organisation or at least one member organisation.")
            elif not (actor.is_city_admin or actor.is_admin_of(coordinator.pk)):
                errors["coordinator"] = _("You can only start a collaboration for an organisation you are an admin of.")
            attrs["coordinator"] = coordinator
        elif "coordinator" in attrs and not actor.is_city_admin:
            accepted = {
                m.organisation_id
                for m in self.instance.members.all()
                if m.status == CollaborationMember.Status.ACCEPTED
            }
            if attrs["coordinator"].pk not in accepted:
                errors["coordinator"] = _("The coordinator must be an accepted member organisation.")
        neighbourhoods = attrs.get("neighbourhoods", None)
        circles = attrs.get("movement_circles", None)
        if self.instance is not None:
            neighbourhoods = neighbourhoods if neighbourhoods is not None else list(self.instance.neighbourhoods.all())
            circles = circles if circles is not None else list(self.instance.movement_circles.all())
        if not neighbourhoods and not circles:
            errors["neighbourhoods"] = _("Choose at least one neighbourhood or movement circle.")
        starts_on = attrs.get("starts_on", getattr(self.instance, "starts_on", None))
        ends_on = attrs.get("ends_on", getattr(self.instance, "ends_on", None))
        if starts_on and ends_on and ends_on < starts_on:
            errors["ends_on"] = _("The end date cannot be before the start date.")
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def create(self, validated_data):
        actor = actor_for(self.context["request"].user)
        members = validated_data.pop("organisations", [])
        links = {name: validated_data.pop(name, []) for name in ("neighbourhoods", "movement_circles")}
        validated_data.pop("version", None)
        try:
            return services.collaboration_create(
                collaboration=Collaboration(**validated_data),
                members=members,
                links=links,
                by=self.context["request"].user,
                registered_by_city=actor.is_city_admin,
            )
        except DjangoValidationError as exc:
            raise _django_errors(exc) from None

    def update(self, instance, validated_data):
        actor = actor_for(self.context["request"].user)
        invite = validated_data.pop("organisations", [])
        links = {name: validated_data.pop(name, None) for name in ("neighbourhoods", "movement_circles")}
        expected = validated_data.pop("version", None)
        for key, value in validated_data.items():
            setattr(instance, key, value)
        try:
            services.collaboration_update(
                collaboration=instance,
                expected_version=expected,
                links=links,
                invite=invite,
                accept_at_once=actor.is_city_admin,
                by=self.context["request"].user,
            )
        except DjangoValidationError as exc:
            raise _django_errors(exc) from None
        return instance


class CollaborationPermission(permissions.BasePermission):
    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if view.action == "create":
            return rules.can_create_collaboration(actor_for(request.user))
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS or view.action in ("accept", "decline"):
            return True
        actor = actor_for(request.user)
        if view.action == "destroy":
            return rules.can_delete_collaboration(actor, obj)
        accepted = [m.organisation_id for m in obj.members.all() if m.status == CollaborationMember.Status.ACCEPTED]
        return rules.can_change_collaboration(actor, obj, accepted)


_COLLABORATION_EXAMPLE = {
    "id": 4,
    "name": "Samen sterk in Rabot",
    "description": "Jeugdwerk, buurtwerk en de brede school bundelen hun aanbod in Rabot.",
    "organisations": [3, 5],
    "invited_organisations": [8],
    "coordinator": 3,
    "neighbourhoods": [7],
    "movement_circles": [],
    "starts_on": "2026-01-01",
    "ends_on": None,
    "registered_by_city": False,
    "version": 2,
}
_ANSWER_DESCRIPTION = (
    "An admin of an invited organisation {verb} the invitation to the collaboration (403 for anyone else)."
)


@extend_schema_view(
    list=extend_schema(
        summary="Collaborations",
        description="Collaborations of organisations (R2: the integral offer can come from a collaboration). "
        "Members see their own; city staff all.",
        examples=[OpenApiExample("A page of collaborations", value=_COLLABORATION_EXAMPLE, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One collaboration",
        examples=[OpenApiExample("A collaboration", value=_COLLABORATION_EXAMPLE, response_only=True)],
    ),
    create=extend_schema(
        summary="Start a collaboration",
        description="For an organisation you are an admin of; the organisations you add are invited.",
        examples=[
            OpenApiExample(
                "A new collaboration",
                value={
                    "name": "Samen sterk in Rabot",
                    "description": "Jeugdwerk, buurtwerk en de brede school bundelen hun aanbod in Rabot.",
                    "coordinator": 3,
                    "organisations": [5, 8],
                    "neighbourhoods": [7],
                    "starts_on": "2026-01-01",
                },
                request_only=True,
            )
        ],
    ),
    update=extend_schema(summary="Change a collaboration", description="Send the version you read (409 when stale)."),
    partial_update=extend_schema(summary="Change some fields of a collaboration"),
    destroy=extend_schema(summary="Delete a collaboration"),
    accept=extend_schema(
        summary="Accept an invitation",
        description=_ANSWER_DESCRIPTION.format(verb="accepts"),
        request=ActionVersionSerializer,
        responses={200: CollaborationSerializer},
        examples=[OpenApiExample("After accepting", value=_COLLABORATION_EXAMPLE, response_only=True)],
    ),
    decline=extend_schema(
        summary="Decline an invitation",
        description=_ANSWER_DESCRIPTION.format(verb="declines"),
        request=ActionVersionSerializer,
        responses={200: CollaborationSerializer},
        examples=[
            OpenApiExample(
                "After declining", value={**_COLLABORATION_EXAMPLE, "invited_organisations": []}, response_only=True
            )
        ],
    ),
)
class CollaborationViewSet(IdempotentMixin, KeptListMixin, LeanListMixin, CSVListMixin, viewsets.ModelViewSet):
    # A collaboration is never deleted (issue 17): DELETE is a 405. It ends with its end date (``ends_on``), after
    # which it is no longer running, and its history and the covenants that name it keep it.
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    kept_domains = ("offers", "organisations")
    # The member organisations, accepted and invited, as CollaborationSerializer writes them
    lean_extra = {
        name: Linked("members", "organisation_id", where=(("status", status),), order_by=("organisation_id",))
        for name, status in (
            ("organisations", CollaborationMember.Status.ACCEPTED),
            ("invited_organisations", CollaborationMember.Status.INVITED),
        )
    }
    serializer_class = CollaborationSerializer
    permission_classes = [CollaborationPermission]
    filterset_class = CollaborationFilter

    def get_queryset(self):
        actor = actor_for(self.request.user)
        return (
            Collaboration.objects.for_actor_visible(actor)
            .select_related("coordinator")
            .prefetch_related(
                Prefetch("members", queryset=CollaborationMember.objects.order_by("organisation_id")),
                "neighbourhoods",
                "movement_circles",
            )
            .order_by("name", "id")
        )

    def lean_finish(self, rows):
        return with_collaboration_extras(rows)

    def _answer(self, request, accept):
        collaboration = self.get_object()
        actor = actor_for(request.user)
        member = next((m for m in collaboration.members.all() if rules.can_answer_invitation(actor, m)), None)
        if member is None:
            raise PermissionDenied(_("Only an admin of an invited organisation can answer the invitation."))
        serializer = ActionVersionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            services.collaboration_answer(
                member=member,
                accept=accept,
                expected_version=serializer.validated_data.get("version"),
                by=request.user,
            )
        return Response(self.get_serializer(self.get_queryset().get(pk=collaboration.pk)).data)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None, **kwargs):
        return self._answer(request, True)

    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None, **kwargs):
        return self._answer(request, False)


def register(router):
    router.register("offers", OfferViewSet, basename="offer")
    router.register("collaborations", CollaborationViewSet, basename="collaboration")
