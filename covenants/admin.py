from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from charter_portal.admin import CacheBumpingAdmin, ReadOnlyAdmin
from covenants.models import (
    Action,
    Approval,
    BudgetLine,
    CityCommitment,
    CityReport,
    Comment,
    CommitmentValue,
    Covenant,
    Document,
    Indicator,
    IndicatorTarget,
    Meeting,
    Report,
    ReportingPeriod,
    ReportNote,
    ReportValue,
    TermsVersion,
)


class VersionInline(admin.TabularInline):
    model = TermsVersion
    fields = ["number", "state", "submitted_at", "agreed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Covenant)
class CovenantAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = [
        "reference",
        "title",
        "city_service",
        "partner_organisation",
        "partner_collaboration",
        "starts_on",
        "ends_on",
    ]
    list_select_related = ["city_service", "partner_organisation", "partner_collaboration"]
    search_fields = ["reference", "title"]
    list_filter = ["city_service", "is_demo"]
    inlines = [VersionInline]


@admin.register(TermsVersion)
class TermsVersionAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    """Read-only: versions change only through the portal's workflow."""

    list_display = ["covenant", "number", "state", "submitted_at", "agreed_at"]
    list_select_related = ["covenant"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Approval)
class ApprovalAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["terms", "side", "organisation", "approved_by", "approved_at"]
    list_select_related = ["terms__covenant", "organisation", "approved_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["covenant", "period", "state", "submitted_at", "reviewed_at"]
    list_select_related = ["covenant", "period"]


@admin.register(BudgetLine, Indicator, IndicatorTarget, ReportingPeriod, ReportValue)
class TermsPartAdmin(ReadOnlyAdmin):
    """Parts of versions and reports: they change through the covenant pages, which keep versions immutable."""


@admin.register(Comment, Meeting, Action)
class FollowUpAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    pass


@admin.register(CityCommitment, CityReport, CommitmentValue, ReportNote)
class CityPartAdmin(ReadOnlyAdmin):
    """The city's commitments and reports, and the review threads: written through the portal's workflow only."""


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """Documents are kept, never overwritten: a new upload is a new version, made on the covenant's page."""

    list_display = ["covenant", "title", "number", "file_name", "uploaded_at"]
    exclude = ["content"]
