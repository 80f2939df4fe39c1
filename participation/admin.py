from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from charter_portal.admin import CacheBumpingAdmin
from participation.models import MomentPoint, MomentQuote, MomentTheme, ParticipationMoment


class ThemeInline(admin.TabularInline):
    model = MomentTheme
    extra = 0


class PointInline(admin.TabularInline):
    model = MomentPoint
    extra = 0


class QuoteInline(admin.TabularInline):
    model = MomentQuote
    extra = 0


@admin.register(ParticipationMoment)
class ParticipationMomentAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["title", "organisation", "held_on", "method", "city_wide", "is_archived", "is_demo"]
    list_filter = ["method", "city_wide", "is_archived", "is_demo"]
    search_fields = ["title", "organisation__name"]
    inlines = [ThemeInline, PointInline, QuoteInline]
    readonly_fields = ["version"]
