"""Admin for programs, capabilities, partnerships, deployments, sharing arrangements and approvals."""

from django.contrib import admin

from tracker.conflicts.fact_admin import FactAdmin
from tracker.partnerships.models import (
    Approval,
    Capability,
    FederalProgram,
    Partnership,
    SharingArrangement,
    SharingEvent,
    TechnologyDeployment,
)


class CapabilityInline(admin.StackedInline):
    """Capabilities inside their program."""

    model = Capability
    extra = 0
    autocomplete_fields = ("sources",)


@admin.register(FederalProgram)
class FederalProgramAdmin(FactAdmin):
    """Federal programs with what they bring."""

    list_display = ("name", "code", "kind", "federal_agency")
    list_filter = ("kind",)
    search_fields = ("name", "code")
    inlines = (CapabilityInline,)


@admin.register(Capability)
class CapabilityAdmin(FactAdmin):
    """What programs bring."""

    list_display = ("name", "program", "kind", "retention_days", "verified")
    list_filter = ("kind", "verified")
    list_select_related = ("program",)
    search_fields = ("name", "key", "description")


@admin.register(Partnership)
class PartnershipAdmin(FactAdmin):
    """Agreements: those needing review first."""

    list_display = ("agency", "program", "kind", "status", "signed_on", "signed_raw", "last_seen_on", "needs_review")
    list_filter = ("needs_review", "kind", "status", "program")
    list_select_related = ("agency", "program")
    search_fields = ("agency__name", "agency__state__postal_code")
    autocomplete_fields = ("sources", "agency", "first_seen_in", "last_seen_in", "ended_in")
    raw_id_fields = ("application",)
    date_hierarchy = "signed_on"
    ordering = ("-needs_review", "agency__name")


@admin.register(TechnologyDeployment)
class TechnologyDeploymentAdmin(FactAdmin):
    """Surveillance technology in use."""

    list_display = ("agency", "technology", "vendor", "atlas_id", "verified")
    list_filter = ("technology", "verified")
    list_select_related = ("agency",)
    search_fields = ("agency__name", "vendor", "atlas_id")
    autocomplete_fields = ("sources", "agency")


class SharingEventInline(admin.TabularInline):
    """Dated events inside their arrangement."""

    model = SharingEvent
    extra = 0
    autocomplete_fields = ("sources",)
    fields = ("kind", "occurred_on", "description", "verified", "sources")


@admin.register(SharingArrangement)
class SharingArrangementAdmin(FactAdmin):
    """Data-sharing arrangements, reported (◐) or verified (✅), with their events."""

    list_display = ("agency", "kind", "technology", "vendor", "first_evidence_on", "ended_on", "verified")
    list_filter = ("kind", "technology", "verified")
    list_select_related = ("agency",)
    search_fields = ("key", "agency__name", "vendor", "summary")
    autocomplete_fields = ("sources", "agency")
    inlines = (SharingEventInline,)


@admin.register(Approval)
class ApprovalAdmin(FactAdmin):
    """Governing-body approvals (CCOPS)."""

    list_display = ("body", "jurisdiction", "decided_on", "technology", "partnership", "deployment", "arrangement")
    list_select_related = (
        "jurisdiction", "partnership__agency", "partnership__program", "deployment__agency", "arrangement__agency"
    )
    search_fields = ("body", "jurisdiction__name")
    autocomplete_fields = ("sources", "jurisdiction", "partnership", "deployment", "arrangement")
