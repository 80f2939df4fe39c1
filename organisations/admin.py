"""Django admin for organisations, memberships and reference data (offers: offers/admin.py)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from charter_portal.admin import CacheBumpingAdmin
from organisations.models import Function, Membership, Organisation, Sector


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    # A member leaves through the members page, which ends the membership and keeps it in the history.
    can_delete = False


@admin.register(Organisation)
class OrganisationAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "is_approved", "is_active", "is_demo", "created_at"]
    list_filter = ["kind", "is_approved", "is_active", "is_demo", "sectors"]
    search_fields = ["name", "slug", "email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors"]
    readonly_fields = ["version", "created_at", "approved_at", "approved_by", "rejected_at", "rejected_by"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "sectors", "description"]}),
        (_("Contact"), {"fields": ["email", "phone", "website"]}),
        (
            _("Status"),
            {
                "fields": [
                    "is_active",
                    "is_approved",
                    "approved_at",
                    "approved_by",
                    "rejected_at",
                    "rejected_by",
                    "rejection_reason",
                    "is_demo",
                    "version",
                    "created_at",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        # Keep the version counter honest for the optimistic locking of pages and API.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Membership)
class MembershipAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "created_at", "ended_at"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    raw_id_fields = ["user", "organisation"]
    readonly_fields = ["ended_at", "ended_by"]

    def get_queryset(self, request):
        # Ended memberships too: they are part of the organisation's record.
        return Membership.all_objects.select_related("user", "organisation")

    def has_delete_permission(self, request, obj=None):
        # A member leaves through the members page, which ends the membership and keeps it in the history.
        return False


@admin.register(Function)
class FunctionAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en", "position"]
    readonly_fields = ["code"]
    ordering = ["position"]

    def has_add_permission(self, request):
        # The four functions are fixed by the charter; only their names and descriptions can change.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Sector)
class SectorAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en", "position"]
    search_fields = ["code", "name_nl", "name_en"]
    ordering = ["position"]
