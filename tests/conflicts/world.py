"""A hand-built, synthetic world of rows for rule tests: no database."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tracker.conflicts.facts import (
    AgencyRow,
    ApprovalRow,
    ArrangementRow,
    CapabilityRow,
    CoverageRow,
    DeploymentRow,
    ExceptionRow,
    InstrumentRow,
    JurisdictionRow,
    PartnershipRow,
    ProgramRow,
    ProvisionRow,
    SourceRef,
)
from tracker.conflicts.snapshot import Snapshot

AS_OF = date(2026, 6, 1)


@dataclass
class World:
    """Rows keyed by id; helpers return the new row's id."""

    jurisdictions: dict[int, JurisdictionRow] = field(default_factory=dict)
    agencies: dict[int, AgencyRow] = field(default_factory=dict)
    instruments: dict[int, InstrumentRow] = field(default_factory=dict)
    provisions: dict[int, ProvisionRow] = field(default_factory=dict)
    programs: dict[int, ProgramRow] = field(default_factory=dict)
    capabilities: dict[int, CapabilityRow] = field(default_factory=dict)
    partnerships: dict[int, PartnershipRow] = field(default_factory=dict)
    deployments: dict[int, DeploymentRow] = field(default_factory=dict)
    approvals: dict[int, ApprovalRow] = field(default_factory=dict)
    arrangements: dict[int, ArrangementRow] = field(default_factory=dict)
    ids: Any = field(default_factory=lambda: itertools.count(1))

    def _id(self) -> int:
        return next(self.ids)

    def source(self, label: str) -> SourceRef:
        """A synthetic source."""
        n = self._id()
        return SourceRef(n, f"Synthetic Source {label}", f"https://example.org/synthetic/{n}")

    def state(self, name: str = "Synthetic State") -> int:
        """A state."""
        n = self._id()
        self.jurisdictions[n] = JurisdictionRow(n, f"ocd-division/country:us/state:z{n}", name, "state", None)
        return n

    def county(self, state: int, name: str = "Synthetic County") -> int:
        """A county of a state."""
        n = self._id()
        self.jurisdictions[n] = JurisdictionRow(n, f"ocd/county{n}", f"{name} {n}", "county", state)
        return n

    def place(self, state: int, counties: tuple[int, ...] = (), name: str = "Synthetic City") -> int:
        """A place lying in some counties."""
        n = self._id()
        self.jurisdictions[n] = JurisdictionRow(n, f"ocd/place{n}", f"{name} {n}", "place", state, counties)
        return n

    def agency(self, home: int, coverage: dict[int, str] | None = None, kind: str = "police", name: str = "") -> int:
        """An agency at home in a jurisdiction, policing where `coverage` says (default: primary at home)."""
        n = self._id()
        state = self.jurisdictions[home].state_id or home
        cov = coverage if coverage is not None else {home: "primary"}
        self.agencies[n] = AgencyRow(
            n, name or f"Synthetic Agency {n}", kind, state, home, tuple(CoverageRow(j, c) for j, c in cov.items())
        )
        return n

    def law(self, jurisdiction: int, type: str = "fr_ban", **fields: Any) -> int:
        """An instrument with one provision; instrument fields prefixed `inst_`."""
        inst_fields = {k[5:]: fields.pop(k) for k in list(fields) if k.startswith("inst_")}
        i = self._id()
        self.instruments[i] = InstrumentRow(
            **{
                "id": i, "jurisdiction_id": jurisdiction, "kind": "ordinance", "title": f"Synthetic Ordinance {i}",
                "citation": f"Synthetic Code § {i}", "status": "in_force", "enacted_on": date(2020, 1, 1),
                "effective_on": date(2020, 2, 1), "sunset_on": None, "repealed_on": None,
                "url": f"https://example.org/synthetic/law/{i}", "verified": True,
                "sources": (self.source(f"law {i}"),), **inst_fields,
            }
        )
        p = self._id()
        defaults: dict[str, Any] = {
            "id": p, "key": f"synthetic-provision-{p}", "instrument_id": i, "type": type, "section": f"§ {p}.1",
            "summary": "Synthetic: bars city departments from using face recognition.", "quote": "",
            "binds": "own_government", "federal_reach": "silent", "acts": ("use",), "verified": True,
            "sources": (self.source(f"provision {p}"),),
        }
        defaults.update(fields)
        if "exceptions" in defaults:
            defaults["exceptions"] = tuple(ExceptionRow(*e) for e in defaults["exceptions"])
        self.provisions[p] = ProvisionRow(**defaults)
        return p

    def program(self, code: str, caps: tuple[str, ...] = (), retention_days: int | None = None) -> int:
        """A federal program with capabilities of these kinds."""
        n = self._id()
        self.programs[n] = ProgramRow(n, code, f"Synthetic Program {code}", "287g")
        for kind in caps:
            c = self._id()
            self.capabilities[c] = CapabilityRow(
                c, n, kind, f"Synthetic {kind} app", retention_days, True, (self.source(f"capability {c}"),)
            )
        return n

    def tfm(self) -> int:
        """A synthetic Task Force Model: face recognition, kept 15 years."""
        return self.program("287g-tfm", ("face_recognition", "immigration_status_check"), 15 * 365)

    def jem(self) -> int:
        """A synthetic Jail Enforcement Model: no field face-scanning app."""
        return self.program("287g-jem", ("immigration_detainer",))

    def partnership(self, agency: int, program: int, **fields: Any) -> int:
        """An active agreement signed in 2025 unless told otherwise."""
        n = self._id()
        row: dict[str, Any] = {
            "id": n, "agency_id": agency, "program_id": program, "status": "active", "signed_on": date(2025, 3, 1),
            "kind": "application" if fields.get("status") == "pending" else "agreement",
            "ended_on": None, "first_seen_on": date(2025, 7, 18), "last_seen_on": None,
            "moa_url": f"https://example.org/synthetic/moa/{n}", "sources": (self.source(f"sheet {n}"),),
        }
        row.update(fields)
        self.partnerships[n] = PartnershipRow(**row)
        return n

    def deployment(self, agency: int, technology: str = "face_recognition", **fields: Any) -> int:
        """A reported deployment."""
        n = self._id()
        row: dict[str, Any] = {
            "id": n, "agency_id": agency, "technology": technology, "vendor": "Synthetic Vendor",
            "reported_on": date(2024, 1, 1), "verified": True, "sources": (self.source(f"atlas {n}"),),
        }
        row.update(fields)
        self.deployments[n] = DeploymentRow(**row)
        return n

    def arrangement(self, agency: int, **fields: Any) -> int:
        """A reported vendor network giving federal immigration agencies license-plate lookups since 2025."""
        n = self._id()
        row: dict[str, Any] = {
            "id": n, "agency_id": agency, "key": f"synthetic-arrangement-{n}", "kind": "vendor_network",
            "technology": "alpr", "vendor": "Synthetic Vendor", "recipients": ("federal_immigration",),
            "purposes": (), "first_evidence_on": date(2025, 1, 1), "ended_on": None,
            "summary": "Synthetic: federal immigration agencies could search the network.", "doubt": "",
            "verified": True, "sources": (self.source(f"report {n}"),),
        }
        row.update(fields)
        row.setdefault("evidence_from", row["first_evidence_on"])
        row.setdefault("evidence_to", row["first_evidence_on"])
        self.arrangements[n] = ArrangementRow(**row)
        return n

    def approval(self, jurisdiction: int, **fields: Any) -> int:
        """A recorded approval."""
        n = self._id()
        row: dict[str, Any] = {"id": n, "jurisdiction_id": jurisdiction, "partnership_id": None,
                               "deployment_id": None, "technology": "", "decided_on": date(2025, 1, 1),
                               "arrangement_id": None}
        row.update(fields)
        self.approvals[n] = ApprovalRow(**row)
        return n

    def change(self, table: str, row_id: int, **fields: Any) -> None:
        """Replace fields of a row."""
        rows = getattr(self, table)
        rows[row_id] = replace(rows[row_id], **fields)

    def snapshot(self, as_of: date = AS_OF, scope: frozenset[int] | None = None) -> Snapshot:
        """The snapshot of this world."""
        return Snapshot(
            as_of=as_of, jurisdictions=self.jurisdictions, agencies=self.agencies, instruments=self.instruments,
            provisions=self.provisions, programs=self.programs, capabilities=self.capabilities,
            partnerships=self.partnerships, deployments=self.deployments, approvals=self.approvals, scope=scope,
            arrangements=self.arrangements,
        )


def run(rule_id: str, snap: Snapshot) -> list[Any]:
    """The findings of one registered rule."""
    from tracker.conflicts.registry import registry

    return list(registry.get(rule_id)(snap))


@dataclass
class NewsCase:
    """A city with a face-recognition ban, its police, the county sheriff and a state agency."""

    world: World
    state: int
    county: int
    city: int
    police: int
    sheriff: int
    state_police: int
    ban: int


def news_case() -> NewsCase:
    """The headline case, synthetic: a ban city inside a county whose sheriff may join 287(g)."""
    w = World()
    state = w.state()
    county = w.county(state)
    city = w.place(state, (county,))
    police = w.agency(city, name="Synthetic City Police Department")
    sheriff = w.agency(county, {county: "concurrent"}, kind="sheriff", name="Synthetic County Sheriff's Office")
    state_police = w.agency(state, {state: "statewide"}, kind="state_police", name="Synthetic State Patrol")
    ban = w.law(city)
    return NewsCase(w, state, county, city, police, sheriff, state_police, ban)
