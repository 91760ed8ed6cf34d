"""Vocabularies of the sources app.

Add a value only with a migration and a line in docs/data-model.md; never rename a stored value.
"""

from django.db import models


class SourceKind(models.TextChoices):
    """What kind of document a source is: it drives how much a fact resting on it can be trusted."""

    PRIMARY_TEXT = "primary_text", "Primary legal text (code, statute, ordinance)"
    OFFICIAL_RECORD = "official_record", "Official record (legislative record, agency page, agency dataset)"
    NEWS = "news", "News report"
    ADVOCACY = "advocacy", "Advocacy or research organisation"
    TRACKER = "tracker", "Third-party tracker or dataset"
    AI_SUMMARY = "ai_summary", "Machine-generated bill summary"
    OTHER = "other", "Other"
