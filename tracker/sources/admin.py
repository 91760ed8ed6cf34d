"""Admin for sources."""

from django.contrib import admin

from tracker.conflicts.fact_admin import ReasonedAdmin
from tracker.sources.models import Source


@admin.register(Source)
class SourceAdmin(ReasonedAdmin):
    """Citations: searchable by title, publisher and URL."""

    list_display = ("title", "publisher", "kind", "published_on", "accessed_on")
    list_filter = ("kind",)
    search_fields = ("title", "publisher", "url", "key")
    ordering = ("title",)
    date_hierarchy = "published_on"
