"""Admin for flags: the review trail and notes inline; status changes go through the review services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.models import Flag, FlagEvent, FlagNote, PendingSweep
from tracker.conflicts.outbox import pending_sweeps_retry
from tracker.conflicts.services import FlagConflictError, FlagTransitionError, flag_transition


class FlagEventInline(admin.TabularInline):
    """The trail: read-only."""

    model = FlagEvent
    extra = 0
    can_delete = False
    fields = ("at", "by", "from_status", "to_status", "reason")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Events are written by the services only."""
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[FlagEvent]:
        """Fetch each event's author with it."""
        return super().get_queryset(request).select_related("by")


class FlagNoteInline(admin.TabularInline):
    """Private reviewer notes."""

    model = FlagNote
    extra = 1
    fields = ("text", "author", "at")
    readonly_fields = ("author", "at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[FlagNote]:
        """Fetch each note's author with it."""
        return super().get_queryset(request).select_related("author")


def _transition(to: str, label: str) -> Callable[[FlagAdmin, HttpRequest, QuerySet[Flag]], None]:
    @admin.action(description=label)
    def action(modeladmin: FlagAdmin, request: HttpRequest, queryset: QuerySet[Flag]) -> None:
        done = 0
        for flag in queryset:
            try:
                flag_transition(flag=flag, to=to, by=request.user, reason=f"{label} in the admin.",
                                expected_version=flag.version)
                done += 1
            except (FlagTransitionError, FlagConflictError) as exc:
                modeladmin.message_user(request, str(exc), messages.WARNING)
        modeladmin.message_user(request, f"{done} flag(s): {label.lower()}.")

    action.__name__ = f"mark_{to}"
    return action


@admin.register(Flag)
class FlagAdmin(SimpleHistoryAdmin):
    """Flags: filter by rule, status, severity, relation; facts read-only; transitions as actions."""

    list_display = ("id", "rule_id", "severity", "status", "jurisdiction", "agency", "relation", "verified", "as_of")
    list_filter = ("rule_id", "status", "severity", "relation", "verified", "federal_reach")
    list_select_related = ("jurisdiction", "agency")
    search_fields = ("rule_id", "explanation", "jurisdiction__name", "agency__name", "fingerprint")
    raw_id_fields = ("jurisdiction", "provision", "other_provision", "agency", "partnership", "deployment")
    readonly_fields = (
        "fingerprint", "rule_id", "jurisdiction", "provision", "other_provision", "agency", "partnership",
        "deployment", "severity", "relation", "relation_how", "federal_reach", "verified", "explanation", "question",
        "evidence", "evidence_hash", "status", "assignee", "version", "as_of", "first_seen_at", "last_seen_at",
    )
    inlines = (FlagNoteInline, FlagEventInline)
    actions = (
        _transition(FlagStatus.IN_REVIEW, "Take into review"),
        _transition(FlagStatus.CONFIRMED, "Confirm"),
        _transition(FlagStatus.RESOLVED, "Mark resolved"),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Flags come from the engine only."""
        return False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """New notes get their author and time."""
        from django.utils import timezone

        instances = formset.save(commit=False)
        for obj in instances:
            if isinstance(obj, FlagNote) and obj.pk is None:
                obj.author = request.user
                obj.at = timezone.now()
            obj.save()
        formset.save_m2m()


@admin.register(PendingSweep)
class PendingSweepAdmin(admin.ModelAdmin):
    """The outbox of owed sweeps: read-only, with "Send again" for the ones the relay gave up on."""

    list_display = ("id", "created", "dispatches", "dispatched_at", "done_at", "gave_up_at", "last_error")
    list_filter = (("done_at", admin.EmptyFieldListFilter), ("gave_up_at", admin.EmptyFieldListFilter))
    readonly_fields = ("jurisdiction_ids", "created", "dispatched_at", "done_at", "attempts", "dispatches",
                       "gave_up_at", "last_error")
    actions = ("send_again",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Rows are written by the write that owes the sweep."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Read-only; the action is the only change."""
        return False

    @admin.action(description="Send again (after fixing why the sweep failed)", permissions=["view"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[PendingSweep]) -> None:
        """Put the selected unfinished rows back in line; the relay sends them within a minute."""
        self.message_user(request, f"{pending_sweeps_retry(queryset)} owed sweep(s) back in line.", messages.SUCCESS)
