from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from charter_portal.admin import CacheBumpingAdmin
from neighbourhoods.models import (
    CoverageSnapshot,
    CoverageThresholds,
    Indicator,
    IndicatorImport,
    IndicatorValue,
    MovementCircle,
    Neighbourhood,
    PriorityDecision,
)


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["number", "name", "computed_priority", "priority_override"]
    list_filter = ["computed_priority", "priority_override"]
    search_fields = ["name"]
    readonly_fields = ["computed_priority", "version"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(MovementCircle)
class MovementCircleAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["name", "computed_priority", "priority_override"]
    search_fields = ["name"]
    filter_horizontal = ["neighbourhoods"]
    readonly_fields = ["version"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Indicator)
class IndicatorAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["code", "name", "source_kind", "weight", "higher_means_more_need", "is_synthetic", "is_active"]
    list_filter = ["source_kind", "is_synthetic", "is_active"]
    search_fields = ["code", "name"]
    readonly_fields = ["version"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["indicator", "neighbourhood", "year", "value"]
    list_filter = ["indicator", "year"]
    list_select_related = ["indicator", "neighbourhood"]


@admin.register(PriorityDecision)
class PriorityDecisionAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    """Decisions are a record: read them here, make them on the priority page."""

    list_display = ["decided_at", "data_year", "method", "threshold", "top_n", "decided_by"]
    list_select_related = ["decided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CoverageSnapshot)
class CoverageSnapshotAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["taken_on", "area_type", "area_name", "is_priority", "meets_charter", "leisure_hours_per_week"]
    list_filter = ["taken_on", "area_type", "meets_charter"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class _RecordAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    """A record made by a page of the portal: read here, never added or changed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CoverageThresholds)
class CoverageThresholdsAdmin(_RecordAdmin):
    list_display = ["set_at", "warm_place_min_hours", "base_offer_min_weeks", "set_by"]
    list_select_related = ["set_by"]


@admin.register(IndicatorImport)
class IndicatorImportAdmin(_RecordAdmin):
    list_display = ["imported_at", "file_name", "imported_by", "rows", "created", "updated"]
    list_select_related = ["imported_by"]
