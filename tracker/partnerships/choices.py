"""Vocabularies of the partnerships app.

Add a value only with a migration and a line in docs/data-model.md; never rename a stored value.
"""

from django.db import models


class ProgramKind(models.TextChoices):
    """What kind of federal program."""

    AGREEMENT_287G = "287g", "287(g) agreement model"
    TASK_FORCE = "task_force", "Federal task force"
    FEDERAL_APP = "federal_app", "Federal app or system"
    DATA_SHARING = "data_sharing", "Data sharing"
    GRANT = "grant", "Grant or equipment program"


class Program287g(models.TextChoices):
    """The codes of ICE's three 287(g) models (stored in `FederalProgram.code`; fixtures and imports use them)."""

    JAIL_ENFORCEMENT = "287g-jem", "Jail Enforcement Model"
    TASK_FORCE = "287g-tfm", "Task Force Model"
    WARRANT_SERVICE = "287g-wso", "Warrant Service Officer"


class CapabilityKind(models.TextChoices):
    """What a program lets local officers do."""

    FACE_RECOGNITION = "face_recognition", "Face recognition"
    FINGERPRINT = "fingerprint", "Fingerprint identification"
    IMMIGRATION_STATUS_CHECK = "immigration_status_check", "Immigration status check"
    IMMIGRATION_ARREST = "immigration_arrest", "Immigration arrest and interrogation"
    IMMIGRATION_DETAINER = "immigration_detainer", "Serving immigration warrants and detainers"
    DATA_RETENTION = "data_retention", "Federal retention of collected data"
    ALPR = "alpr", "License plate reader lookups"


#: Capabilities that count as surveillance technology for CCOPS purposes.
SURVEILLANCE_CAPABILITIES = (CapabilityKind.FACE_RECOGNITION, CapabilityKind.FINGERPRINT, CapabilityKind.ALPR)


class PartnershipStatus(models.TextChoices):
    """Where an agreement or an application stands.

    An agreement is active or ended; an application is pending or ended (withdrawn, refused, or
    turned into an agreement).
    """

    PENDING = "pending", "Pending application"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended (or gone from ICE's sheet)"


class PartnershipKind(models.TextChoices):
    """What the record is: a signed agreement, or an application ICE lists as pending.

    An application is never in effect, whatever its dates; when it turns into an agreement the
    agreement is its own record, linked through `application`.
    """

    AGREEMENT = "agreement", "Signed agreement"
    APPLICATION = "application", "Pending application"
