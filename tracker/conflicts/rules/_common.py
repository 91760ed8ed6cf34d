"""Shared wording, evidence and severity adjustments for rules: facts in, sentences out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tracker.conflicts.choices import Relation, Severity
from tracker.conflicts.facts import (
    AgencyRow,
    ArrangementRow,
    CapabilityRow,
    DeploymentRow,
    Finding,
    PartnershipRow,
    ProvisionRow,
    SourceRef,
)
from tracker.conflicts.snapshot import AgencyLink, Snapshot
from tracker.laws.choices import ExceptionKind, FederalReach, Governs, Technology
from tracker.partnerships.choices import CapabilityKind, ProgramKind, SharingEventKind

REACH_CLAUSE = {
    FederalReach.EXPRESS: "The provision expressly reaches federal partnerships.",
    FederalReach.ARGUABLY: "The provision's general language arguably reaches federal partnerships.",
    FederalReach.SILENT: "The provision is silent on federal partnerships: does its general language reach them?",
    FederalReach.EXCLUDED: "The provision expressly excludes federal partnerships: does the carve-out cover this one?",
    FederalReach.UNASSESSED: "Whether the provision reaches federal partnerships has not been assessed.",
}


def cite(snap: Snapshot, provision: ProvisionRow) -> str:
    """Citation and section of a provision, with its instrument's title."""
    inst = snap.instruments[provision.instrument_id]
    where = f"{inst.citation} {provision.section}".strip()
    return f"{where} ({inst.title})"


def cite_sources(sources: Iterable[SourceRef]) -> str:
    """Sources as 'title <url>' for an explanation."""
    listed = [f"{s.title} <{s.url}>" for s in sources]
    return "; ".join(listed) if listed else "no source recorded"


def sources_json(sources: Iterable[SourceRef]) -> list[dict[str, Any]]:
    """Sources for the evidence JSON."""
    return [{"id": s.id, "title": s.title, "url": s.url} for s in sources]


def provision_verified(snap: Snapshot, provision: ProvisionRow) -> bool:
    """A provision counts as verified only if it and its instrument are (✅)."""
    return provision.verified and snap.instruments[provision.instrument_id].verified


def provision_evidence(snap: Snapshot, provision: ProvisionRow) -> dict[str, Any]:
    """The provision's material facts; a change in any of them reopens a dismissed flag."""
    inst = snap.instruments[provision.instrument_id]
    return {
        "id": provision.id,
        "key": provision.key,
        "type": provision.type,
        "citation": inst.citation,
        "section": provision.section,
        "title": inst.title,
        "jurisdiction": snap.name(inst.jurisdiction_id),
        "status": inst.status,
        "effective_on": str(provision.effective_on or inst.effective_on or inst.enacted_on or ""),
        "ends_on": str(provision.ends_on or inst.sunset_on or inst.repealed_on or ""),
        "url": inst.url,
        "summary": provision.summary,
        "quote": provision.quote,
        "binds": provision.binds,
        "acts": list(provision.acts),
        "conditions": list(provision.conditions),
        "retention_days": provision.retention_days,
        # Only sharing limits bar recipients or purposes; other provisions' evidence (and its hash) is unchanged.
        **({"barred_recipients": list(provision.barred_recipients)} if provision.barred_recipients else {}),
        **({"barred_purposes": list(provision.barred_purposes)} if provision.barred_purposes else {}),
        "federal_reach": provision.federal_reach,
        "federal_reach_quote": provision.federal_reach_quote,
        "exceptions": [{"kind": e.kind, "quote": e.quote} for e in provision.exceptions],
        "verified": provision_verified(snap, provision),
        "doubt": inst.doubt,
        "sources": sources_json(inst.sources + provision.sources),
    }


def partnership_evidence(
    snap: Snapshot, partnership: PartnershipRow, caps: Iterable[CapabilityRow] = ()
) -> dict[str, Any]:
    """The agreement, its program and the capabilities that matter."""
    program = snap.program(partnership.program_id)
    return {
        "id": partnership.id,
        "program": program.name,
        "program_code": program.code,
        "status": partnership.status,
        "signed_on": str(partnership.signed_on or ""),
        "ended_on": str(partnership.ended_on or ""),
        "first_seen_on": str(partnership.first_seen_on or ""),
        "moa_url": partnership.moa_url,
        "verified": not partnership.needs_review,
        "sources": sources_json(partnership.sources),
        "capabilities": [
            {
                "id": c.id,
                "kind": c.kind,
                "name": c.name,
                "retention_days": c.retention_days,
                "verified": c.verified,
                "sources": sources_json(c.sources),
            }
            for c in caps
        ],
    }


def agreement_evidence(
    snap: Snapshot,
    provision: ProvisionRow,
    link: AgencyLink,
    partnership: PartnershipRow,
    caps: Iterable[CapabilityRow] = (),
) -> dict[str, Any]:
    """Both sides of a provision-versus-agreement finding: the provision, the agency, the agreement."""
    return {
        "provision": provision_evidence(snap, provision),
        "agency": agency_evidence(link.agency, link),
        "partnership": partnership_evidence(snap, partnership, caps),
    }


def deployment_evidence(deployment: DeploymentRow) -> dict[str, Any]:
    """A technology deployment's facts."""
    return {
        "id": deployment.id,
        "technology": deployment.technology,
        "vendor": deployment.vendor,
        "reported_on": str(deployment.reported_on or ""),
        "verified": deployment.verified,
        "sources": sources_json(deployment.sources),
    }


def arrangement_evidence(arrangement: ArrangementRow, **met: list[str]) -> dict[str, Any]:
    """A data-sharing arrangement's facts (the partnership side of a sharing flag), and what of it a law bars."""
    return {
        "id": arrangement.id,
        "key": arrangement.key,
        "kind": arrangement.kind,
        "technology": arrangement.technology,
        "vendor": arrangement.vendor,
        "recipients": list(arrangement.recipients),
        "purposes": list(arrangement.purposes),
        "first_evidence_on": str(arrangement.first_evidence_on or ""),
        "evidence_from": str(arrangement.evidence_from or ""),
        "evidence_to": str(arrangement.evidence_to or ""),
        "ended_on": str(arrangement.ended_on or ""),
        "switches": [{"on": str(on), "kind": kind} for on, kind in arrangement.switches],
        "summary": arrangement.summary,
        "doubt": arrangement.doubt,
        "verified": arrangement.verified,
        "sources": sources_json(arrangement.sources),
        **met,
    }


def arrangement_sentence(arrangement: ArrangementRow) -> str:
    """'shares <technology> data through <vendor>'s network since <date>, searchable by: <recipients left>;
    <switches, dated> (reported; sources: …)'."""
    kind = arrangement.kind.replace("_", " ")
    vendor = f" ({arrangement.vendor})" if arrangement.vendor else ""
    if arrangement.first_evidence_on:
        since = f"since {arrangement.first_evidence_on}"
    elif arrangement.evidence_from:
        since = f"since at least {arrangement.evidence_from} (the earliest dated report of the access)"
    else:
        since = "since a date not known"
    if arrangement.evidence_to and arrangement.evidence_to != (arrangement.first_evidence_on or arrangement.evidence_from):
        since += f", last shown {arrangement.evidence_to}"
    mark = "verified" if arrangement.verified else "reported, not verified"
    recipients = ", ".join(r.replace("_", " ") for r in arrangement.recipients) or "no recipient named"
    text = (
        f"shares {arrangement.technology.replace('_', ' ')} data through a {kind}{vendor} {since}, searchable by: "
        f"{recipients}"
    )
    if arrangement.switches:
        text += "; " + ", ".join(f"{SharingEventKind(kind).label.lower()} {on}" for on, kind in arrangement.switches)
    if arrangement.purposes:
        text += f"; searches reported for: {', '.join(p.replace('_', ' ') for p in arrangement.purposes)}"
    return f"{text} ({mark}; sources: {cite_sources(arrangement.sources)})"


def covers_technology(provision: ProvisionRow, technology: str) -> bool:
    """Whether a provision reaches data of this technology: one naming no technology, or any surveillance
    technology, reaches all; one naming some reaches only those."""
    named = set(provision.technologies)
    return not named or Technology.SURVEILLANCE_TECHNOLOGY in named or technology in named


def agency_evidence(agency: AgencyRow, link: AgencyLink | None = None) -> dict[str, Any]:
    """The agency and how it stands to the provision."""
    data: dict[str, Any] = {"id": agency.id, "name": agency.name, "kind": agency.kind}
    if link is not None:
        data.update(relation=str(link.relation), how=link.how)
    return data


def partnership_sentence(snap: Snapshot, partnership: PartnershipRow, caps: Iterable[CapabilityRow] = ()) -> str:
    """'in the <program> (signed …, MOA <url>), which brings <capability>' with sources."""
    program = snap.program(partnership.program_id)
    signed = f"signed {partnership.signed_on}" if partnership.signed_on else "signing date unknown"
    moa = f", MOA {partnership.moa_url}" if partnership.moa_url else ""
    text = f"{program.name} ({partnership.status}, {signed}{moa}; sources: {cite_sources(partnership.sources)})"
    cap_list = list(caps)
    if cap_list:
        brought = "; ".join(
            f"{c.name}"
            + (f", retained {c.retention_days} days" if c.retention_days else "")
            + f" (sources: {cite_sources(c.sources)})"
            for c in cap_list
        )
        text += f", which brings {brought}"
    return text


def provision_sentence(snap: Snapshot, provision: ProvisionRow) -> str:
    """'<citation> — <summary> (sources: …)'."""
    inst = snap.instruments[provision.instrument_id]
    return f"{cite(snap, provision)}: {provision.summary} (sources: {cite_sources(inst.sources + provision.sources)})"


def federal_exception(provision: ProvisionRow) -> str:
    """The words of a federal-partnership exception, if the provision has one."""
    for exc in provision.exceptions:
        if exc.kind == ExceptionKind.FEDERAL_PARTNERSHIP:
            return exc.quote
    return ""


def adjust_for_reach(severity: Severity, provision: ProvisionRow) -> tuple[Severity, str]:
    """Lower the severity where the provision carves out federal partnerships, and quote the carve-out."""
    if provision.federal_reach == FederalReach.EXCLUDED:
        quote = provision.federal_reach_quote or federal_exception(provision)
        return min(severity, Severity.LOW), f'The provision excludes federal partnerships: "{quote}".'
    quote = federal_exception(provision)
    if quote:
        return min(severity, Severity.MEDIUM), f'An exception for federal partnerships may apply: "{quote}".'
    return severity, ""


def cap_unverified(severity: Severity, verified: bool) -> Severity:
    """An unverified (◐) fact never raises a flag above the lowest severity on its own."""
    return severity if verified else Severity.INFO


def question_for(base: str, provision: ProvisionRow) -> str:
    """The rule's question followed by what the provision's federal reach leaves open."""
    clause = REACH_CLAUSE.get(FederalReach(provision.federal_reach), "") if provision.federal_reach else ""
    return f"{base} {clause}".strip()


def face_capabilities(
    snap: Snapshot, partnership: PartnershipRow, provision: ProvisionRow
) -> tuple[CapabilityRow, ...]:
    """The face-recognition capabilities the partnership's program brings, that the provision can reach.

    A federal program's app runs on federal systems: a provision that governs only its own government's
    databases, or only the systems it names, never reaches it.
    """
    if provision.governs != Governs.ANY_SYSTEM:
        return ()
    return snap.capabilities_of(partnership.program_id, [CapabilityKind.FACE_RECOGNITION])


def is_287g(snap: Snapshot, partnership: PartnershipRow) -> bool:
    """Whether the partnership is a 287(g) agreement (any model)."""
    program = snap.program(partnership.program_id)
    return program.kind == ProgramKind.AGREEMENT_287G or program.code.lower().startswith("287g")


def relation_words(link: AgencyLink) -> str:
    """'is bound by it (…)' or 'operates within it (…) but is not bound by it'."""
    if link.relation == Relation.BOUND:
        return f"is bound by it ({link.how})"
    return f"operates within its territory ({link.how}) but is not bound by it"


def finding(
    *,
    snap: Snapshot,
    provision: ProvisionRow,
    severity: Severity,
    verified: bool,
    explanation: str,
    question: str,
    evidence: dict[str, Any],
    link: AgencyLink | None = None,
    **refs: Any,
) -> Finding:
    """Assemble a finding anchored at the provision's jurisdiction, with its evidence source ids.

    The rule's id is stamped by the registry when the rule runs (`Rule.__call__`): a rule states its id once.
    """
    source_ids = sorted(
        {s["id"] for part in evidence.values() if isinstance(part, dict) for s in part.get("sources", ())}
        | {
            s["id"]
            for part in evidence.values()
            if isinstance(part, dict)
            for c in part.get("capabilities", ())
            for s in c["sources"]
        }
    )
    return Finding(
        rule_id="",
        jurisdiction_id=refs.pop("jurisdiction_id", snap.jurisdiction_of(provision).id),
        severity=cap_unverified(severity, verified),
        explanation=explanation,
        question=question,
        provision_id=provision.id,
        agency_id=link.agency.id if link else refs.pop("agency_id", None),
        relation=link.relation if link else Relation.NONE,
        relation_how=link.how if link else "",
        federal_reach=provision.federal_reach,
        verified=verified,
        source_ids=tuple(source_ids),
        evidence=evidence,
        **refs,
    )
