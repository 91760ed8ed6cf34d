"""Vocabularies of the sources app.

Add a value only with a migration and a line in docs/data-model.md; never rename a stored value.
"""

from django.db import models


class SourceKind(models.TextChoices):
    """What kind of document a source is: it drives how much a fact resting on it can be trusted."""

    PRIMARY_TEXT = "primary_text", "Official text (code, session law, ordinance, from its publisher)"
    OFFICIAL_RECORD = "official_record", "Official record (legislative or council record, official PDF, agency dataset)"
    COURT_OPINION = "court_opinion", "Court opinion or order"
    OFFICIAL_STATEMENT = "official_statement", "Official statement (press release, letter, announcement)"
    NEWS = "news", "News report"
    ADVOCACY = "advocacy", "Advocacy or research organisation"
    TRACKER = "tracker", "Third-party tracker or dataset"
    AI_SUMMARY = "ai_summary", "Machine-generated bill summary"
    OTHER = "other", "Other"


#: Kinds that can make a fact verified (✅): the law's own text, an official record, a court's opinion.
#: Everything else (official statements included) is a report about the law, shown as such.
OFFICIAL_KINDS = frozenset({SourceKind.PRIMARY_TEXT, SourceKind.OFFICIAL_RECORD, SourceKind.COURT_OPINION})
