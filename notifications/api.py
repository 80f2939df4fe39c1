"""/api/v1/notifications/, /api/v1/todo/ and /api/v1/notification-preferences/: the caller's own, nobody else's."""

import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from charter_portal.idempotency import IdempotentMixin
from charter_portal.permissions import actor_for
from notifications import services
from notifications.models import Category, Frequency, Notification
from notifications.todo import todo_for


class NotificationSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True, help_text="What happened, in the caller's language.")

    class Meta:
        model = Notification
        fields = ["id", "kind", "category", "created_at", "read_at", "title", "url", "object_type", "object_id"]
        read_only_fields = fields


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        method="filter_unread",
        help_text="true: unread only; false: read only.",
    )

    class Meta:
        model = Notification
        fields = ["unread"]

    @extend_schema_field(
        {"type": "string", "enum": ["true", "false"], "description": "true: unread only; false: read only."}
    )
    def filter_unread(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value)

    def filter_queryset(self, queryset):
        # django-filter reads an empty value as no filter; the schema allows only true or false.
        if self.data.get("unread") == "":
            raise ValidationError({"unread": [_("Use true or false.")]})
        return super().filter_queryset(queryset)


class NotificationViewSet(IdempotentMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's notifications, newest first."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's view has no person
            return Notification.objects.none()
        return Notification.objects.filter(recipient=self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark one notification read (another person's notification is a 404)."""
        notification = get_object_or_404(self.get_queryset(), pk=pk)  # also a 404 for an id that is no number
        return Response(NotificationSerializer(services.mark_read(request.user, notification.pk)).data)

    @extend_schema(
        request=None, responses=inline_serializer("NotificationsReadAll", {"marked": serializers.IntegerField()})
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        """Mark every unread notification of the caller read."""
        return Response({"marked": services.mark_all_read(request.user)})


class TodoItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    is_overdue = serializers.BooleanField()
    object_type = serializers.CharField()
    object_id = serializers.IntegerField(allow_null=True)


class TodoView(APIView):
    """What the caller or their organisation must do now, the most urgent first (computed, never stale)."""

    @extend_schema(responses=TodoItemSerializer(many=True))
    def get(self, request):
        items = todo_for(actor_for(request.user))
        return Response(TodoItemSerializer(items, many=True).data)


PreferencesSerializer = type(
    "NotificationPreferencesSerializer",
    (serializers.Serializer,),
    {
        category.value: serializers.ChoiceField(
            choices=Frequency.choices, required=False, help_text=str(category.label)
        )
        for category in Category
    },
)


class PreferencesView(APIView):
    """How the caller gets e-mail per category: immediate, daily, weekly or off."""

    @extend_schema(responses=PreferencesSerializer)
    def get(self, request):
        return Response(services.preferences_for(request.user))

    @extend_schema(request=PreferencesSerializer, responses=PreferencesSerializer)
    def patch(self, request):
        serializer = PreferencesSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return Response(services.set_preferences(request.user, serializer.validated_data))


def register(router):
    router.register("notifications", NotificationViewSet, basename="notification")


urlpatterns = [
    path("todo/", TodoView.as_view(), name="todo"),
    path("notification-preferences/", PreferencesView.as_view(), name="notification-preferences"),
]
