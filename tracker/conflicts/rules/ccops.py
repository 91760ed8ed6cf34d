"""CCOPS approval requirements against surveillance brought in without a recorded approval (typology C2)."""

from __future__ import annotations

from collections.abc import Iterator

from tracker.conflicts.choices import Relation, Severity
from tracker.conflicts.facts import Finding
from tracker.conflicts.registry import rule
from tracker.conflicts.rules._common import (
    adjust_for_reach,
    agency_evidence,
    agreement_evidence,
    deployment_evidence,
    finding,
    partnership_sentence,
    provision_evidence,
    provision_sentence,
    provision_verified,
    question_for,
    relation_words,
)
from tracker.conflicts.snapshot import Snapshot
from tracker.laws.choices import ProvisionType, Technology
from tracker.partnerships.choices import SURVEILLANCE_CAPABILITIES

CCOPS_QUESTION = (
    "Is the federal tool or the deployed system 'surveillance technology' under the ordinance, and was it "
    "approved by the governing body (with impact report and use policy) before use?"
)


@rule(
    id="CCOPS-001",
    title="Surveillance approval requirement vs. surveillance brought in without a recorded approval",
    severity=Severity.HIGH,
    legal_basis=(
        "The local CCOPS ordinance (its citation is on the flag), which requires governing-body approval before "
        "acquiring or using surveillance technology, including technology obtained without exchange of money "
        "and agreements to share information; §1357(g)(9) leaves joining a 287(g) program to the locality."
    ),
    question=CCOPS_QUESTION,
    since="0.1",
    remedies=(
        "The governing body approves the technology or the agreement, with the impact report and use policy the ordinance requires, before further use.",
        "The agency stops using the technology or the federal tool in the jurisdiction until it is approved.",
        "The governing body amends the ordinance to say whether federal tools and partnerships are covered.",
    ),
)
def ccops_without_approval(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a CCOPS approval requirement in J × a surveillance-capable active partnership or a
    deployment of an agency bound by it, with no approval recorded by J on or before the date.

    Known limits: an approval of the technology in general counts; whether it preceded the signing is not judged.
    """
    for j in snap.targets():
        for provision in snap.provisions_in_force([ProvisionType.CCOPS_APPROVAL], j.id):
            approvals = snap.approvals_in(j.id)
            approved_parts = {a.partnership_id for a in approvals}
            approved_deps = {a.deployment_id for a in approvals}
            approved_techs = {a.technology for a in approvals if a.technology}
            techs = set(provision.technologies)
            any_tech = not techs or Technology.SURVEILLANCE_TECHNOLOGY in techs
            for link in snap.links(provision):
                if link.relation != Relation.BOUND:
                    continue
                for part in snap.active_partnerships(link.agency.id):
                    caps = snap.capabilities_of(part.program_id, SURVEILLANCE_CAPABILITIES)
                    if not caps or part.id in approved_parts or {c.kind for c in caps} <= approved_techs:
                        continue
                    severity, note = adjust_for_reach(Severity.HIGH, provision)
                    yield finding(
                        snap=snap,
                        provision=provision,
                        link=link,
                        partnership_id=part.id,
                        capability_ids=tuple(c.id for c in caps),
                        severity=severity,
                        verified=provision_verified(snap, provision)
                        and not part.needs_review
                        and all(c.verified for c in caps),
                        explanation=(
                            f"{provision_sentence(snap, provision)}. {link.agency.name} {relation_words(link)}, and "
                            f"holds an active agreement in the {partnership_sentence(snap, part, caps)}. No approval "
                            f"by {j.name} of this agreement is recorded. {note}"
                        ).strip(),
                        question=question_for(CCOPS_QUESTION, provision),
                        evidence=agreement_evidence(snap, provision, link, part, caps),
                    )
                for dep in snap.deployments_of(link.agency.id):
                    if not any_tech and dep.technology not in techs:
                        continue
                    if dep.id in approved_deps or dep.technology in approved_techs:
                        continue
                    yield finding(
                        snap=snap,
                        provision=provision,
                        link=link,
                        deployment_id=dep.id,
                        severity=Severity.HIGH,
                        verified=provision_verified(snap, provision) and dep.verified,
                        explanation=(
                            f"{provision_sentence(snap, provision)}. {link.agency.name} {relation_words(link)}, and "
                            f"is reported to use {dep.technology.replace('_', ' ')}"
                            + (f" ({dep.vendor})" if dep.vendor else "")
                            + f". No approval by {j.name} is recorded."
                        ),
                        question=CCOPS_QUESTION,
                        evidence={
                            "provision": provision_evidence(snap, provision),
                            "agency": agency_evidence(link.agency, link),
                            "deployment": deployment_evidence(dep),
                        },
                    )
