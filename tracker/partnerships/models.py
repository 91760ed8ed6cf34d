"""Federal programs, what they bring, the agencies in them, local surveillance technology and data sharing."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models

from tracker.common.models import Fact, check_vocabulary
from tracker.common.querysets import KeyedManager
from tracker.laws.choices import Technology
from tracker.partnerships.choices import (
    SWITCHES,
    CapabilityKind,
    PartnershipKind,
    PartnershipStatus,
    ProgramKind,
    Purpose,
    Recipient,
    SharingEventKind,
    SharingKind,
)
from tracker.partnerships.querysets import PartnershipQuerySet, SharingArrangementQuerySet


class FederalProgram(Fact):
    """A federal program local agencies join: a 287(g) model, a task force, a federal app."""

    code = models.SlugField(max_length=40, unique=True, help_text='Stable code, e.g. "287g-tfm".')
    name = models.CharField(max_length=200, help_text="Name as the federal agency uses it.")
    kind = models.CharField(max_length=20, choices=ProgramKind.choices, help_text="What kind of program.")
    federal_agency = models.CharField(max_length=100, help_text="The federal party (ICE, CBP, FBI…).")
    description = models.TextField(blank=True, help_text="What the program is, in its operator's words.")

    objects = KeyedManager()
    NATURAL_KEY = ("code",)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=ProgramKind.values), name="program_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        """Fixtures refer to a program by its code."""
        return (self.code,)


class Capability(Fact):
    """Something a program brings to the officers in it (e.g. face matching through the TFM app)."""

    key = models.SlugField(max_length=80, unique=True, help_text="Stable natural key.")
    program = models.ForeignKey(FederalProgram, on_delete=models.PROTECT, related_name="capabilities")
    kind = models.CharField(max_length=30, choices=CapabilityKind.choices, help_text="What it lets officers do.")
    name = models.CharField(max_length=200, help_text='The tool or function, e.g. "ICE Task Force Module app".')
    description = models.TextField(blank=True, help_text="What it does, what it searches, what it returns.")
    records_searched = models.CharField(max_length=300, blank=True, help_text="Databases or record counts searched.")
    retention_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="How long the federal side keeps what is collected, in days; empty if unknown."
    )
    verified = models.BooleanField(default=False, help_text="Confirmed by an official record (✅); else reported (◐).")

    objects = KeyedManager()
    NATURAL_KEY = ("key",)

    class Meta:
        ordering = ["program", "kind"]
        verbose_name_plural = "capabilities"
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=CapabilityKind.values), name="capability_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def natural_key(self) -> tuple[str]:
        """Fixtures refer to a capability by its key."""
        return (self.key,)


class Partnership(Fact):
    """An agency's agreement with (or application to) a federal program."""

    agency = models.ForeignKey("places.Agency", on_delete=models.PROTECT, related_name="partnerships")
    program = models.ForeignKey(FederalProgram, on_delete=models.PROTECT, related_name="partnerships")
    kind = models.CharField(
        max_length=12,
        choices=PartnershipKind.choices,
        default=PartnershipKind.AGREEMENT,
        help_text="A signed agreement, or an application ICE lists as pending (never in effect).",
    )
    status = models.CharField(max_length=10, choices=PartnershipStatus.choices, help_text="Where it stands.")
    signed_on = models.DateField(null=True, blank=True, help_text="Signed; empty when unknown or unreadable.")
    signed_raw = models.CharField(
        max_length=100, blank=True, help_text="The signed date exactly as the source printed it."
    )
    ended_on = models.DateField(null=True, blank=True, help_text="Ended, or first missing from ICE's sheet.")
    moa_url = models.URLField(max_length=1000, blank=True, help_text="The memorandum of agreement.")
    addendum_url = models.URLField(max_length=1000, blank=True, help_text="The addendum, if any.")
    first_seen_on = models.DateField(null=True, blank=True, help_text="Date of the first sheet that lists it.")
    first_seen_in = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The first sheet that lists it.",
    )
    last_seen_on = models.DateField(null=True, blank=True, help_text="Date of the latest sheet that lists it.")
    last_seen_in = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The latest sheet that lists it.",
    )
    ended_in = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The first sheet that no longer lists it.",
    )
    application = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement",
        help_text="The pending application this agreement grew from.",
    )
    source_row = models.JSONField(default=dict, blank=True, help_text="The row it was imported from, as read.")
    needs_review = models.BooleanField(
        default=False, help_text="Something in the row could not be read with confidence."
    )
    review_note = models.TextField(blank=True, help_text="What a reviewer must check.")

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "program"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PartnershipStatus.values), name="partnership_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind=PartnershipKind.AGREEMENT, status__in=[PartnershipStatus.ACTIVE, PartnershipStatus.ENDED]
                )
                | models.Q(
                    kind=PartnershipKind.APPLICATION, status__in=[PartnershipStatus.PENDING, PartnershipStatus.ENDED]
                ),
                name="partnership_status_fits_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(signed_on__isnull=True)
                | models.Q(ended_on__gte=models.F("signed_on")),
                name="partnership_ended_after_signed",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=PartnershipStatus.ENDED) | models.Q(ended_on__isnull=False),
                name="partnership_ended_has_date",
            ),
            models.UniqueConstraint(
                fields=["agency", "program"],
                condition=models.Q(status=PartnershipStatus.ACTIVE),
                name="partnership_one_active_per_agency_program",
            ),
            models.UniqueConstraint(
                fields=["agency", "program"],
                condition=models.Q(status=PartnershipStatus.PENDING),
                name="partnership_one_pending_per_agency_program",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.program} ({self.status})"


class TechnologyDeployment(Fact):
    """An agency's use of a surveillance technology (e.g. from the Atlas of Surveillance)."""

    agency = models.ForeignKey("places.Agency", on_delete=models.PROTECT, related_name="deployments")
    technology = models.CharField(max_length=30, choices=Technology.choices, help_text="The technology.")
    vendor = models.CharField(max_length=200, blank=True, help_text="Vendor or product, when known.")
    summary = models.TextField(blank=True, help_text="What the source says about the deployment.")
    atlas_id = models.CharField(
        max_length=20, null=True, blank=True, unique=True, help_text="Atlas of Surveillance AOSNUMBER, if from there."
    )
    reported_on = models.DateField(null=True, blank=True, help_text="Date of the evidence.")
    verified = models.BooleanField(default=False, help_text="Confirmed by an official record (✅); else reported (◐).")

    class Meta:
        ordering = ["agency", "technology"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(technology__in=Technology.values), name="deployment_technology_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.get_technology_display()}"


class SharingArrangement(Fact):
    """An agency's data-sharing arrangement: who outside it can search its data, since when, as reported.

    `verified` is true only when a source of an official kind (`OFFICIAL_KINDS`: audit, council record, court
    opinion…) supports it with the words quoted; a press release, news or advocacy report leaves it reported (◐).
    Nothing here is inferred without a source.
    """

    key = models.SlugField(max_length=140, unique=True, help_text="Stable natural key (fixtures, imports, API).")
    agency = models.ForeignKey(
        "places.Agency", on_delete=models.PROTECT, related_name="sharing_arrangements", help_text="Whose data."
    )
    kind = models.CharField(max_length=20, choices=SharingKind.choices, help_text="How the data reaches others.")
    technology = models.CharField(max_length=30, choices=Technology.choices, help_text="Whose data: which technology.")
    vendor = models.CharField(max_length=200, blank=True, help_text="Vendor or network, when there is one.")
    recipients = models.JSONField(
        default=list, blank=True, help_text="Who could search the data or was given it (codes)."
    )
    purposes = models.JSONField(
        default=list, blank=True, help_text="Reported purposes of searches (codes); empty when none reported."
    )
    first_evidence_on = models.DateField(
        null=True, blank=True, help_text="Earliest date the sources show the access existing; empty when unknown."
    )
    ended_on = models.DateField(
        null=True, blank=True, help_text="When access for those recipients ended, per the sources; empty if not."
    )
    summary = models.TextField(blank=True, help_text="What the sources say, in one or two plain sentences.")
    verified = models.BooleanField(default=False, help_text="Supported by an official record (✅); else reported (◐).")
    doubt = models.TextField(blank=True, help_text="What is uncertain or disputed.")

    objects = SharingArrangementQuerySet.as_manager()
    NATURAL_KEY = ("key",)

    class Meta:
        ordering = ["agency", "key"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=SharingKind.values), name="sharing_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(technology__in=Technology.values), name="sharing_technology_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(first_evidence_on__isnull=True)
                | models.Q(ended_on__gte=models.F("first_evidence_on")),
                name="sharing_ended_after_first_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.get_kind_display()}{f' ({self.vendor})' if self.vendor else ''}"

    def natural_key(self) -> tuple[str]:
        """Fixtures refer to an arrangement by its key."""
        return (self.key,)

    @property
    def switches(self) -> tuple[tuple[date, str], ...]:
        """The dated events that switched access off or on (`SWITCHES`); prefetch `events` to read them at once."""
        return tuple((e.occurred_on, e.kind) for e in self.events.all() if e.kind in SWITCHES)

    def clean(self) -> None:
        """Recipients and purposes hold codes from their vocabularies only."""
        super().clean()
        check_vocabulary(self.recipients, Recipient.values, "recipients")
        check_vocabulary(self.purposes, Purpose.values, "purposes")
        if self.first_evidence_on and self.ended_on and self.ended_on < self.first_evidence_on:
            raise ValidationError({"ended_on": "Ends before the first evidence of the access."})


class SharingEventManager(models.Manager["SharingEvent"]):
    """Sharing events by natural key: arrangement key, kind, date."""

    def get_by_natural_key(self, arrangement: str, kind: str, occurred_on: str) -> SharingEvent:
        """The event of this arrangement, kind and date."""
        return self.get(arrangement__key=arrangement, kind=kind, occurred_on=occurred_on)


class SharingEvent(Fact):
    """A dated, sourced event of a sharing arrangement: searches reported, an audit, lookup turned off…"""

    arrangement = models.ForeignKey(SharingArrangement, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30, choices=SharingEventKind.choices, help_text="What happened.")
    occurred_on = models.DateField(help_text="When it happened.")
    description = models.TextField(blank=True, help_text="What happened, with the figures the source gives.")
    verified = models.BooleanField(default=False, help_text="Supported by an official record (✅); else reported (◐).")

    objects = SharingEventManager()

    class Meta:
        ordering = ["arrangement", "occurred_on", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SharingEventKind.values), name="sharing_event_kind_valid"
            ),
            models.UniqueConstraint(fields=["arrangement", "kind", "occurred_on"], name="sharing_event_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"

    def natural_key(self) -> tuple[str, str, str]:
        """Fixtures name an event by its arrangement, kind and date."""
        return (self.arrangement.key, self.kind, self.occurred_on.isoformat())

    natural_key.dependencies = ["partnerships.sharingarrangement"]  # type: ignore[attr-defined]


class ApprovalManager(models.Manager["Approval"]):
    """Approvals by natural key: the jurisdiction, the subject (an arrangement's key, or a technology approved in
    general), the body and the date."""

    def get_by_natural_key(self, ocd_id: str, subject: str, body: str, decided_on: str) -> Approval:
        """The approval by this jurisdiction's body, on this date, of this arrangement or technology."""
        return self.get(
            models.Q(arrangement__key=subject) | models.Q(arrangement__isnull=True, technology=subject),
            jurisdiction__ocd_id=ocd_id, body=body, decided_on=decided_on,
        )


class Approval(Fact):
    """A governing body's recorded approval of a partnership, a deployment, a sharing arrangement or a
    technology (CCOPS)."""

    jurisdiction = models.ForeignKey(
        "places.Jurisdiction", on_delete=models.PROTECT, related_name="approvals", help_text="Whose body approved."
    )
    body = models.CharField(max_length=200, help_text='The approving body, e.g. "City Council".')
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="approvals"
    )
    deployment = models.ForeignKey(
        TechnologyDeployment, on_delete=models.PROTECT, null=True, blank=True, related_name="approvals"
    )
    arrangement = models.ForeignKey(
        SharingArrangement, on_delete=models.PROTECT, null=True, blank=True, related_name="approvals",
        help_text="A data-sharing arrangement approved.",
    )
    technology = models.CharField(
        max_length=30, choices=Technology.choices, blank=True, help_text="A technology approved in general."
    )
    decided_on = models.DateField(help_text="Date of the vote or decision.")
    vote = models.CharField(max_length=100, blank=True, help_text='The vote, e.g. "7-2".')
    url = models.URLField(max_length=1000, blank=True, help_text="The record of the decision.")

    objects = ApprovalManager()

    class Meta:
        ordering = ["jurisdiction", "-decided_on"]
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "body", "decided_on"], name="approval_unique_per_arrangement"),
            models.CheckConstraint(
                condition=models.Q(partnership__isnull=False)
                | models.Q(deployment__isnull=False)
                | models.Q(arrangement__isnull=False)
                | ~models.Q(technology=""),
                name="approval_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} approval {self.decided_on}"

    def natural_key(self) -> tuple[str, str, str, str]:
        """Fixtures name an approval by its jurisdiction, subject (the arrangement, else the technology), body and
        date; an approval of a partnership or deployment alone has no subject here and is not a fixture."""
        subject = self.arrangement.key if self.arrangement is not None else self.technology
        return (self.jurisdiction.ocd_id, subject, self.body, self.decided_on.isoformat())

    natural_key.dependencies = ["places.jurisdiction", "partnerships.sharingarrangement"]  # type: ignore[attr-defined]
