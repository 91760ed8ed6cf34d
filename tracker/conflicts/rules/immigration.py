"""Limits on immigration cooperation against 287(g) agreements, and pending applications (C3, C7, C12)."""

from __future__ import annotations

from collections.abc import Iterator

from tracker.conflicts.choices import Relation, Severity
from tracker.conflicts.facts import Finding
from tracker.conflicts.registry import rule
from tracker.conflicts.rules._common import (
    adjust_for_reach,
    agreement_evidence,
    face_capabilities,
    finding,
    is_287g,
    partnership_sentence,
    provision_sentence,
    provision_verified,
    question_for,
    relation_words,
)
from tracker.conflicts.snapshot import Snapshot
from tracker.laws.choices import FR_BAN_TYPES, ProvisionType

IMM_QUESTION = (
    "Does the limit bind the agency that signed the 287(g) agreement (a department of the government, or an "
    "independently elected sheriff or a state agency), and do 8 U.S.C. §§1373/1644 preempt any part of it?"
)
PEND_QUESTION = "If the pending application is approved, will the agreement collide with this law?"
#: Provisions a pending 287(g) application is checked against (PEND-001).
PROTECTIVE_TYPES = (
    *FR_BAN_TYPES,
    ProvisionType.FR_CONDITIONS,
    ProvisionType.CCOPS_APPROVAL,
    ProvisionType.IMMIGRATION_LIMIT,
    ProvisionType.PROHIBITS_287G,
    ProvisionType.RETENTION_LIMIT,
)
FACE_TYPES = {*FR_BAN_TYPES, ProvisionType.FR_CONDITIONS}


@rule(
    id="IMM-001",
    title="Limit on immigration cooperation vs. a 287(g) agreement of an agency operating there",
    severity=Severity.CRITICAL,
    legal_basis=(
        "The trust or sanctuary provision (its citation is on the flag); §1357(g)(9): no state or subdivision is "
        "required to enter an agreement; anti-commandeering (Printz v. United States, Murphy v. NCAA)."
    ),
    question=IMM_QUESTION,
    since="0.1",
    remedies=(
        "The agency that is bound ends or declines the agreement; for an agency only working within the place, the governing body asks it in writing to keep 287(g) functions out of the jurisdiction.",
        "The governing body amends its limit to address agencies and federal partnerships working within it.",
    ),
)
def immigration_limit_vs_287g(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a limit on immigration cooperation in J (or a local prohibition of 287(g)) × an
    active 287(g) agreement of an agency bound by it (S4) or operating in J (S2, the overlap of C7).
    """
    for j in snap.targets():
        types = [ProvisionType.IMMIGRATION_LIMIT] + ([] if j.state_level else [ProvisionType.PROHIBITS_287G])
        for provision in snap.provisions_in_force(types, j.id):
            for link in snap.links(provision):
                for part in snap.active_partnerships(link.agency.id):
                    if not is_287g(snap, part):
                        continue
                    base = Severity.CRITICAL if link.relation == Relation.BOUND else Severity.MEDIUM
                    severity, note = adjust_for_reach(base, provision)
                    yield finding(
                        snap=snap,
                        provision=provision,
                        link=link,
                        partnership_id=part.id,
                        severity=severity,
                        verified=provision_verified(snap, provision) and not part.needs_review,
                        explanation=(
                            f"{provision_sentence(snap, provision)}. {link.agency.name} {relation_words(link)}, and "
                            f"holds an active agreement in the {partnership_sentence(snap, part)}. {note}"
                        ).strip(),
                        question=question_for(IMM_QUESTION, provision),
                        evidence=agreement_evidence(snap, provision, link, part),
                    )


@rule(
    id="PEND-001",
    title="Pending 287(g) application vs. a law it would collide with (early warning)",
    severity=Severity.MEDIUM,
    legal_basis=(
        "The protective provision (its citation is on the flag); ICE's 287(g) sheet listing the application as pending."
    ),
    question=PEND_QUESTION,
    since="0.1",
    remedies=(
        "The agency withdraws the application, or the governing body acts before ICE signs it.",
        "The agency commits in writing to keep the new agreement within the law in force here.",
    ),
)
def pending_287g_vs_local_law(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a pending 287(g) application of an agency bound by or operating in J × a protective
    provision in force in J (face-recognition ban or conditions only when the program brings face recognition).
    """
    for j in snap.targets():
        for provision in snap.provisions_in_force(PROTECTIVE_TYPES, j.id):
            for link in snap.links(provision):
                for part in snap.pending_partnerships(link.agency.id):
                    if not is_287g(snap, part):
                        continue
                    caps = face_capabilities(snap, part, provision)
                    if provision.type in FACE_TYPES and not caps:
                        continue
                    base = Severity.MEDIUM if link.relation == Relation.BOUND else Severity.LOW
                    severity, note = adjust_for_reach(base, provision)
                    yield finding(
                        snap=snap,
                        provision=provision,
                        link=link,
                        partnership_id=part.id,
                        severity=severity,
                        verified=provision_verified(snap, provision) and not part.needs_review,
                        explanation=(
                            f"{provision_sentence(snap, provision)}. {link.agency.name} {relation_words(link)}, and "
                            f"has a pending application to the {partnership_sentence(snap, part, caps)}. {note}"
                        ).strip(),
                        question=question_for(PEND_QUESTION, provision),
                        evidence=agreement_evidence(snap, provision, link, part, caps),
                    )
