"""Vocabularies of the alerts app.

Stored values are referenced by hit rows and digests already sent: add values, never rename them.
"""

from django.db import models


class WatchKind(models.TextChoices):
    """What a watch follows."""

    JURISDICTION = "jurisdiction", "A jurisdiction"
    RULE = "rule", "A rule"


class HitKind(models.TextChoices):
    """What kind of new fact a hit reports."""

    FLAG = "flag", "New flag"
    AGREEMENT = "agreement", "New federal agreement"
    LAW = "law", "New law"
    SIGNED = "signed", "Pending application signed"
    ENDED = "ended", "Agreement gone from ICE's sheet"


class DigestPeriod(models.TextChoices):
    """How often digests go out (settings.ALERTS_DIGEST_PERIOD)."""

    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
