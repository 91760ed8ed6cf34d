"""Retention limits against federal capabilities that keep data longer (typology C4)."""

from __future__ import annotations

from collections.abc import Iterator

from tracker.conflicts.choices import Relation, Severity
from tracker.conflicts.facts import Finding, ProvisionRow
from tracker.conflicts.registry import rule
from tracker.conflicts.rules._common import (
    adjust_for_reach,
    agreement_evidence,
    finding,
    partnership_sentence,
    provision_sentence,
    provision_verified,
    question_for,
    relation_words,
)
from tracker.conflicts.snapshot import Snapshot
from tracker.laws.choices import ProvisionType, Technology
from tracker.partnerships.choices import CapabilityKind

#: The technology a capability of this kind is, for matching a retention limit's scope.
CAPABILITY_TECHNOLOGY = {
    CapabilityKind.FACE_RECOGNITION: Technology.FACE_RECOGNITION,
    CapabilityKind.ALPR: Technology.ALPR,
    CapabilityKind.FINGERPRINT: Technology.BIOMETRICS,
}


def _covers(provision: ProvisionRow, capability_kind: str) -> bool:
    """Whether the limit reaches data of this capability: a limit on named technologies reaches only those
    (a 21-day licence-plate limit says nothing of face photos); one naming none, or any surveillance
    technology, reaches every capability that keeps data."""
    scope = set(provision.technologies)
    if not scope or Technology.SURVEILLANCE_TECHNOLOGY in scope:
        return True
    return (
        CAPABILITY_TECHNOLOGY.get(CapabilityKind(capability_kind)) in scope
        if capability_kind in CapabilityKind.values
        else False
    )


RET_QUESTION = (
    "The locality cannot make a federal agency delete what it holds; may it bar its officers from transmitting "
    "data that will be kept longer than its own limit?"
)


@rule(
    id="RET-001",
    title="Retention limit vs. a federal capability that retains data longer",
    severity=Severity.HIGH,
    legal_basis="The retention limit (its citation is on the flag); the capability's documented federal retention.",
    question=RET_QUESTION,
    since="0.1",
    remedies=(
        "The agreement or the agency's policy keeps data collected here within the retention limit, or data is not collected here through the federal tool.",
        "The legislature or council says whether the limit covers data held by a federal system.",
    ),
)
def retention_limit_vs_federal_retention(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a retention limit in force in J × an active partnership of an agency bound by it or
    operating in J whose program keeps collected data longer than the limit.

    Known limits: a capability with unknown retention is never flagged; a limit on named technologies is
    set only against capabilities of those technologies.
    """
    for j in snap.targets():
        for provision in snap.provisions_in_force([ProvisionType.RETENTION_LIMIT], j.id):
            limit = provision.retention_days
            if limit is None:
                continue
            for link in snap.links(provision):
                for part in snap.active_partnerships(link.agency.id):
                    caps = tuple(
                        c
                        for c in snap.capabilities_of(part.program_id)
                        if c.retention_days and c.retention_days > limit and _covers(provision, c.kind)
                    )
                    if not caps:
                        continue
                    base = Severity.HIGH if link.relation == Relation.BOUND else Severity.LOW
                    severity, note = adjust_for_reach(base, provision)
                    yield finding(
                        snap=snap,
                        provision=provision,
                        link=link,
                        partnership_id=part.id,
                        capability_ids=tuple(c.id for c in caps),
                        severity=severity,
                        verified=provision_verified(snap, provision) and all(c.verified for c in caps),
                        explanation=(
                            f"{provision_sentence(snap, provision)}: data may be kept {limit} days. "
                            f"{link.agency.name} {relation_words(link)}, and holds an active agreement in the "
                            f"{partnership_sentence(snap, part, caps)}. {note}"
                        ).strip(),
                        question=question_for(RET_QUESTION, provision),
                        evidence=agreement_evidence(snap, provision, link, part, caps),
                    )
