"""Admin for import and fetch runs (read-only: they are records of what happened)."""

from django.contrib import admin
from django.http import HttpRequest

from tracker.importers.models import FetchRun, ImportRun


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the importers only: never added, edited or deleted by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Runs are created by importers only."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Runs are never edited."""
        return False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    """What each import did, with its skipped rows and rows to review."""

    list_display = ("importer", "file_name", "as_of", "started_at", "counts", "user")
    list_filter = ("importer",)
    list_select_related = ("user",)
    search_fields = ("file_name", "sha256")


@admin.register(FetchRun)
class FetchRunAdmin(ReadOnlyAdmin):
    """Each check of ICE's 287(g) page: the sheets found, what was imported, or why it failed."""

    list_display = ("started_at", "outcome", "reason", "url")
    readonly_fields = ("url", "started_at", "finished_at", "outcome", "reason", "sheets", "import_runs")
    list_filter = ("outcome",)
    search_fields = ("reason", "url")

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """A failed check is evidence of what ICE's page looked like: kept."""
        return False
