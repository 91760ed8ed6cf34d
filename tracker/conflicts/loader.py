"""Load a Snapshot from the database in a fixed number of queries, for the country or a scope."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

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
from tracker.laws.models import Instrument, Provision, ProvisionException
from tracker.partnerships.choices import SWITCHES
from tracker.partnerships.models import (
    Approval,
    Capability,
    FederalProgram,
    Partnership,
    SharingArrangement,
    SharingEvent,
    TechnologyDeployment,
)
from tracker.places.models import Agency, AgencyCoverage, CountyMember, Jurisdiction

SourceIndex = dict[int, tuple[SourceRef, ...]]
#: Provision fields stored as JSON lists of codes, read into tuples.
CODE_LISTS = ("acts", "technologies", "conditions", "barred_recipients", "barred_purposes")


def _sources(through: Any, owner: str, where: Q) -> SourceIndex:
    """Sources of many facts in one query, through the M2M table joined to Source."""
    grouped: dict[int, list[SourceRef]] = defaultdict(list)
    rows = through.objects.filter(where).values_list(f"{owner}_id", "source_id", "source__title", "source__url")
    for owner_id, source_id, title, url in rows.order_by(f"{owner}_id", "source_id"):
        grouped[owner_id].append(SourceRef(source_id, title, url))
    return {k: tuple(v) for k, v in grouped.items()}


class _Scope:
    """Filters that restrict each query to what evaluating some jurisdictions needs."""

    def __init__(self, jurisdiction_ids: Iterable[int] | None) -> None:
        self.targets: frozenset[int] | None = None
        self.related: set[int] = set()
        self.lawmakers: set[int] = set()
        self.state_targets: set[int] = set()
        if jurisdiction_ids is None:
            return
        self.targets = frozenset(jurisdiction_ids)
        rows = list(Jurisdiction.objects.filter(id__in=self.targets).values_list("id", "state_id", "kind"))
        states = {state_id for _, state_id, _ in rows if state_id is not None}
        self.state_targets = {jid for jid, state_id, kind in rows if state_id is None and kind != "country"}
        counties = set(
            CountyMember.objects.filter(member_id__in=self.targets).values_list("county_id", flat=True)
        )
        # State law is read when judging local law (preemption), so states are loaded, not evaluated.
        self.lawmakers = set(self.targets) | states
        self.related = self.lawmakers | counties

    def q(self, **lookups: Any) -> Q:
        """A Q over the scope, or everything for a full sweep."""
        if self.targets is None:
            return Q()
        combined = Q()
        for lookup, value in lookups.items():
            combined |= Q(**{lookup: value})
        return combined

    def agencies(self) -> QuerySet[Agency]:
        """Agencies that can be bound by, or operate under, law of the scope."""
        if self.targets is None:
            return Agency.objects.all()
        bound = Provision.bound_agencies.through.objects.filter(provision__instrument__jurisdiction_id__in=self.targets)
        return Agency.objects.filter(
            Q(id__in=AgencyCoverage.objects.filter(jurisdiction_id__in=self.related).values("agency_id"))
            | Q(home_id__in=self.targets)
            | Q(state_id__in=self.state_targets)
            | Q(id__in=bound.values("agency_id"))
        )


def build_snapshot(jurisdiction_ids: Iterable[int] | None = None, as_of: date | None = None) -> Snapshot:
    """Load the facts needed to evaluate these jurisdictions (all when None) as of a date."""
    scope = _Scope(jurisdiction_ids)
    as_of = as_of or timezone.localdate()
    agency_ids = scope.agencies().values("id")
    restrict_agencies = scope.targets is not None

    def by_agency(field: str) -> Q:
        return Q(**{f"{field}__in": agency_ids}) if restrict_agencies else Q()

    counties: dict[int, list[int]] = defaultdict(list)
    for member_id, county_id in CountyMember.objects.filter(scope.q(member_id__in=scope.related)).values_list(
        "member_id", "county_id"
    ):
        counties[member_id].append(county_id)
    jurisdictions = {
        jid: JurisdictionRow(jid, ocd_id, name, kind, state_id, tuple(sorted(counties.get(jid, ()))))
        for jid, ocd_id, name, kind, state_id in Jurisdiction.objects.filter(scope.q(id__in=scope.related))
        .values_list("id", "ocd_id", "name", "kind", "state_id")
        .iterator(chunk_size=5000)
    }
    return Snapshot(
        as_of=as_of,
        scope=scope.targets,
        jurisdictions=jurisdictions,
        agencies=_agencies(scope, by_agency),
        **_law(scope),
        **_federal(by_agency, scope),
        arrangements=_arrangements(by_agency),
    )


def _agencies(scope: _Scope, by_agency: Any) -> dict[int, AgencyRow]:
    coverages: dict[int, list[CoverageRow]] = defaultdict(list)
    for agency_id, jid, kind in AgencyCoverage.objects.filter(by_agency("agency_id")).values_list(
        "agency_id", "jurisdiction_id", "coverage"
    ):
        coverages[agency_id].append(CoverageRow(jid, kind))
    return {
        aid: AgencyRow(aid, name, kind, state_id, home_id, tuple(coverages.get(aid, ())))
        for aid, name, kind, state_id, home_id in scope.agencies().values_list("id", "name", "kind", "state_id", "home_id")
    }


def _law(scope: _Scope) -> dict[str, Any]:
    in_scope = scope.q(jurisdiction_id__in=scope.lawmakers)
    of_provision = scope.q(provision__instrument__jurisdiction_id__in=scope.lawmakers)
    inst_sources = _sources(
        Instrument.sources.through, "instrument", scope.q(instrument__jurisdiction_id__in=scope.lawmakers)
    )
    prov_sources = _sources(Provision.sources.through, "provision", of_provision)
    bound: dict[int, set[int]] = defaultdict(set)
    for pid, aid in Provision.bound_agencies.through.objects.filter(of_provision).values_list("provision_id", "agency_id"):
        bound[pid].add(aid)
    exceptions: dict[int, list[ExceptionRow]] = defaultdict(list)
    for pid, kind, quote in ProvisionException.objects.filter(of_provision).values_list("provision_id", "kind", "quote"):
        exceptions[pid].append(ExceptionRow(kind, quote))
    instruments = {
        row["id"]: InstrumentRow(**row, sources=inst_sources.get(row["id"], ()))
        for row in Instrument.objects.filter(in_scope).values(
            "id", "jurisdiction_id", "kind", "title", "citation", "status", "enacted_on", "effective_on",
            "sunset_on", "repealed_on", "url", "verified", "doubt",
        )
    }
    provisions = {}
    for row in Provision.objects.filter(scope.q(instrument__jurisdiction_id__in=scope.lawmakers)).values(
        "id", "key", "instrument_id", "type", "section", "summary", "quote", "binds", "federal_reach",
        "federal_reach_quote", "governs", "acts", "technologies", "conditions", "retention_days", "effective_on",
        "ends_on", "verified", "barred_recipients", "barred_purposes",
    ):
        pid = row["id"]
        codes: dict[str, Any] = {k: tuple(row[k] or ()) for k in CODE_LISTS}
        provisions[pid] = ProvisionRow(
            **{k: v for k, v in row.items() if k not in CODE_LISTS},
            **codes,
            bound_agency_ids=frozenset(bound.get(pid, ())),
            exceptions=tuple(exceptions.get(pid, ())),
            sources=prov_sources.get(pid, ()),
        )
    return {"instruments": instruments, "provisions": provisions}


def _federal(by_agency: Any, scope: _Scope) -> dict[str, Any]:
    cap_sources = _sources(Capability.sources.through, "capability", Q())
    part_sources = _sources(Partnership.sources.through, "partnership", by_agency("partnership__agency_id"))
    dep_sources = _sources(TechnologyDeployment.sources.through, "technologydeployment", by_agency(
        "technologydeployment__agency_id"
    ))
    programs = {r[0]: ProgramRow(*r) for r in FederalProgram.objects.values_list("id", "code", "name", "kind")}
    capabilities = {
        r[0]: CapabilityRow(*r, sources=cap_sources.get(r[0], ()))
        for r in Capability.objects.values_list("id", "program_id", "kind", "name", "retention_days", "verified")
    }
    partnerships = {
        r["id"]: PartnershipRow(**r, sources=part_sources.get(r["id"], ()))
        for r in Partnership.objects.filter(by_agency("agency_id")).values(
            "id", "agency_id", "program_id", "kind", "status", "signed_on", "ended_on", "first_seen_on", "last_seen_on",
            "moa_url", "needs_review",
        )
    }
    deployments = {
        r[0]: DeploymentRow(*r, sources=dep_sources.get(r[0], ()))
        for r in TechnologyDeployment.objects.filter(by_agency("agency_id")).values_list(
            "id", "agency_id", "technology", "vendor", "reported_on", "verified"
        )
    }
    approvals = {
        r[0]: ApprovalRow(*r)
        for r in Approval.objects.filter(scope.q(jurisdiction_id__in=scope.targets or ())).values_list(
            "id", "jurisdiction_id", "partnership_id", "deployment_id", "technology", "decided_on", "arrangement_id"
        )
    }
    return {
        "programs": programs,
        "capabilities": capabilities,
        "partnerships": partnerships,
        "deployments": deployments,
        "approvals": approvals,
    }


def _arrangements(by_agency: Any) -> dict[int, ArrangementRow]:
    """Data-sharing arrangements of the loaded agencies, with their sources and access switches (three queries)."""
    sources = _sources(SharingArrangement.sources.through, "sharingarrangement", by_agency(
        "sharingarrangement__agency_id"
    ))
    switches: dict[int, list[tuple[date, str]]] = defaultdict(list)
    events = SharingEvent.objects.filter(by_agency("arrangement__agency_id"), kind__in=SWITCHES)
    for arrangement_id, occurred_on, kind in events.values_list("arrangement_id", "occurred_on", "kind"):
        switches[arrangement_id].append((occurred_on, kind))
    rows = SharingArrangement.objects.filter(by_agency("agency_id")).with_evidence_from().values(
        "id", "agency_id", "key", "kind", "technology", "vendor", "recipients", "purposes", "first_evidence_on",
        "ended_on", "summary", "doubt", "verified", "evidence_from", "evidence_to",
    )
    return {
        r["id"]: ArrangementRow(
            **{**r, "recipients": tuple(r["recipients"] or ()), "purposes": tuple(r["purposes"] or ())},
            sources=sources.get(r["id"], ()), switches=tuple(sorted(switches.get(r["id"], ()))),
        )
        for r in rows
    }
