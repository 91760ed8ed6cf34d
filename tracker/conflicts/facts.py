"""Immutable rows the rules read, and the Finding a rule yields: no ORM objects cross this line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.conflicts.choices import Relation, Severity
from tracker.laws.choices import Governs
from tracker.places.choices import JurisdictionKind


@dataclass(frozen=True)
class SourceRef:
    """A citation: enough to quote it in an explanation."""

    id: int
    title: str
    url: str


@dataclass(frozen=True)
class JurisdictionRow:
    """A jurisdiction with its state and the counties it lies in."""

    id: int
    ocd_id: str
    name: str
    kind: str
    state_id: int | None
    county_ids: tuple[int, ...] = ()

    @property
    def state_level(self) -> bool:
        """True for a state, DC or a territory."""
        return self.state_id is None and self.kind != JurisdictionKind.COUNTRY


@dataclass(frozen=True)
class CoverageRow:
    """An agency polices a jurisdiction, with the kind of coverage."""

    jurisdiction_id: int
    coverage: str


@dataclass(frozen=True)
class AgencyRow:
    """An agency, its state, the government whose laws bind it, and where it polices."""

    id: int
    name: str
    kind: str
    state_id: int
    home_id: int | None
    coverages: tuple[CoverageRow, ...] = ()
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class InstrumentRow:
    """A legal text and the dates that decide whether it is in force."""

    id: int
    jurisdiction_id: int
    kind: str
    title: str
    citation: str
    status: str
    enacted_on: date | None
    effective_on: date | None
    sunset_on: date | None
    repealed_on: date | None
    url: str
    verified: bool
    doubt: str = ""
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class ExceptionRow:
    """An exception to a provision, with its words."""

    kind: str
    quote: str


@dataclass(frozen=True)
class ProvisionRow:
    """One typed operative rule of an instrument."""

    id: int
    key: str
    instrument_id: int
    type: str
    section: str
    summary: str
    quote: str
    binds: str
    federal_reach: str
    federal_reach_quote: str = ""
    governs: str = Governs.ANY_SYSTEM
    bound_agency_ids: frozenset[int] = frozenset()
    acts: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    retention_days: int | None = None
    effective_on: date | None = None
    ends_on: date | None = None
    verified: bool = False
    exceptions: tuple[ExceptionRow, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    barred_recipients: tuple[str, ...] = ()
    barred_purposes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProgramRow:
    """A federal program (287(g) model, task force, app)."""

    id: int
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class CapabilityRow:
    """What a program brings to the officers in it."""

    id: int
    program_id: int
    kind: str
    name: str
    retention_days: int | None
    verified: bool
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class PartnershipRow:
    """An agency's agreement with, or application to, a federal program."""

    id: int
    agency_id: int
    program_id: int
    kind: str
    status: str
    signed_on: date | None
    ended_on: date | None
    first_seen_on: date | None
    last_seen_on: date | None
    moa_url: str
    needs_review: bool = False
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class DeploymentRow:
    """An agency's use of a surveillance technology."""

    id: int
    agency_id: int
    technology: str
    vendor: str
    reported_on: date | None
    verified: bool
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class ArrangementRow:
    """An agency's data-sharing arrangement: who could search its data, for what, since when, as reported."""

    id: int
    agency_id: int
    key: str
    kind: str
    technology: str
    vendor: str
    recipients: tuple[str, ...]
    purposes: tuple[str, ...]
    first_evidence_on: date | None
    ended_on: date | None
    summary: str
    doubt: str
    verified: bool
    evidence_from: date | None = None
    #: The latest date the sources show the access existing (see `with_evidence_from`).
    evidence_to: date | None = None
    sources: tuple[SourceRef, ...] = ()
    #: The dated events that switched access off or on (see `recipients_on`), as (date, kind).
    switches: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True)
class ApprovalRow:
    """A governing body's recorded approval (CCOPS)."""

    id: int
    jurisdiction_id: int
    partnership_id: int | None
    deployment_id: int | None
    technology: str
    decided_on: date
    arrangement_id: int | None = None


@dataclass(frozen=True)
class Finding:
    """What a rule found: the facts involved, how serious, and why, with the evidence."""

    rule_id: str
    jurisdiction_id: int
    severity: Severity
    explanation: str
    question: str
    provision_id: int | None = None
    other_provision_id: int | None = None
    agency_id: int | None = None
    partnership_id: int | None = None
    deployment_id: int | None = None
    arrangement_id: int | None = None
    capability_ids: tuple[int, ...] = ()
    relation: Relation = Relation.NONE
    relation_how: str = ""
    federal_reach: str = ""
    verified: bool = True
    source_ids: tuple[int, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def fact_refs(self) -> tuple[str, ...]:
        """Sorted references to the facts involved; the fingerprint is built from them."""
        refs = [f"jurisdiction:{self.jurisdiction_id}"]
        for name in ("provision", "other_provision", "agency", "partnership", "deployment", "arrangement"):
            value = getattr(self, f"{name}_id")
            if value is not None:
                refs.append(f"{name}:{value}")
        return tuple(sorted(refs))
