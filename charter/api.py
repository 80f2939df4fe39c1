"""Public, read-only API of the charter: the current text, the signatories, receipt verification, the signed
chain head."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from charter import anchors, selectors
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

    @extend_schema(
        summary="The current charter",
        responses=CharterVersionSerializer,
        examples=[
            OpenApiExample(
                "The charter",
                value={
                    "id": 1,
                    "label": "2025",
                    "published_on": "2025-06-12",
                    "text_hash": "3f5a0c9e1b7d4a2f8e6c0b9a7d5e3f1c2b4a6d8e0f1c3b5a7d9e2f4c6b8a0d1e",
                    "introduction_nl": "Het Gentse charter jeugdhulpverlening ...",
                    "introduction_en": "Ghent's charter on youth work ...",
                    "articles": [
                        {
                            "section": "vision",
                            "number": 1,
                            "title_nl": "Elk kind telt",
                            "title_en": "Every child counts",
                            "body_nl": "...",
                            "body_en": "...",
                            "bullets_nl": [],
                            "bullets_en": [],
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
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


@extend_schema_view(
    get=extend_schema(
        summary="Signatories of the charter",
        examples=[
            OpenApiExample(
                "A signatory",
                value={
                    "id": 3,
                    "name": "Jeugdwerkhuis De Brug (demo)",
                    "slug": "de-brug-demo",
                    "kind": "civil_society",
                    "sectors": ["youth_work"],
                    "signed_at": "2025-06-20T14:02:11+02:00",
                    "signed_version": "2025",
                    "signed_current_version": True,
                },
                response_only=True,
            )
        ],
    )
)
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

    @extend_schema(
        summary="Verify a signature receipt",
        description="A signature or withdrawal by the receipt code the signer received, and whether the hash chain "
        "holds up to it. 404 for an unknown code.",
        parameters=[
            OpenApiParameter(
                "code",
                {"type": "string", "pattern": "^[A-Za-z0-9-]+$"},
                OpenApiParameter.PATH,
                description="The receipt code.",
            )
        ],
        responses=VerificationSerializer,
        examples=[
            OpenApiExample(
                "A valid signature",
                value={
                    "sequence": 12,
                    "kind": "sign",
                    "receipt_code": "K7QM-2XPA-9D4F",
                    "organisation_name": "Jeugdwerkhuis De Brug (demo)",
                    "signer_name": "Brug Admin",
                    "signer_role": "Coordinator",
                    "created_at": "2025-06-20T14:02:11+02:00",
                    "charter_version": "2025",
                    "charter_hash": "3f5a0c9e1b7d4a2f8e6c0b9a7d5e3f1c2b4a6d8e0f1c3b5a7d9e2f4c6b8a0d1e",
                    "reason": "",
                    "withdrawn": False,
                    "previous_hash": "9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d",
                    "entry_hash": "e4c6a8b0d2f4e6c8a0b2d4f6e8c0a2b4d6f8e0c2a4b6d8f0e2c4a6b8d0f2e4c6",
                    "chain_valid": True,
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, code):
        entry = selectors.entry_by_code(code)
        if entry is None:
            raise Http404
        report = selectors.verify_chain(upto=entry.sequence)
        return Response(VerificationSerializer(entry, context={"report": report}).data)


class ChainHeadSerializer(serializers.Serializer):
    chain = serializers.CharField(help_text="Always " + anchors.CHAIN_NAME)
    length = serializers.IntegerField(min_value=0, help_text="The number of entries in the chain.")
    hash = serializers.CharField(help_text="The entry hash of the last entry (64 zeros for an empty chain).")
    time = serializers.CharField(help_text="When the portal signed this head (ISO 8601, UTC).")
    algorithm = serializers.CharField(help_text="Always Ed25519")
    public_key = serializers.CharField(help_text="The portal's public key: 32 bytes, base64.")
    signature = serializers.CharField(
        help_text="Ed25519 signature, base64, of the canonical JSON of chain, length, hash and time (docs/security.md)."
    )


class ChainHeadView(APIView):
    """The head of the signature chain, signed by the portal: keep it to prove later that the chain was not
    rewritten (``manage.py verify_signatures --head``)."""

    permission_classes = [AllowAny]

    @extend_schema(
        summary="The signed head of the signature chain",
        description="Length and last hash of the signature chain and the time, signed with the portal's Ed25519 "
        "key. Anyone who keeps a head can later check that the chain still extends it: the entry at position "
        "`length` must still have this `hash` (docs/security.md).",
        responses=ChainHeadSerializer,
    )
    def get(self, request):
        response = Response(selectors.published_head())
        response["Cache-Control"] = "no-cache"
        return response


from django.urls import path  # noqa: E402

urlpatterns = [
    path("charter/", CurrentCharterView.as_view(), name="charter-current"),
    path("signatories/", SignatoryList.as_view(), name="charter-signatories"),
    path("signatures/verify/<str:code>/", VerifyReceiptView.as_view(), name="charter-verify"),
    path("signatures/head/", ChainHeadView.as_view(), name="charter-head"),
]
