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
