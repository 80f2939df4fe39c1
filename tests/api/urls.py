"""Small views that raise each kind of API error, for the error-shape tests (``@pytest.mark.urls``)."""

from django.http import Http404
from django.urls import path
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from charter_portal.api import ReadOnlyOrCityAdmin
from charter_portal.concurrency import ConflictError
from charter_portal.permissions import deny


class NestedSerializer(serializers.Serializer):
    target = serializers.IntegerField(min_value=0)


class SampleSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=10)
    indicators = NestedSerializer(many=True)

    def validate(self, attrs):
        if attrs["title"] == "same":
            raise serializers.ValidationError("Title and code may not be the same.")
        return attrs


class ValidatingView(APIView):
    permission_classes = [AllowAny]

    def post(self, request):
        serializer = SampleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data, status=201)


class PrivateView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"ok": True})


class ForbiddenView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        deny(request, "not yours")


class MissingView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise Http404("No Signal matches the given query.")


class ConflictView(APIView):
    permission_classes = [AllowAny]

    def put(self, request):
        raise ConflictError()


class ListView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"count": 1, "next": None, "previous": None, "results": [{"title": "=1+1", "n": 3}]})


urlpatterns = [
    path("t/validate/", ValidatingView.as_view()),
    path("t/private/", PrivateView.as_view()),
    path("t/forbidden/", ForbiddenView.as_view()),
    path("t/missing/", MissingView.as_view()),
    path("t/conflict/", ConflictView.as_view()),
    path("t/list/", ListView.as_view()),
]


class PublicReadView(APIView):
    """Reads for everyone, writes for city admins: the portal's own permission class."""

    permission_classes = [ReadOnlyOrCityAdmin]

    def get(self, request):
        return Response({"ok": True})

    def post(self, request):
        return Response({"ok": True}, status=201)


urlpatterns += [path("t/public-read/", PublicReadView.as_view())]
