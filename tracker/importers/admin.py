"""Admin for import runs (read-only: they are records of what happened)."""

from django.contrib import admin
from django.http import HttpRequest

from tracker.importers.models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """What each import did, with its skipped rows and rows to review."""

    list_display = ("importer", "file_name", "as_of", "started_at", "counts", "user")
    list_filter = ("importer",)
    list_select_related = ("user",)
    search_fields = ("file_name", "sha256")

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Runs are created by importers only."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Runs are never edited."""
        return False
