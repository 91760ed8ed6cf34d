"""CCOPS approval requirements against surveillance brought in without a recorded approval (typology C2):
federal partnerships and deployments (CCOPS-001), and data-sharing arrangements (CCOPS-002)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tracker.conflicts.choices import Relation, Severity
from tracker.conflicts.facts import ApprovalRow, ArrangementRow, Finding, JurisdictionRow, ProvisionRow
from tracker.conflicts.registry import rule
from tracker.conflicts.rules._common import (
    adjust_for_reach,
    agency_evidence,
    agreement_evidence,
    arrangement_evidence,
    arrangement_sentence,
    covers_technology,
    deployment_evidence,
    finding,
    partnership_sentence,
    provision_evidence,
    provision_sentence,
    provision_verified,
    question_for,
    relation_words,
)
from tracker.conflicts.snapshot import AgencyLink, Snapshot
from tracker.laws.choices import Act, ProvisionType
from tracker.partnerships.choices import SURVEILLANCE_CAPABILITIES, Recipient, recipients_meet

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
            for link in snap.links(provision):
                if link.relation == Relation.BOUND:
                    yield from _agreements_without_approval(snap, j, provision, link, approvals)
                    yield from _deployments_without_approval(snap, j, provision, link, approvals)


def _agreements_without_approval(
    snap: Snapshot, j: JurisdictionRow, provision: ProvisionRow, link: AgencyLink, approvals: tuple[ApprovalRow, ...]
) -> Iterator[Finding]:
    """The agency's active agreements bringing surveillance capabilities that J has not approved."""
    approved_parts = {a.partnership_id for a in approvals}
    approved_techs = {a.technology for a in approvals if a.technology}
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
            verified=provision_verified(snap, provision) and not part.needs_review and all(c.verified for c in caps),
            explanation=(
                f"{provision_sentence(snap, provision)}. {link.agency.name} {relation_words(link)}, and "
                f"holds an active agreement in the {partnership_sentence(snap, part, caps)}. No approval "
                f"by {j.name} of this agreement is recorded. {note}"
            ).strip(),
            question=question_for(CCOPS_QUESTION, provision),
            evidence=agreement_evidence(snap, provision, link, part, caps),
        )


def _deployments_without_approval(
    snap: Snapshot, j: JurisdictionRow, provision: ProvisionRow, link: AgencyLink, approvals: tuple[ApprovalRow, ...]
) -> Iterator[Finding]:
    """The agency's reported deployments of a technology the requirement covers that J has not approved."""
    approved_deps = {a.deployment_id for a in approvals}
    approved_techs = {a.technology for a in approvals if a.technology}
    for dep in snap.deployments_of(link.agency.id):
        if not covers_technology(provision, dep.technology):
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


CCOPS_SHARE_QUESTION = (
    "Is the data-sharing arrangement an agreement to share surveillance data, or a use of surveillance "
    "technology, that the ordinance requires the governing body to approve, and was it approved before it began?"
)
#: Acts whose approval requirement covers agreements to share data with others.
SHARING_ACTS = {Act.SHARE, Act.AGREE_THIRD_PARTY}


def _requires_approval(provision: ProvisionRow, arrangement: ArrangementRow) -> bool:
    """The ordinance requires approval of sharing, or of the arrangement's technology."""
    return bool(SHARING_ACTS & set(provision.acts)) or covers_technology(provision, arrangement.technology)


def _approval_words(j: JurisdictionRow, technology: str, approved_on: date | None) -> str:
    """What the record holds of J's approvals for this arrangement's technology."""
    name = technology.replace("_", " ")
    if approved_on is None:
        return f"No approval by {j.name} of this arrangement or of {name} is recorded."
    return (f"{j.name} approved {name} on {approved_on:%d %b %Y}, but no approval of this sharing arrangement is "
            f"recorded, and the ordinance requires approval of data sharing.")


@rule(
    id="CCOPS-002",
    title="Surveillance approval requirement vs. a data-sharing arrangement with no recorded approval",
    severity=Severity.HIGH,
    legal_basis=(
        "The local CCOPS ordinance (its citation is on the flag), which requires governing-body approval before "
        "surveillance technology is used or its data shared, including agreements to share information with "
        "other agencies; the arrangement's reported or recorded access (its sources are on the flag)."
    ),
    question=CCOPS_SHARE_QUESTION,
    since="0.2",
    remedies=(
        "The governing body approves the sharing arrangement (who may search, for what), with the impact report and use policy the ordinance requires, before further sharing.",
        "The agency suspends the sharing (turns off national or federal lookup, ends the grant) until it is approved.",
        "The governing body amends the ordinance to say whether data sharing through a vendor's network needs its approval.",
    ),
)
def ccops_sharing_without_approval(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a CCOPS approval requirement in force in J whose acts include sharing or agreements with
    third parties, or whose technologies cover the arrangement's × an arrangement in effect of an agency it
    binds, with no approval recorded by J, on or before the date, of that arrangement, or (where the requirement
    does not name sharing) of its technology.

    Known limits: where the requirement names sharing or agreements with third parties, only an approval of the
    arrangement answers it: an approval of the technology (its use policy) or of a deployment does not count as
    approval of sharing its data, and the flag says when the technology was approved; whether the approval
    preceded the sharing is not judged; an arrangement whose latest dated evidence precedes the day the
    requirement began to apply is not flagged under it.
    """
    for j in snap.targets():
        for provision in snap.provisions_in_force([ProvisionType.CCOPS_APPROVAL], j.id):
            approvals = snap.approvals_in(j.id)
            approved = {a.arrangement_id for a in approvals if a.arrangement_id}
            techs = {a.technology: a.decided_on for a in sorted(approvals, key=lambda a: a.decided_on) if a.technology}
            names_sharing = bool(SHARING_ACTS & set(provision.acts))
            for link in snap.links(provision):
                if link.relation != Relation.BOUND:
                    continue
                for arrangement in snap.arrangements_under(provision, link.agency.id):
                    if arrangement.id in approved or not _requires_approval(provision, arrangement):
                        continue
                    tech_approved_on = techs.get(arrangement.technology)
                    if tech_approved_on is not None and not names_sharing:
                        continue
                    federal = recipients_meet(arrangement.recipients, [Recipient.FEDERAL])
                    severity, note = adjust_for_reach(Severity.HIGH, provision) if federal else (Severity.HIGH, "")
                    yield finding(
                        snap=snap,
                        provision=provision,
                        link=link,
                        arrangement_id=arrangement.id,
                        severity=severity,
                        verified=provision_verified(snap, provision) and arrangement.verified,
                        explanation=(
                            f"{provision_sentence(snap, provision)}. {link.agency.name} {relation_words(link)}, and "
                            f"{arrangement_sentence(arrangement)}. "
                            f"{_approval_words(j, arrangement.technology, tech_approved_on)} {note}"
                        ).strip(),
                        question=question_for(CCOPS_SHARE_QUESTION, provision) if federal else CCOPS_SHARE_QUESTION,
                        evidence={
                            "provision": provision_evidence(snap, provision),
                            "agency": agency_evidence(link.agency, link),
                            "arrangement": arrangement_evidence(arrangement),
                        },
                    )
