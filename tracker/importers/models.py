"""What each import did, kept for the admin and for audits."""

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    """One run of an importer over one file: its counts, its skips and its file hash."""

    importer = models.CharField(max_length=40, help_text="Which importer ran.")
    file_name = models.CharField(max_length=500, help_text="The file, as given.")
    sha256 = models.CharField(max_length=64, db_index=True, help_text="Hash of the file's bytes.")
    as_of = models.DateField(null=True, blank=True, help_text="The date the file speaks for.")
    dry_run = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    counts = models.JSONField(default=dict, help_text="created / updated / unchanged / ended / skipped.")
    skipped = models.JSONField(default=list, help_text="Each skipped row with its reason.")
    review = models.JSONField(default=list, help_text="Rows imported but flagged for a person to check.")
    notes = models.JSONField(default=list, help_text="Anything else the run reported.")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.importer} {self.file_name} {self.started_at:%Y-%m-%d %H:%M}"


class FetchRun(models.Model):
    """One check of ICE's 287(g) page: the sheets it linked, what was imported, or why it failed."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", "imported new sheets"
        UNCHANGED = "unchanged", "nothing new"
        FAILED = "failed", "failed (nothing changed)"

    url = models.URLField(max_length=1000, help_text="The page read.")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, help_text="What the run did.")
    reason = models.TextField(blank=True, help_text="Why the run failed: network, page layout or file.")
    sheets = models.JSONField(
        default=list, help_text="Each sheet linked from the page: name, URL, date, kind, SHA-256 and outcome."
    )
    import_runs = models.ManyToManyField(ImportRun, blank=True, related_name="fetch_runs")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"287(g) page check {self.started_at:%Y-%m-%d %H:%M}: {self.outcome}"
