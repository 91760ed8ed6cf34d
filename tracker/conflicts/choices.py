"""Vocabularies of the conflicts app.

Severity levels are spaced by ten so a level can be inserted later without renumbering stored
flags; never renumber or rename a stored value: flags, exports and the API refer to them.
"""

from django.db import models


class Severity(models.IntegerChoices):
    """How serious a conflict is (legal-domain §5.1, S0–S4)."""

    INFO = 0, "S0 Info"
    LOW = 10, "S1 Low"
    MEDIUM = 20, "S2 Medium"
    HIGH = 30, "S3 High"
    CRITICAL = 40, "S4 Critical"


class RuleStatus(models.TextChoices):
    """Lifecycle of a rule: drafts do not run by default, retired rules stay so old flags resolve."""

    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    RETIRED = "retired", "Retired"


class Relation(models.TextChoices):
    """How the agency stands to the provision."""

    BOUND = "bound", "Bound by the provision"
    OPERATES_WITHIN = "operates_within", "Operates within its territory, not bound"
    NONE = "", "Not applicable"


class FlagStatus(models.TextChoices):
    """Review status of a flag; stale is set only by the engine."""

    NEW = "new", "New"
    IN_REVIEW = "in_review", "In review"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"
    RESOLVED = "resolved", "Resolved"
    STALE = "stale", "Stale (its facts no longer hold)"


#: Statuses the engine marks stale when a flag's facts are no longer found.
OPEN_STATUSES = (FlagStatus.NEW, FlagStatus.IN_REVIEW, FlagStatus.CONFIRMED)
