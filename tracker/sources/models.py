"""Source: a citation that any fact can rest on."""

from django.db import models
from simple_history.models import HistoricalRecords

from tracker.common.models import TimeStamped
from tracker.common.querysets import KeyedManager
from tracker.sources.choices import SourceKind


class Source(TimeStamped):
    """A document that supports a fact: URL, title, publisher, dates, and the quoted words."""

    key = models.SlugField(
        max_length=120,
        unique=True,
        help_text="Stable natural key used by fixtures, imports and the API.",
    )
    url = models.URLField(max_length=1000, help_text="Where the document can be read.")
    title = models.CharField(max_length=500, help_text="The document's title as published.")
    publisher = models.CharField(max_length=300, help_text="Who published it (court, council, newspaper, agency).")
    kind = models.CharField(max_length=20, choices=SourceKind.choices, help_text="What kind of document it is.")
    published_on = models.DateField(null=True, blank=True, help_text="Publication date; empty when unknown.")
    accessed_on = models.DateField(null=True, blank=True, help_text="When the document was read.")
    archive_url = models.URLField(max_length=1000, blank=True, help_text="A permanent archived copy, if any.")
    quote = models.TextField(blank=True, help_text="The words in the document that support the fact.")
    history = HistoricalRecords()

    objects = KeyedManager()
    NATURAL_KEY = ("key",)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(url=""), name="source_url_present"),
            models.CheckConstraint(condition=~models.Q(title=""), name="source_title_present"),
            models.CheckConstraint(condition=models.Q(kind__in=SourceKind.values), name="source_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher})"

    def natural_key(self) -> tuple[str]:
        """Fixtures refer to a source by its key."""
        return (self.key,)
