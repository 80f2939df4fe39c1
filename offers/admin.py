from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from charter_portal.admin import CacheBumpingAdmin
from offers.models import Collaboration, CollaborationMember, Offer, SharedSpace


@admin.register(Offer)
class OfferAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = [
        "title",
        "organisation",
        "status",
        "is_warm_place",
        "is_mobile",
        "weekly_hours",
        "starts_on",
        "ends_on",
    ]
    list_filter = ["status", "is_warm_place", "is_mobile", "functions", "organisation__kind"]
    search_fields = ["title", "description", "organisation__name"]
    filter_horizontal = ["functions", "neighbourhoods", "movement_circles", "bridge_sectors"]
    list_select_related = ["organisation"]
    readonly_fields = ["uuid", "version", "published_at", "created_at", "updated_at"]


class CollaborationMemberInline(admin.TabularInline):
    model = CollaborationMember
    extra = 0
    readonly_fields = ["invited_at", "responded_at"]


@admin.register(Collaboration)
class CollaborationAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["name", "coordinator", "registered_by_city", "starts_on", "ends_on"]
    list_filter = ["registered_by_city"]
    search_fields = ["name"]
    filter_horizontal = ["neighbourhoods", "movement_circles"]
    inlines = [CollaborationMemberInline]
    readonly_fields = ["version", "created_by", "created_at"]
    list_select_related = ["coordinator"]


@admin.register(CollaborationMember)
class CollaborationMemberAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["collaboration", "organisation", "status", "responded_at"]
    list_filter = ["status"]
    list_select_related = ["collaboration", "organisation"]


@admin.register(SharedSpace)
class SharedSpaceAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["name", "organisation", "neighbourhood", "capacity", "is_active"]
    list_filter = ["is_active", "neighbourhood"]
    search_fields = ["name", "organisation__name", "address"]
    list_select_related = ["organisation", "neighbourhood"]
    readonly_fields = ["version", "created_at"]
