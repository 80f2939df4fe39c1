from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from signals.models import (
    Endorsement,
    PrioritisationRound,
    ReminderSent,
    RoundCandidate,
    Signal,
    SignalTheme,
    TimelineEntry,
)


class ThemeInline(admin.TabularInline):
    model = SignalTheme
    extra = 0


class TimelineInline(admin.TabularInline):
    model = TimelineEntry
    extra = 0
    readonly_fields = ["kind", "created_at", "author", "author_organisation", "status_after"]


@admin.register(Signal)
class SignalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "status", "responsible_service", "due_on", "priority_round"]
    list_filter = ["status", "responsible_service", "is_demo"]
    search_fields = ["title", "description"]
    readonly_fields = ["version", "status"]
    inlines = [ThemeInline, TimelineInline]


@admin.register(Endorsement)
class EndorsementAdmin(SimpleHistoryAdmin):
    list_display = ["signal", "organisation", "created_at"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["signal", "deadline", "due_on", "stage", "sent_at"]
    list_filter = ["deadline", "stage"]


class CandidateInline(admin.TabularInline):
    model = RoundCandidate
    extra = 0


@admin.register(PrioritisationRound)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ["title", "state", "votes_per_organisation", "top_n", "opened_at"]
    inlines = [CandidateInline]
