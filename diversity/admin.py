from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from charter_portal.admin import CacheBumpingAdmin, ReadOnlyAdmin
from diversity.models import DiversityReport, PopulationReference


@admin.register(DiversityReport)
class DiversityReportAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    """Read only: reports are filed and corrected through the portal, which checks the figures."""

    list_display = ["organisation", "year", "paid_staff", "leadership", "is_archived", "is_demo"]
    list_filter = ["year", "is_archived", "is_demo"]
    list_select_related = ["organisation"]


@admin.register(PopulationReference)
class PopulationReferenceAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["year", "code", "share", "is_synthetic", "source"]
    list_filter = ["year", "is_synthetic"]
