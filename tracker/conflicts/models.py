"""Flags raised by the engine, their review trail and reviewers' private notes."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from tracker.conflicts.choices import OPEN_STATUSES, FlagStatus, Relation, Severity
from tracker.conflicts.querysets import FlagQuerySet


class Flag(models.Model):
    """A finding kept for review, keyed by the fingerprint of its rule and facts."""

    fingerprint = models.CharField(max_length=64, unique=True, help_text="sha256 of the rule id and sorted fact refs.")
    rule_id = models.CharField(max_length=40, db_index=True, help_text="The rule that raised it (e.g. FR-FED-001).")
    jurisdiction = models.ForeignKey(
        "places.Jurisdiction", on_delete=models.PROTECT, related_name="flags", help_text="Where the conflict is."
    )
    provision = models.ForeignKey(
        "laws.Provision", on_delete=models.PROTECT, null=True, blank=True, related_name="flags",
        help_text="The protective provision.",
    )
    other_provision = models.ForeignKey(
        "laws.Provision", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The other provision involved (e.g. the state law that may preempt it).",
    )
    agency = models.ForeignKey(
        "places.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="flags",
        help_text="The agency involved.",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, null=True, blank=True, related_name="flags",
        help_text="The federal partnership involved.",
    )
    deployment = models.ForeignKey(
        "partnerships.TechnologyDeployment", on_delete=models.PROTECT, null=True, blank=True, related_name="flags",
        help_text="The technology deployment involved.",
    )
    arrangement = models.ForeignKey(
        "partnerships.SharingArrangement", on_delete=models.PROTECT, null=True, blank=True, related_name="flags",
        help_text="The data-sharing arrangement involved.",
    )
    severity = models.PositiveSmallIntegerField(choices=Severity.choices, help_text="S0–S4 (legal-domain §5.1).")
    relation = models.CharField(
        max_length=20, choices=Relation.choices, blank=True, help_text="Bound by the provision, or operates within."
    )
    relation_how = models.CharField(max_length=300, blank=True, help_text="How the agency is bound or present.")
    federal_reach = models.CharField(max_length=10, blank=True, help_text="The provision's reach to federal partnerships.")
    verified = models.BooleanField(default=True, help_text="All its facts are verified (✅); else capped at S0.")
    explanation = models.TextField(help_text="Generated from the facts, with citations of both sides.")
    question = models.TextField(help_text="The legal question the flag raises.")
    evidence = models.JSONField(default=dict, help_text="The facts and sources the flag rests on.")
    evidence_hash = models.CharField(max_length=64, help_text="sha256 of the evidence; a change reopens a dismissal.")
    status = models.CharField(max_length=10, choices=FlagStatus.choices, default=FlagStatus.NEW, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_flags"
    )
    version = models.PositiveIntegerField(default=1, help_text="Incremented on every change (optimistic concurrency).")
    as_of = models.DateField(help_text="The date the facts were judged at, in the last sweep that found it.")
    first_seen_at = models.DateTimeField(help_text="When a sweep first found it.")
    last_seen_at = models.DateTimeField(help_text="When a sweep last found it.")
    history = HistoricalRecords(excluded_fields=["evidence", "last_seen_at"])
    # Set before a save; simple-history writes it on the history row.
    _change_reason: str

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-severity", "rule_id", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=FlagStatus.values), name="flag_status_valid"),
            models.CheckConstraint(condition=models.Q(severity__in=Severity.values), name="flag_severity_valid"),
        ]
        # The open flags of a place or an agency, read without the rows (search ranks by them).
        indexes = [
            models.Index(fields=["jurisdiction", "rule_id"]),
            models.Index(fields=["jurisdiction"], condition=models.Q(status__in=OPEN_STATUSES), name="flag_open_place"),
            models.Index(fields=["agency"], condition=models.Q(status__in=OPEN_STATUSES), name="flag_open_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} #{self.pk} ({self.get_status_display()})"


class FlagEvent(models.Model):
    """One change of a flag's status or assignee: who (empty for the engine), when, from, to, why."""

    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(help_text="When it happened.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    from_status = models.CharField(max_length=10, blank=True, help_text="Status before (empty when created).")
    to_status = models.CharField(max_length=10, help_text="Status after.")
    reason = models.TextField(blank=True, help_text="Why: the reviewer's reason or the engine's account of the change.")

    class Meta:
        ordering = ["flag", "at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '·'} → {self.to_status}"


class FlagNote(models.Model):
    """A reviewer's private note on a flag."""

    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(help_text="When it was written.")
    text = models.TextField(help_text="Private to reviewers.")

    class Meta:
        ordering = ["flag", "at", "id"]

    def __str__(self) -> str:
        return f"Note on flag {self.flag_id}"


class PendingSweep(models.Model):
    """Outbox: a re-evaluation owed after a write, saved in the write's transaction so a broker outage loses none."""

    jurisdiction_ids = models.JSONField(help_text="The jurisdictions to re-evaluate (sorted ids).")
    created = models.DateTimeField(db_index=True, help_text="When the write that owes it committed its intent.")
    dispatched_at = models.DateTimeField(null=True, blank=True, help_text="When it was last handed to the broker.")
    done_at = models.DateTimeField(null=True, blank=True, help_text="When a worker finished the sweep.")
    attempts = models.PositiveIntegerField(default=0, help_text="How many times handing it over failed.")
    dispatches = models.PositiveIntegerField(default=0, help_text="How many times the broker took it.")
    gave_up_at = models.DateTimeField(
        null=True, blank=True, help_text="When the relay stopped sending it: delivered the most times, never done."
    )
    last_error = models.CharField(max_length=300, blank=True, help_text="Why the last hand-over or sweep failed.")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["done_at", "dispatched_at"], name="pendingsweep_due")]

    def __str__(self) -> str:
        return f"Sweep of {len(self.jurisdiction_ids)} jurisdiction(s) owed since {self.created:%Y-%m-%d %H:%M}"
