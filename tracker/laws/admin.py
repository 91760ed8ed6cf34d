"""Admin for instruments, with their provisions and events inline."""

from django.contrib import admin

from tracker.common.admin import FactAdmin
from tracker.laws.models import Instrument, InstrumentEvent, Provision, ProvisionException


class ProvisionInline(admin.StackedInline):
    """Provisions inside their instrument."""

    model = Provision
    extra = 0
    show_change_link = True
    autocomplete_fields = ("sources", "bound_agencies")
    fields = ("key", "type", "section", "summary", "binds", "federal_reach", "verified", "sources")


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


@admin.register(Provision)
class ProvisionAdmin(FactAdmin):
    """Operative rules: filter by type, reach and verification."""

    list_display = ("__str__", "instrument", "type", "binds", "federal_reach", "verified")
    list_filter = ("type", "federal_reach", "binds", "verified")
    list_select_related = ("instrument",)
    search_fields = ("key", "summary", "quote", "section", "instrument__citation", "instrument__title")
    autocomplete_fields = ("sources", "instrument", "bound_agencies")
    inlines = (ExceptionInline,)
