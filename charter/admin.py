from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from charter.models import Article, ChainEntry, ChainHead, CharterVersion
from charter.services import charter_version_publish
from charter_portal.admin import CacheBumpingAdmin, ReadOnlyAdmin
from charter_portal.errors import StepNotAllowed


class ArticleInline(admin.StackedInline):
    model = Article
    extra = 0
    fields = ["section", "number", "title_nl", "title_en", "body_nl", "body_en", "bullets_nl", "bullets_en"]

    def has_add_permission(self, request, obj=None):
        return obj is None or not obj.is_published

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_published

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_published


@admin.register(CharterVersion)
class CharterVersionAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["label", "is_published", "published_on"]
    inlines = [ArticleInline]
    actions = ["publish"]
    readonly_fields = ["text_hash", "is_published", "published_on", "published_by"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or not obj.is_published)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not obj.is_published)

    @admin.action(description=_("Publish the selected drafts"))
    def publish(self, request, queryset):
        for version in queryset.filter(is_published=False):
            try:
                charter_version_publish(version=version, by=request.user)
            except StepNotAllowed as exc:
                self.message_user(request, f"{version}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, _("Published %(label)s.") % {"label": version.label})


@admin.register(ChainEntry)
class ChainEntryAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    """Read-only: the chain is written only by the signing services."""

    list_display = ["sequence", "kind", "organisation_name", "signer_name", "charter_version", "created_at"]
    list_filter = ["kind", "charter_version"]
    search_fields = ["organisation_name", "receipt_code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    """Articles change only through a draft version on the charter pages."""

    list_display = ["version", "section", "number"]
    list_filter = ["version", "section"]


@admin.register(ChainHead)
class ChainHeadAdmin(ReadOnlyAdmin):
    pass
