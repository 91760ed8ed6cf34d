"""The immutable snapshot rules read: facts indexed by id, judged as of one date.

`build_snapshot` (in `loader.py`) loads it in a fixed number of queries; tests
build one by hand from rows. Lookups here are the only way rules reason about places and law.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from tracker.conflicts.choices import Relation
from tracker.conflicts.facts import (
    AgencyRow,
    ApprovalRow,
    ArrangementRow,
    CapabilityRow,
    DeploymentRow,
    InstrumentRow,
    JurisdictionRow,
    PartnershipRow,
    ProgramRow,
    ProvisionRow,
)
from tracker.laws.choices import Binds
from tracker.laws.querysets import in_force_on
from tracker.partnerships.querysets import access_on, active_on, pending_on
from tracker.places.querysets import COUNTY, HERE, Presence, operates_in

#: State-law scopes that reach agencies across the state, not only the enacting government's.
STATEWIDE_BINDS = ("all_law_enforcement", "local_governments", "local_enforcement", "jail_operators")
#: Agency kinds of the state government itself, and of jail operators.
STATE_KINDS = ("state_police", "state_agency")
JAIL_KINDS = ("sheriff", "corrections")


@dataclass(frozen=True)
class AgencyLink:
    """An agency's relation to a provision, and how it arises."""

    agency: AgencyRow
    relation: Relation
    how: str


def _group(pairs: Iterable[tuple[int, int]]) -> dict[int, tuple[int, ...]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return {k: tuple(v) for k, v in grouped.items()}


@dataclass(frozen=True)
class Snapshot:
    """Facts as of one date; `scope` names the jurisdictions whose findings are evaluated (None: all)."""

    as_of: date
    jurisdictions: Mapping[int, JurisdictionRow]
    agencies: Mapping[int, AgencyRow] = field(default_factory=dict)
    instruments: Mapping[int, InstrumentRow] = field(default_factory=dict)
    provisions: Mapping[int, ProvisionRow] = field(default_factory=dict)
    programs: Mapping[int, ProgramRow] = field(default_factory=dict)
    capabilities: Mapping[int, CapabilityRow] = field(default_factory=dict)
    partnerships: Mapping[int, PartnershipRow] = field(default_factory=dict)
    deployments: Mapping[int, DeploymentRow] = field(default_factory=dict)
    approvals: Mapping[int, ApprovalRow] = field(default_factory=dict)
    scope: frozenset[int] | None = None
    arrangements: Mapping[int, ArrangementRow] = field(default_factory=dict)

    def __post_init__(self) -> None:
        coverage = _group((c.jurisdiction_id, a.id) for a in self.agencies.values() for c in a.coverages)
        indexes = {
            "_coverage_by_j": coverage,
            "_agencies_by_state": _group((a.state_id, a.id) for a in self.agencies.values()),
            "_agencies_by_home": _group((a.home_id, a.id) for a in self.agencies.values() if a.home_id),
            "_provisions_by_j": _group(
                (self.instruments[p.instrument_id].jurisdiction_id, p.id) for p in self.provisions.values()
            ),
            "_partnerships_by_agency": _group((p.agency_id, p.id) for p in self.partnerships.values()),
            "_deployments_by_agency": _group((d.agency_id, d.id) for d in self.deployments.values()),
            "_capabilities_by_program": _group((c.program_id, c.id) for c in self.capabilities.values()),
            "_approvals_by_j": _group((a.jurisdiction_id, a.id) for a in self.approvals.values()),
            "_arrangements_by_agency": _group((a.agency_id, a.id) for a in self.arrangements.values()),
            "_programs_by_code": {p.code: p.id for p in self.programs.values()},
            # Memo tables: several rules ask the same place and provision the same question.
            "_operating_cache": {},
            "_links_cache": {},
        }
        for name, value in indexes.items():
            object.__setattr__(self, name, value)

    # --- places ---------------------------------------------------------------------------

    def targets(self) -> Iterator[JurisdictionRow]:
        """The jurisdictions whose findings this snapshot evaluates."""
        for jid in sorted(self.scope if self.scope is not None else self.jurisdictions):
            if jid in self.jurisdictions:
                yield self.jurisdictions[jid]

    def in_scope(self, jurisdiction_id: int) -> bool:
        """Whether findings anchored at this jurisdiction are evaluated."""
        return jurisdiction_id in self.jurisdictions and (self.scope is None or jurisdiction_id in self.scope)

    def state_of(self, jurisdiction_id: int) -> int | None:
        """The state-level jurisdiction (itself for a state)."""
        row = self.jurisdictions.get(jurisdiction_id)
        if row is None:
            return None
        return jurisdiction_id if row.state_level else row.state_id

    def name(self, jurisdiction_id: int | None) -> str:
        """A jurisdiction's name, for explanations."""
        row = self.jurisdictions.get(jurisdiction_id or 0)
        return row.name if row else f"jurisdiction {jurisdiction_id}"

    def operating_in(self, jurisdiction_id: int) -> dict[int, str]:
        """Agencies that police a jurisdiction, each with how: direct, county-wide or statewide coverage."""
        cache = self._operating_cache  # type: ignore[attr-defined]
        if jurisdiction_id not in cache:
            cache[jurisdiction_id] = self._operating_in(jurisdiction_id)
        return dict(cache[jurisdiction_id])

    def _operating_in(self, jurisdiction_id: int) -> dict[int, str]:
        row = self.jurisdictions[jurisdiction_id]
        near = (jurisdiction_id, *row.county_ids, *((row.state_id,) if row.state_id is not None else ()))
        candidates = {a for j in near for a in self._coverage_by_j.get(j, ())}  # type: ignore[attr-defined]
        found: dict[int, str] = {}
        for agency_id in sorted(candidates):
            presence = operates_in(row, self.agencies[agency_id].coverages)
            if presence is not None:
                found[agency_id] = self._how(presence)
        return found

    def _how(self, presence: Presence) -> str:
        if presence.way == HERE:
            return f"{presence.coverage} coverage of {self.name(presence.via)}"
        if presence.way == COUNTY:
            return f"county coverage ({presence.coverage}) of {self.name(presence.via)}"
        return f"statewide coverage of {self.name(presence.via)}"

    # --- law ------------------------------------------------------------------------------

    def provision_in_force(self, provision: ProvisionRow) -> bool:
        """Its instrument is in force on the snapshot's date, within the provision's own dates."""
        inst = self.instruments[provision.instrument_id]
        if not in_force_on(
            inst.status, inst.enacted_on, inst.effective_on, inst.sunset_on, inst.repealed_on, self.as_of
        ):
            return False
        if provision.effective_on is not None and provision.effective_on > self.as_of:
            return False
        return provision.ends_on is None or provision.ends_on > self.as_of

    def applies_from(self, provision: ProvisionRow) -> date | None:
        """The day a provision began to apply: its own effective date, or its instrument's (effective, else
        enacted), whichever is later; None when neither is known."""
        inst = self.instruments[provision.instrument_id]
        dates = [d for d in (provision.effective_on, inst.effective_on or inst.enacted_on) if d is not None]
        return max(dates, default=None)

    def provisions_in_force(self, types: Iterable[str], jurisdiction_id: int) -> Iterator[ProvisionRow]:
        """Provisions of these types enacted by this jurisdiction and in force."""
        wanted = set(types)
        for pid in self._provisions_by_j.get(jurisdiction_id, ()):  # type: ignore[attr-defined]
            provision = self.provisions[pid]
            if provision.type in wanted and self.provision_in_force(provision):
                yield provision

    def jurisdiction_of(self, provision: ProvisionRow) -> JurisdictionRow:
        """The enacting jurisdiction."""
        return self.jurisdictions[self.instruments[provision.instrument_id].jurisdiction_id]

    def links(self, provision: ProvisionRow) -> tuple[AgencyLink, ...]:
        """Agencies bound by the provision or operating in its territory, with how."""
        cache = self._links_cache  # type: ignore[attr-defined]
        if provision.id not in cache:
            cache[provision.id] = tuple(self._links(provision))
        return cache[provision.id]  # type: ignore[no-any-return]

    def _links(self, provision: ProvisionRow) -> Iterator[AgencyLink]:
        home = self.jurisdiction_of(provision)
        operating = self.operating_in(home.id)
        candidates = set(operating) | set(self._agencies_by_home.get(home.id, ()))  # type: ignore[attr-defined]
        candidates |= {a for a in provision.bound_agency_ids if a in self.agencies}
        if home.state_level and provision.binds in STATEWIDE_BINDS:
            candidates |= set(self._agencies_by_state.get(home.id, ()))  # type: ignore[attr-defined]
        for agency_id in sorted(candidates):
            agency = self.agencies[agency_id]
            how = self._bound_how(provision, home, agency, operating)
            if how:
                yield AgencyLink(agency, Relation.BOUND, how)
            elif agency_id in operating:
                yield AgencyLink(agency, Relation.OPERATES_WITHIN, operating[agency_id])

    def _bound_how(
        self, provision: ProvisionRow, home: JurisdictionRow, agency: AgencyRow, operating: dict[int, str]
    ) -> str:
        if provision.binds == Binds.OWN_GOVERNMENT and agency.home_id == home.id:
            return f"an agency of {home.name}, the enacting government"
        if provision.binds == Binds.NAMED_AGENCIES and agency.id in provision.bound_agency_ids:
            return "named by the provision"
        if provision.binds == Binds.ALL_LAW_ENFORCEMENT:
            if home.state_level and agency.state_id == home.id:
                return f"all law enforcement in {home.name}"
            if not home.state_level and (agency.id in operating or agency.home_id == home.id):
                return f"all law enforcement in {home.name}"
        if (
            provision.binds == Binds.LOCAL_GOVERNMENTS
            and home.state_level
            and agency.state_id == home.id
            and agency.home_id not in (None, home.id)
        ):
            return f"an agency of a local government in {home.name}"
        if home.state_level and agency.state_id == home.id:
            if provision.binds == "local_enforcement" and agency.kind not in STATE_KINDS:
                return f"local law enforcement in {home.name}"
            if provision.binds == "jail_operators" and agency.kind in JAIL_KINDS:
                return f"a jail operator in {home.name}"
        return ""

    # --- partnerships ---------------------------------------------------------------------

    def program(self, program_id: int) -> ProgramRow:
        """A program by id."""
        return self.programs[program_id]

    def active_partnerships(self, agency_id: int) -> Iterator[PartnershipRow]:
        """The agency's agreements in effect on the snapshot's date."""
        for pid in self._partnerships_by_agency.get(agency_id, ()):  # type: ignore[attr-defined]
            p = self.partnerships[pid]
            if active_on(p, self.as_of):
                yield p

    def pending_partnerships(self, agency_id: int) -> Iterator[PartnershipRow]:
        """The agency's pending applications on the snapshot's date."""
        for pid in self._partnerships_by_agency.get(agency_id, ()):  # type: ignore[attr-defined]
            p = self.partnerships[pid]
            if pending_on(p, self.as_of):
                yield p

    def capabilities_of(self, program_id: int, kinds: Iterable[str] | None = None) -> tuple[CapabilityRow, ...]:
        """A program's capabilities, optionally of some kinds."""
        wanted = set(kinds) if kinds is not None else None
        rows = (self.capabilities[c] for c in self._capabilities_by_program.get(program_id, ()))  # type: ignore[attr-defined]
        return tuple(c for c in rows if wanted is None or c.kind in wanted)

    def deployments_of(self, agency_id: int) -> Iterator[DeploymentRow]:
        """The agency's deployments reported on or before the snapshot's date."""
        for did in self._deployments_by_agency.get(agency_id, ()):  # type: ignore[attr-defined]
            d = self.deployments[did]
            if d.reported_on is None or d.reported_on <= self.as_of:
                yield d

    def active_arrangements(self, agency_id: int) -> Iterator[ArrangementRow]:
        """The agency's data-sharing arrangements in effect on the snapshot's date, each as it stood then: the
        recipients still reachable (`recipients_on`) and the access switches dated by then."""
        for aid in self._arrangements_by_agency.get(agency_id, ()):  # type: ignore[attr-defined]
            arrangement = self.arrangements[aid]
            reach = access_on(arrangement, self.as_of)
            if reach is not None:
                yield replace(
                    arrangement,
                    recipients=reach,
                    switches=tuple(s for s in arrangement.switches if s[0] <= self.as_of),
                )

    def arrangements_under(self, provision: ProvisionRow, agency_id: int) -> Iterator[ArrangementRow]:
        """The agency's arrangements in effect on the snapshot's date that the sources show existing on or after
        the day the provision began to apply: access last shown before a law applied is not assumed to have
        continued under it (whether it did is left to the agency page, never flagged)."""
        start = self.applies_from(provision)
        for arrangement in self.active_arrangements(agency_id):
            if start is None or (arrangement.evidence_to is not None and arrangement.evidence_to >= start):
                yield arrangement

    def approvals_in(self, jurisdiction_id: int) -> tuple[ApprovalRow, ...]:
        """Approvals recorded by a jurisdiction's bodies on or before the snapshot's date."""
        rows = (self.approvals[a] for a in self._approvals_by_j.get(jurisdiction_id, ()))  # type: ignore[attr-defined]
        return tuple(a for a in rows if a.decided_on <= self.as_of)
