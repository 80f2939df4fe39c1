from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from charter_portal.admin import CacheBumpingAdmin, ReadOnlyAdmin
from signals.models import (
    Endorsement,
    PrioritisationRound,
    ReminderSent,
    RoundCandidate,
    RoutingRule,
    Signal,
    SignalAction,
    SignalSettings,
    SignalTheme,
    TimelineEntry,
    Vote,
)


class ThemeInline(admin.TabularInline):
    model = SignalTheme
    extra = 0


class TimelineInline(admin.TabularInline):
    model = TimelineEntry
    extra = 0
    readonly_fields = ["kind", "created_at", "author", "author_organisation", "status_after"]


@admin.register(Signal)
class SignalAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["title", "organisation", "status", "responsible_body", "due_on", "priority_round"]
    list_filter = ["status", "responsible_body", "is_demo"]
    search_fields = ["title", "description"]
    readonly_fields = ["version", "status"]
    inlines = [ThemeInline, TimelineInline]


@admin.register(Endorsement)
class EndorsementAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["signal", "organisation", "created_at"]


@admin.register(ReminderSent)
class ReminderSentAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["signal", "deadline", "due_on", "stage", "sent_at"]
    list_filter = ["deadline", "stage"]


class CandidateInline(admin.TabularInline):
    model = RoundCandidate
    extra = 0


@admin.register(PrioritisationRound)
class RoundAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["title", "state", "votes_per_organisation", "top_n", "opened_at"]
    inlines = [CandidateInline]


@admin.register(SignalTheme)
class SignalThemeAdmin(ReadOnlyAdmin):
    list_display = ["signal", "code"]
    list_filter = ["code"]


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyAdmin):
    list_display = ["signal", "kind", "author", "created_at", "is_internal"]
    list_filter = ["kind", "is_internal"]


@admin.register(RoundCandidate)
class RoundCandidateAdmin(ReadOnlyAdmin):
    list_display = ["round", "signal"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["round", "organisation", "signal", "votes"]


@admin.register(SignalAction)
class SignalActionAdmin(CacheBumpingAdmin, SimpleHistoryAdmin):
    list_display = ["description", "signal", "responsible_body", "due_on", "status", "progress"]
    list_filter = ["status", "responsible_body"]
    search_fields = ["description"]
    raw_id_fields = ["signal"]
    readonly_fields = ["version"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["theme", "body"]


@admin.register(SignalSettings)
class SignalSettingsAdmin(CacheBumpingAdmin, admin.ModelAdmin):
    list_display = ["__str__", "indicator_endorsement_weight", "indicator_theme"]
