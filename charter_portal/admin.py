from django.contrib import admin

from charter_portal import caching


class CacheBumpingAdmin:
    """Mixed into every model admin of the portal: a write in the admin bypasses the services, so it bumps the
    model's domain itself (after the commit, charter_portal/caching.py). A test checks that every admin has it."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        caching.bump_model(self.model)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        caching.bump_model(self.model)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        caching.bump_model(self.model)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        caching.bump_model(self.model)


class ReadOnlyAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    """For records that only the portal's own services write (chain entries, timelines, votes...)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
