"""Public, read-only API of the charter: the current text, the signatories, receipt verification."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from charter import selectors
from charter.models import Article, ChainEntry, CharterVersion
from charter_portal.api import Pagination
from charter_portal.api_csv import CSVListMixin
from organisations.models import Organisation, Sector


class ArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["section", "number", "title_nl", "title_en", "body_nl", "body_en", "bullets_nl", "bullets_en"]


class CharterVersionSerializer(serializers.ModelSerializer):
    articles = ArticleSerializer(many=True, read_only=True)

    class Meta:
        model = CharterVersion
        fields = ["id", "label", "published_on", "text_hash", "introduction_nl", "introduction_en", "articles"]


class SignatorySerializer(serializers.ModelSerializer):
    sectors = serializers.SerializerMethodField()
    signed_at = serializers.DateTimeField()
    signed_version = serializers.CharField(source="signed_version_label")
    signed_current_version = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "kind", "sectors", "signed_at", "signed_version", "signed_current_version"]

    def get_sectors(self, obj) -> list[str]:
        return [s.code for s in obj.sectors.all()]

    def get_signed_current_version(self, obj) -> bool:
        current = self.context.get("current_version")
        return current is not None and obj.signed_version_id == current.pk


class VerificationSerializer(serializers.ModelSerializer):
    receipt_code = serializers.CharField(source="receipt_display")
    charter_version = serializers.CharField(source="charter_version.label")
    withdrawn = serializers.SerializerMethodField()
    chain_valid = serializers.SerializerMethodField()

    class Meta:
        model = ChainEntry
        fields = [
            "sequence",
            "kind",
            "receipt_code",
            "organisation_name",
            "signer_name",
            "signer_role",
            "created_at",
            "charter_version",
            "charter_hash",
            "reason",
            "withdrawn",
            "previous_hash",
            "entry_hash",
            "chain_valid",
        ]

    def get_withdrawn(self, obj) -> bool:
        return obj.is_signature and hasattr(obj, "withdrawal")

    def get_chain_valid(self, obj) -> bool:
        return self.context["report"].ok


class CurrentCharterView(APIView):
    """The current charter version with its 20 articles, in Dutch and English."""

    permission_classes = [AllowAny]

    @extend_schema(responses=CharterVersionSerializer)
    def get(self, request):
        version = selectors.current_version()
        if version is None:
            raise Http404
        return Response(CharterVersionSerializer(version).data)


class SignatoryFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Organisation.Kind.choices, method="noop")
    sector = filters.ModelChoiceFilter(
        queryset=Sector.objects.all(), to_field_name="code", method="noop", help_text=_("Sector code, e.g. youth_work.")
    )

    class Meta:
        model = Organisation
        fields = ["kind", "sector"]

    def noop(self, queryset, name, value: str):
        return queryset  # applied in get_queryset by the selector, which knows the annotations


class SignatoryList(CSVListMixin, generics.ListAPIView):
    """Organisations that signed the charter (active signatures), with the latest version each signed."""

    permission_classes = [AllowAny]
    serializer_class = SignatorySerializer
    pagination_class = Pagination
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = SignatoryFilter

    def get_queryset(self):
        kind = self.request.query_params.get("kind", "")
        sector = self.request.query_params.get("sector", "")
        return selectors.signatories(
            kind=kind if kind in Organisation.Kind.values else "",
            sector=sector,
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["current_version"] = selectors.current_version()
        return context


class VerifyReceiptView(APIView):
    """A signature or withdrawal by its receipt code, and whether the chain holds up to it."""

    permission_classes = [AllowAny]

    @extend_schema(responses=VerificationSerializer)
    def get(self, request, code):
        entry = selectors.entry_by_code(code)
        if entry is None:
            raise Http404
        report = selectors.verify_chain(upto=entry.sequence)
        return Response(VerificationSerializer(entry, context={"report": report}).data)


from django.urls import path  # noqa: E402

urlpatterns = [
    path("charter/", CurrentCharterView.as_view(), name="charter-current"),
    path("signatories/", SignatoryList.as_view(), name="charter-signatories"),
    path("signatures/verify/<str:code>/", VerifyReceiptView.as_view(), name="charter-verify"),
]
