"""Legal texts (instruments) and their operative rules (provisions)."""

from __future__ import annotations

from datetime import date

from django.db import models

from tracker.common.models import Fact, check_vocabulary
from tracker.laws.choices import (
    Act,
    Binds,
    Condition,
    EventKind,
    ExceptionKind,
    FederalReach,
    Governs,
    InstrumentKind,
    InstrumentStatus,
    ProvisionType,
    SurveyFinding,
    SurveyTopic,
    Technology,
)
from tracker.laws.querysets import InstrumentQuerySet, ProvisionQuerySet, in_force_on
from tracker.partnerships.choices import Purpose, Recipient


class EventManager(models.Manager["InstrumentEvent"]):
    """Events by natural key: instrument key, kind, date."""

    def get_by_natural_key(self, instrument: str, kind: str, occurred_on: str) -> InstrumentEvent:
        """The event of this instrument, kind and date."""
        return self.get(instrument__key=instrument, kind=kind, occurred_on=occurred_on)


class ExceptionManager(models.Manager["ProvisionException"]):
    """Exceptions by natural key: provision key, kind."""

    def get_by_natural_key(self, provision: str, kind: str) -> ProvisionException:
        """The exception of this kind to this provision."""
        return self.get(provision__key=provision, kind=kind)


class SurveyManager(models.Manager["Survey"]):
    """Surveys by natural key: jurisdiction OCD id, topic."""

    def get_by_natural_key(self, jurisdiction: str, topic: str) -> Survey:
        """The survey of this topic in this jurisdiction."""
        return self.get(jurisdiction__ocd_id=jurisdiction, topic=topic)


class Instrument(Fact):
    """A legal text of a jurisdiction: ordinance, statute, executive order, directive…"""

    key = models.SlugField(max_length=120, unique=True, help_text="Stable natural key (fixtures, imports, API).")
    jurisdiction = models.ForeignKey(
        "places.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="instruments",
        help_text="The government that enacted it.",
    )
    kind = models.CharField(max_length=20, choices=InstrumentKind.choices, help_text="What kind of legal text.")
    title = models.CharField(max_length=500, help_text="Title or short description.")
    citation = models.CharField(max_length=300, help_text='Official citation (e.g. "S.F. Admin. Code ch. 19B").')
    number = models.CharField(max_length=100, blank=True, help_text="Ordinance, bill or act number.")
    enacting_body = models.CharField(max_length=200, blank=True, help_text="Council, legislature, governor…")
    status = models.CharField(
        max_length=12, choices=InstrumentStatus.choices, help_text="Where it stands today (history keeps the past)."
    )
    introduced_on = models.DateField(null=True, blank=True, help_text="Introduced; empty when unknown.")
    enacted_on = models.DateField(null=True, blank=True, help_text="Enacted (passed and signed); empty when unknown.")
    effective_on = models.DateField(
        null=True, blank=True, help_text="Took or takes effect; empty when unknown (then the enactment date is used)."
    )
    sunset_on = models.DateField(null=True, blank=True, help_text="Expires on this date unless extended.")
    repealed_on = models.DateField(null=True, blank=True, help_text="Repealed (or lifted) on this date.")
    text = models.TextField(blank=True, help_text="Full text or the operative excerpt.")
    url = models.URLField(max_length=1000, blank=True, help_text="The official text.")
    verified = models.BooleanField(
        default=False, help_text="Checked against the operative text or an official record (✅); else ◐."
    )
    doubt = models.TextField(blank=True, help_text="What is uncertain about this text or its dates, if anything.")
    checked_on = models.DateField(
        null=True, blank=True, help_text="When its facts were last checked against their sources; empty when never."
    )

    objects = InstrumentQuerySet.as_manager()
    NATURAL_KEY = ("key",)

    class Meta:
        ordering = ["jurisdiction__ocd_id", "citation"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=InstrumentKind.values), name="instrument_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(status__in=InstrumentStatus.values), name="instrument_status_valid"
            ),
            models.CheckConstraint(condition=~models.Q(citation=""), name="instrument_citation_present"),
            models.CheckConstraint(
                condition=models.Q(effective_on__isnull=True)
                | models.Q(enacted_on__isnull=True)
                | models.Q(effective_on__gte=models.F("enacted_on")),
                name="instrument_effective_after_enacted",
            ),
            models.CheckConstraint(
                condition=models.Q(repealed_on__isnull=True)
                | models.Q(enacted_on__isnull=True)
                | models.Q(repealed_on__gte=models.F("enacted_on")),
                name="instrument_repealed_after_enacted",
            ),
            models.CheckConstraint(
                condition=models.Q(sunset_on__isnull=True)
                | models.Q(effective_on__isnull=True)
                | models.Q(sunset_on__gt=models.F("effective_on")),
                name="instrument_sunset_after_effective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citation} — {self.title}"

    def natural_key(self) -> tuple[str]:
        """Fixtures refer to an instrument by its key."""
        return (self.key,)

    def is_in_force_on(self, on: date) -> bool:
        """Whether the text was in force on a date, from its own status and dates."""
        return in_force_on(self.status, self.enacted_on, self.effective_on, self.sunset_on, self.repealed_on, on)


class InstrumentEvent(Fact):
    """A dated event in an instrument's life (narrowed, repealed, enjoined…)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind.choices, help_text="What happened.")
    occurred_on = models.DateField(help_text="When it happened.")
    description = models.TextField(blank=True, help_text="What changed, in the source's words where possible.")

    objects = EventManager()

    class Meta:
        ordering = ["instrument", "occurred_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=EventKind.values), name="instrument_event_kind_valid"),
            models.UniqueConstraint(fields=["instrument", "kind", "occurred_on"], name="instrument_event_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"

    def natural_key(self) -> tuple[str, str, str]:
        """Fixtures name an event by its instrument, kind and date."""
        return (self.instrument.key, self.kind, self.occurred_on.isoformat())

    natural_key.dependencies = ["laws.instrument"]  # type: ignore[attr-defined]


class Provision(Fact):
    """One operative rule inside an instrument, typed so the engine can reason about it."""

    key = models.SlugField(max_length=140, unique=True, help_text="Stable natural key (fixtures, imports, API).")
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="provisions", help_text="The text it belongs to."
    )
    type = models.CharField(max_length=30, choices=ProvisionType.choices, help_text="What the rule does.")
    section = models.CharField(max_length=100, blank=True, help_text="Section reference inside the instrument.")
    summary = models.TextField(help_text="Plain description written from the operative text.")
    quote = models.TextField(blank=True, help_text="The operative words.")
    binds = models.CharField(max_length=20, choices=Binds.choices, help_text="Whom it binds.")
    bound_agencies = models.ManyToManyField(
        "places.Agency", blank=True, related_name="binding_provisions", help_text="Agencies it names."
    )
    acts = models.JSONField(default=list, blank=True, help_text="Acts it bars or conditions (codes).")
    technologies = models.JSONField(default=list, blank=True, help_text="Technologies it concerns (codes).")
    conditions = models.JSONField(default=list, blank=True, help_text="Conditions it puts on use (codes).")
    barred_recipients = models.JSONField(
        default=list, blank=True, help_text="Recipients it forbids sharing data with (codes; `federal` includes immigration)."
    )
    barred_purposes = models.JSONField(
        default=list, blank=True, help_text="Purposes it forbids data being used or shared for (codes)."
    )
    federal_reach = models.CharField(
        max_length=10,
        choices=FederalReach.choices,
        default=FederalReach.UNASSESSED,
        help_text="Whether it reaches federal partnerships, task forces and federal tools.",
    )
    federal_reach_quote = models.TextField(blank=True, help_text="The words that support the reach reading.")
    governs = models.CharField(
        max_length=14,
        choices=Governs.choices,
        default=Governs.ANY_SYSTEM,
        help_text="Which systems it governs: any the bound agencies use, only its government's own, or named ones.",
    )
    retention_days = models.PositiveIntegerField(null=True, blank=True, help_text="Retention limit, in days.")
    effective_on = models.DateField(
        null=True, blank=True, help_text="When this provision took effect, if not with its instrument."
    )
    ends_on = models.DateField(null=True, blank=True, help_text="When this provision stops, if not with its instrument.")
    verified = models.BooleanField(default=False, help_text="Checked against the operative text (✅); else ◐.")

    objects = ProvisionQuerySet.as_manager()
    NATURAL_KEY = ("key",)

    class Meta:
        ordering = ["instrument", "section", "key"]
        constraints = [
            models.CheckConstraint(condition=models.Q(type__in=ProvisionType.values), name="provision_type_valid"),
            models.CheckConstraint(condition=models.Q(binds__in=Binds.values), name="provision_binds_valid"),
            models.CheckConstraint(
                condition=models.Q(federal_reach__in=FederalReach.values), name="provision_federal_reach_valid"
            ),
            models.CheckConstraint(condition=models.Q(governs__in=Governs.values), name="provision_governs_valid"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(effective_on__isnull=True)
                | models.Q(ends_on__gt=models.F("effective_on")),
                name="provision_ends_after_effective",
            ),
            models.CheckConstraint(
                condition=~models.Q(type=ProvisionType.RETENTION_LIMIT) | models.Q(retention_days__isnull=False),
                name="provision_retention_limit_has_days",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.section or self.key})"

    def natural_key(self) -> tuple[str]:
        """Fixtures refer to a provision by its key."""
        return (self.key,)

    def clean(self) -> None:
        """Lists hold codes from their vocabularies only."""
        super().clean()
        check_vocabulary(self.acts, Act.values, "acts")
        check_vocabulary(self.technologies, Technology.values, "technologies")
        check_vocabulary(self.conditions, Condition.values, "conditions")
        check_vocabulary(self.barred_recipients, Recipient.values, "barred_recipients")
        check_vocabulary(self.barred_purposes, Purpose.values, "barred_purposes")


class ProvisionException(Fact):
    """An exception to a provision (unsolicited receipt, missing children, federal partnership…)."""

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="exceptions")
    kind = models.CharField(max_length=20, choices=ExceptionKind.choices, help_text="What kind of exception.")
    quote = models.TextField(help_text="The words of the exception.")

    objects = ExceptionManager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ExceptionKind.values), name="provision_exception_kind_valid"
            ),
            models.UniqueConstraint(fields=["provision", "kind"], name="provision_exception_unique_kind"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def natural_key(self) -> tuple[str, str]:
        """Fixtures name an exception by its provision and kind."""
        return (self.provision.key, self.kind)

    natural_key.dependencies = ["laws.provision"]  # type: ignore[attr-defined]


class Survey(Fact):
    """What the register's research found for one jurisdiction and topic, and when.

    It tells "no law" from "not researched": a dossier without a survey says "not yet researched";
    one with `none_found` says "researched <date>: none found", with the sources consulted.
    """

    jurisdiction = models.ForeignKey(
        "places.Jurisdiction", on_delete=models.PROTECT, related_name="surveys", help_text="Where the research looked."
    )
    topic = models.CharField(max_length=24, choices=SurveyTopic.choices, help_text="Which area of law.")
    finding = models.CharField(max_length=12, choices=SurveyFinding.choices, help_text="What it found.")
    checked_on = models.DateField(help_text="When the research was done.")
    note = models.TextField(blank=True, help_text="What was searched and what was found, in plain words.")

    objects = SurveyManager()

    class Meta:
        ordering = ["jurisdiction__ocd_id", "topic"]
        constraints = [
            models.CheckConstraint(condition=models.Q(topic__in=SurveyTopic.values), name="survey_topic_valid"),
            models.CheckConstraint(condition=models.Q(finding__in=SurveyFinding.values), name="survey_finding_valid"),
            models.UniqueConstraint(fields=["jurisdiction", "topic"], name="survey_unique_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.get_finding_display()} ({self.checked_on})"

    def natural_key(self) -> tuple[str, str]:
        """Fixtures name a survey by its jurisdiction and topic."""
        return (self.jurisdiction.ocd_id, self.topic)

    natural_key.dependencies = ["places.jurisdiction"]  # type: ignore[attr-defined]
