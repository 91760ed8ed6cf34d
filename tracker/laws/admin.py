"""Admin for instruments, with their provisions and events inline."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path

from tracker.conflicts.fact_admin import FactAdmin
from tracker.laws.models import Instrument, InstrumentEvent, Provision, ProvisionException, Survey
from tracker.laws.register import register_report


class ProvisionInline(admin.StackedInline):
    """Provisions inside their instrument."""

    model = Provision
    extra = 0
    show_change_link = True
    autocomplete_fields = ("sources", "bound_agencies")
    fields = ("key", "type", "section", "summary", "binds", "federal_reach", "governs", "verified", "sources")


class EventInline(admin.TabularInline):
    """Dated events (narrowed, repealed…)."""

    model = InstrumentEvent
    extra = 0
    autocomplete_fields = ("sources",)
    fields = ("kind", "occurred_on", "description", "sources")


class ExceptionInline(admin.TabularInline):
    """Exceptions inside their provision."""

    model = ProvisionException
    extra = 0
    autocomplete_fields = ("sources",)
    fields = ("kind", "quote", "sources")


@admin.register(Instrument)
class InstrumentAdmin(FactAdmin):
    """Legal texts: filter by status, kind, verification; search title, citation, text."""

    list_display = ("citation", "title", "jurisdiction", "kind", "status", "effective_on", "verified")
    list_filter = ("status", "kind", "verified")
    list_select_related = ("jurisdiction",)
    search_fields = ("title", "citation", "number", "jurisdiction__name", "key")
    autocomplete_fields = ("sources", "jurisdiction")
    inlines = (ProvisionInline, EventInline)
    date_hierarchy = "enacted_on"
    change_list_template = "admin/laws/instrument/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        """The register's health page beside the instrument list."""
        report = path("register/", self.admin_site.admin_view(self.register_view), name="laws_instrument_register")
        return [report, *super().get_urls()]

    def register_view(self, request: HttpRequest) -> HttpResponse:
        """Marks, official sources, last checks, what needs attention, and each state's 287(g) position."""
        context = {
            **self.admin_site.each_context(request),
            "title": "Law register health",
            "report": register_report(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/laws/register.html", context)


@admin.register(Provision)
class ProvisionAdmin(FactAdmin):
    """Operative rules: filter by type, reach and verification."""

    list_display = ("__str__", "instrument", "type", "binds", "federal_reach", "verified")
    list_filter = ("type", "federal_reach", "binds", "verified")
    list_select_related = ("instrument",)
    search_fields = ("key", "summary", "quote", "section", "instrument__citation", "instrument__title")
    autocomplete_fields = ("sources", "instrument", "bound_agencies")
    inlines = (ExceptionInline,)


@admin.register(Survey)
class SurveyAdmin(FactAdmin):
    """What research found for a jurisdiction and topic: tells "no law" from "not researched"."""

    list_display = ("jurisdiction", "topic", "finding", "checked_on")
    list_filter = ("topic", "finding")
    list_select_related = ("jurisdiction",)
    search_fields = ("jurisdiction__name", "jurisdiction__ocd_id", "note")
    autocomplete_fields = ("sources", "jurisdiction")
