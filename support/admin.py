from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from charter_portal.admin import CacheBumpingAdmin
from support.models import (
    AvailabilityException,
    AvailabilitySlot,
    Booking,
    CollaborationRole,
    Mentorship,
    SmallOrganisation,
    SpaceConditions,
    SupportOffer,
    SupportReminder,
    SupportRequest,
)


@admin.register(SmallOrganisation)
class SmallOrganisationAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    """Where the city can mark an organisation as volunteer-run (its admins do so on the support pages), so
    that it may ask for support like a self-organisation."""

    list_display = ["organisation", "is_volunteer_run"]
    autocomplete_fields = ["organisation"]


@admin.register(SupportRequest)
class SupportRequestAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["organisation", "kind", "status", "supporter", "answer_due_on"]
    list_filter = ["status", "kind"]
    readonly_fields = ["version", "asked_at", "taken_up_at", "closed_at"]


@admin.register(Booking)
class BookingAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["space", "organisation", "starts_at", "ends_at", "status"]
    list_filter = ["status"]
    readonly_fields = ["version", "series"]


class SupportAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    """The other support records, as Django's admin shows them."""


admin.site.register(
    [
        SupportOffer,
        SupportReminder,
        Mentorship,
        SpaceConditions,
        AvailabilitySlot,
        AvailabilityException,
        CollaborationRole,
    ],
    SupportAdmin,
)
