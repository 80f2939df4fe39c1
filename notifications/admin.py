from django.contrib import admin

from charter_portal.admin import CacheBumpingAdmin
from notifications.models import Digest, Notification, Preference


@admin.register(Notification)
class NotificationAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["kind", "recipient", "created_at", "read_at", "emailed_at"]
    list_filter = ["category", "kind"]
    raw_id_fields = ["recipient", "actor", "digest"]
    date_hierarchy = "created_at"


@admin.register(Preference)
class PreferenceAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["user", "category", "frequency"]
    raw_id_fields = ["user"]


@admin.register(Digest)
class DigestAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["recipient", "period", "period_start", "category", "sent_at"]
    raw_id_fields = ["recipient"]
