"""Vocabularies of the partnerships app.

Add a value only with a migration and a line in docs/data-model.md; never rename a stored value.
"""

from collections.abc import Iterable

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


class SharingKind(models.TextChoices):
    """How an agency's data reaches others: the kind of sharing arrangement."""

    VENDOR_NETWORK = "vendor_network", "A vendor's network (national or federal lookup)"
    DIRECT_GRANT = "direct_grant", "Direct access granted to a named outside agency"
    DMV_ACCESS = "dmv_access", "State DMV records reachable through Nlets or a direct interface"
    FUSION_CENTRE = "fusion_centre", "A feed into a fusion centre others can search"
    FEDERAL_PILOT = "federal_pilot", "A vendor pilot giving a federal agency access"


class Recipient(models.TextChoices):
    """Who could search the data, or was given it.

    `federal` is any federal agency and includes `federal_immigration`: a law barring sharing with
    federal agencies reaches an arrangement with ICE, HSI, CBP or the Border Patrol (see `recipients_meet`).
    """

    FEDERAL_IMMIGRATION = "federal_immigration", "Federal immigration agencies (ICE, HSI, CBP, U.S. Border Patrol)"
    FEDERAL = "federal", "Federal agencies"
    OUT_OF_STATE = "out_of_state", "Agencies of other states"
    PRIVATE = "private", "Private entities"


#: What each recipient also is: a federal immigration agency is a federal agency.
RECIPIENT_ALSO: dict[str, tuple[str, ...]] = {Recipient.FEDERAL_IMMIGRATION: (Recipient.FEDERAL,)}

#: The recipients that are federal agencies: what turning off a federal lookup ends.
FEDERAL_RECIPIENTS = frozenset({Recipient.FEDERAL_IMMIGRATION.value, Recipient.FEDERAL.value})


def recipients_meet(recipients: Iterable[str], barred: Iterable[str]) -> tuple[str, ...]:
    """The barred recipients these recipients fall under (a federal immigration agency is federal), sorted."""
    wanted = set(barred)
    found: set[str] = set()
    for recipient in recipients:
        found |= {recipient, *RECIPIENT_ALSO.get(recipient, ())} & wanted
    return tuple(sorted(found))


class Purpose(models.TextChoices):
    """What the data was searched or shared for, as reported."""

    IMMIGRATION_ENFORCEMENT = "immigration_enforcement", "Immigration enforcement (searches labelled immigration or ICE)"


class SharingEventKind(models.TextChoices):
    """A dated, sourced event in a sharing arrangement's life; reversals are events, never deletions."""

    ACCESS_REPORTED = "access_reported", "Federal or out-of-state access reported"
    IMMIGRATION_SEARCHES_REPORTED = "immigration_searches_reported", "Searches for immigration purposes reported"
    AUDIT = "audit", "An official audit or review found something"
    ACCESS_PAUSED = "access_paused", "Access paused"
    FEDERAL_LOOKUP_DISABLED = "federal_lookup_disabled", "Federal or national lookup turned off"
    TERMINATED = "terminated", "Contract or sharing terminated"
    REINSTATED = "reinstated", "Reinstated"
    CEASE_AND_DESIST = "cease_and_desist", "Cease-and-desist letter"
    APPROVED = "approved", "Approved by the governing body"
    APPROVAL_REFUSED = "approval_refused", "Approval refused by the governing body"
    OFFICIAL_WARNING = "official_warning", "Official warning (e.g. an Attorney General letter)"
    LAWSUIT_FILED = "lawsuit_filed", "Lawsuit filed"


#: Events that switch access off or on from their date: the first two end every recipient's access, turning off
#: the federal or national lookup ends federal agencies' access only (others named may keep theirs), and a
#: reinstatement restores what the arrangement gave. On one day a switch off outweighs a reinstatement.
STOPS_ALL = (SharingEventKind.TERMINATED, SharingEventKind.ACCESS_PAUSED)
STOPS_FEDERAL = (SharingEventKind.FEDERAL_LOOKUP_DISABLED,)
RESTORES = (SharingEventKind.REINSTATED,)
SWITCHES = (*STOPS_ALL, *STOPS_FEDERAL, *RESTORES)

#: Events whose date shows the access existing then: an arrangement whose sources give no first date is in
#: effect from the earliest of these (access turned off, paused or ended says nothing of when it began).
ACCESS_EVIDENCE = (
    SharingEventKind.ACCESS_REPORTED,
    SharingEventKind.IMMIGRATION_SEARCHES_REPORTED,
    SharingEventKind.AUDIT,
    SharingEventKind.OFFICIAL_WARNING,
    SharingEventKind.CEASE_AND_DESIST,
    SharingEventKind.LAWSUIT_FILED,
)
