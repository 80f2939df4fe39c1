from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that only the portal's own services write (chain entries, timelines, votes...)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
