"""Federal programs, what they bring, the agencies in them, and local surveillance technology."""

from django.db import models

from tracker.common.models import Fact
from tracker.common.querysets import KeyedManager
from tracker.laws.choices import Technology
from tracker.partnerships.choices import CapabilityKind, PartnershipKind, PartnershipStatus, ProgramKind
from tracker.partnerships.querysets import PartnershipQuerySet


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


class Approval(Fact):
    """A governing body's recorded approval of a partnership, a deployment or a technology (CCOPS)."""

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
    technology = models.CharField(
        max_length=30, choices=Technology.choices, blank=True, help_text="A technology approved in general."
    )
    decided_on = models.DateField(help_text="Date of the vote or decision.")
    vote = models.CharField(max_length=100, blank=True, help_text='The vote, e.g. "7-2".')
    url = models.URLField(max_length=1000, blank=True, help_text="The record of the decision.")

    class Meta:
        ordering = ["jurisdiction", "-decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partnership__isnull=False)
                | models.Q(deployment__isnull=False)
                | ~models.Q(technology=""),
                name="approval_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} approval {self.decided_on}"
