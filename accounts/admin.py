from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import ApiToken, Invitation, User
from charter_portal.admin import CacheBumpingAdmin


@admin.register(User)
class UserAdmin(CacheBumpingAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "email_confirmed", "is_staff", "date_joined"]
    list_filter = ["is_active", "email_confirmed", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "preferred_language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "email_confirmed", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Invitation)
class InvitationAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "used_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    raw_id_fields = ["organisation", "invited_by", "used_by"]
    readonly_fields = ["created_at", "used_at", "used_by", "invited_by"]
    fields = [
        "organisation",
        "email",
        "role",
        "language",
        "invited_by",
        "created_at",
        "expires_at",
        "used_at",
        "used_by",
        "revoked_at",
    ]

    def has_add_permission(self, request):
        # Invitations carry a secret link that only the e-mail shows: create them from the member page.
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    """Tokens are created by their owner (account page) or ``issue_api_token``; here they can only be revoked."""

    list_display = ["name", "prefix", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__email"]
    list_select_related = ["user"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
