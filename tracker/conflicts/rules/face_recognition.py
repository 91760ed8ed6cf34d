"""Face-recognition bans, moratoria and statutory conditions against federal face matching.

Typology C1 (ban binding the agency), C7 (another agency inside the ban's territory) and C10
(state or local conditions on use) of legal-domain §5.2. The federal side is a partnership whose
program brings a face-recognition capability (the 287(g) Task Force Model app); Jail Enforcement
and Warrant Service agreements bring none, so they never raise these rules.
"""

from __future__ import annotations

from collections.abc import Iterator

from tracker.conflicts.choices import Relation, Severity
from tracker.conflicts.facts import Finding, ProvisionRow
from tracker.conflicts.registry import rule
from tracker.conflicts.rules._common import (
    adjust_for_reach,
    agency_evidence,
    agreement_evidence,
    deployment_evidence,
    face_capabilities,
    finding,
    partnership_sentence,
    provision_evidence,
    provision_sentence,
    provision_verified,
    question_for,
    relation_words,
)
from tracker.conflicts.snapshot import AgencyLink, Snapshot
from tracker.laws.choices import FR_BAN_TYPES, Act, Condition, FederalReach, ProvisionType, Technology

FR_FED_QUESTION = (
    "Does the ban reach face matching run through a federal app that officers working here use under a "
    "federal agreement, and does state law leave the local rule enforceable?"
)
FR_LIM_QUESTION = (
    "Does the statute reach a local officer's use of a federal face-recognition app under a federal agreement, "
    "and does that use meet each condition the law sets?"
)
#: Acts whose bar covers an officer submitting a face to a federal system and acting on the result.
REACHING_ACTS = {Act.USE, Act.USE_DERIVED_INFO, Act.ACCESS, Act.REQUEST_THIRD_PARTY}
#: What the federal app does not show it meets, per condition.
CONDITION_GAPS: dict[str, str] = {
    Condition.NAMED_CHANNEL: "the federal app is not the state channel the law names",
    Condition.WRITTEN_REQUEST: "no written, case-numbered request is shown for app searches",
    Condition.WARRANT: "no warrant or court order is shown for app searches",
    Condition.CRIME_LIST: "app searches are not shown to be confined to the listed crimes",
    Condition.APPROVED_SYSTEM: "the federal app is not shown to be an approved or tested system",
    Condition.REPORTING: "no reporting of app searches is shown",
    Condition.NOTICE: "no notice of intent covering the app is shown",
    Condition.NOT_SOLE_BASIS: "nothing shows app matches are kept from being the sole basis for arrest",
    Condition.NO_IMMIGRATION_STATUS: "the app is used in immigration enforcement, where the law bars use based on status",
    Condition.FEDERAL_IMMIGRATION_WARRANT: "no warrant is shown before searches for federal immigration enforcement",
    Condition.CRIMINAL_INVESTIGATION_ONLY: "the app serves civil immigration checks, not only criminal investigations",
    Condition.LISTED_CIRCUMSTANCES: (
        "app scans are not shown to be confined to the circumstances the law lists (such as consent, suspicion "
        "of another crime or incapacity)"
    ),
}
#: What would meet each condition for searches with the federal app.
CONDITION_REMEDIES = {
    Condition.NAMED_CHANNEL: "Route any face search through the state channel the law names, or do not use the app.",
    Condition.WRITTEN_REQUEST: "Make a written, case-numbered request for every app search, and keep it.",
    Condition.WARRANT: "Obtain a warrant or court order before app searches, as the law requires.",
    Condition.CRIME_LIST: "Confine app searches to the crimes the law lists, and record the crime for each.",
    Condition.APPROVED_SYSTEM: "Have the app approved or tested as the law requires, or stop using it.",
    Condition.REPORTING: "Report app searches in the reports the law requires.",
    Condition.NOTICE: "Give the notice of intent the law requires before using the app.",
    Condition.NOT_SOLE_BASIS: "Adopt a written rule that an app match is never the sole basis for an arrest.",
    Condition.NO_IMMIGRATION_STATUS: "Adopt a written rule that the app is never used on the basis of immigration status.",
    Condition.FEDERAL_IMMIGRATION_WARRANT: "Obtain a warrant before any search made for federal immigration enforcement.",
    Condition.CRIMINAL_INVESTIGATION_ONLY: "Confine app searches to criminal investigations, never civil immigration checks.",
    Condition.LISTED_CIRCUMSTANCES: "Confine app scans to the circumstances the law lists (such as consent), and record which one applied.",
}
CHANNEL_CONDITIONS = {
    Condition.NAMED_CHANNEL,
    Condition.WRITTEN_REQUEST,
    Condition.WARRANT,
    Condition.CRIME_LIST,
    Condition.APPROVED_SYSTEM,
    Condition.LISTED_CIRCUMSTANCES,
}
IMMIGRATION_CONDITIONS = {
    Condition.NO_IMMIGRATION_STATUS,
    Condition.FEDERAL_IMMIGRATION_WARRANT,
    Condition.CRIMINAL_INVESTIGATION_ONLY,
}


def _state_preemption(snap: Snapshot, provision: ProvisionRow) -> ProvisionRow | None:
    home = snap.jurisdiction_of(provision)
    if home.state_level or home.state_id is None:
        return None
    return next(snap.provisions_in_force([ProvisionType.PREEMPTS_LOCAL_FR], home.state_id), None)


def _ban_severity(provision: ProvisionRow, link: AgencyLink) -> Severity:
    if link.relation != Relation.BOUND:
        return Severity.MEDIUM
    if provision.federal_reach == FederalReach.EXPRESS and REACHING_ACTS & set(provision.acts):
        return Severity.CRITICAL
    return Severity.HIGH


@rule(
    id="FR-FED-001",
    title="Face-recognition ban vs. an agency in a federal program that brings face matching",
    severity=Severity.CRITICAL,
    legal_basis=(
        "The local ban or moratorium (its citation is on the flag); 8 U.S.C. §1357(g)(1): a 287(g) officer acts "
        '"to the extent consistent with State and local law"; §1357(g)(9): participation is voluntary.'
    ),
    question=FR_FED_QUESTION,
    since="0.1",
    remedies=(
        "The agency adopts a written policy or an MOA addendum that its officers will not use the federal face-matching app where the ban applies, and reports compliance.",
        "The agreement ends, or moves to a model that brings no face matching (jail enforcement or warrant service).",
        "The governing body amends the ban to say expressly whether it reaches federal tools used under a federal agreement.",
    ),
)
def fr_ban_vs_federal_face_matching(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a face-recognition ban or moratorium in force in J × an active agreement of an
    agency bound by it or operating in J, whose program brings a face-recognition capability.

    Why it matters: the headline case (C1); a sheriff or state agency inside the city is the coverage gap (C7).
    Known limits: device scope and exceptions are quoted, not judged; pending or ended agreements are silent.
    """
    for j in snap.targets():
        for provision in snap.provisions_in_force(FR_BAN_TYPES, j.id):
            preemption = _state_preemption(snap, provision)
            for link in snap.links(provision):
                for part in snap.active_partnerships(link.agency.id):
                    caps = face_capabilities(snap, part, provision)
                    if not caps:
                        continue
                    severity, note = adjust_for_reach(_ban_severity(provision, link), provision)
                    if preemption is not None:
                        severity = min(severity, Severity.HIGH)
                        note += f" State law may preempt it: {provision_sentence(snap, preemption)}."
                    verified = (
                        provision_verified(snap, provision) and not part.needs_review and all(c.verified for c in caps)
                    )
                    yield finding(
                        snap=snap,
                        provision=provision,
                        link=link,
                        partnership_id=part.id,
                        capability_ids=tuple(c.id for c in caps),
                        severity=severity,
                        verified=verified,
                        explanation=(
                            f"{provision_sentence(snap, provision)}. {link.agency.name} {relation_words(link)}, and "
                            f"holds an active agreement in the {partnership_sentence(snap, part, caps)}. {note}"
                        ).strip(),
                        question=question_for(FR_FED_QUESTION, provision),
                        evidence={
                            **agreement_evidence(snap, provision, link, part, caps),
                            "preemption": provision_evidence(snap, preemption) if preemption else None,
                        },
                    )


@rule(
    id="FR-DEP-001",
    title="Face-recognition ban vs. a face-recognition deployment of an agency operating there",
    severity=Severity.HIGH,
    legal_basis="The local ban or moratorium (its citation is on the flag); the deployment's source (e.g. Atlas).",
    question="Is the reported face-recognition system still in use, and does the ban reach this agency's use of it?",
    since="0.1",
    remedies=(
        "The agency shows the system was retired or is not used where the ban applies.",
        "The ban is amended or a documented exception applies (quoted on the flag).",
    ),
)
def fr_ban_vs_deployment(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a face-recognition ban in force in J × a face-recognition deployment of an agency
    bound by it or operating in J.

    Known limits: deployments carry a report date, not an end date; an old report may describe a past system.
    """
    for j in snap.targets():
        for provision in snap.provisions_in_force(FR_BAN_TYPES, j.id):
            for link in snap.links(provision):
                for dep in snap.deployments_of(link.agency.id):
                    if dep.technology != Technology.FACE_RECOGNITION:
                        continue
                    severity = Severity.HIGH if link.relation == Relation.BOUND else Severity.MEDIUM
                    vendor = f" ({dep.vendor})" if dep.vendor else ""
                    yield finding(
                        snap=snap,
                        provision=provision,
                        link=link,
                        deployment_id=dep.id,
                        severity=severity,
                        verified=provision_verified(snap, provision) and dep.verified,
                        explanation=(
                            f"{provision_sentence(snap, provision)}. {link.agency.name} {relation_words(link)}, and is "
                            f"reported to use face recognition{vendor}"
                            + (f" as of {dep.reported_on}" if dep.reported_on else "")
                            + f" (sources: {'; '.join(f'{s.title} <{s.url}>' for s in dep.sources) or 'none'})."
                        ),
                        question=(
                            "Is the reported face-recognition system still in use, and does the ban reach "
                            "this agency's use of it?"
                        ),
                        evidence={
                            "provision": provision_evidence(snap, provision),
                            "agency": agency_evidence(link.agency, link),
                            "deployment": deployment_evidence(dep),
                        },
                    )


def _conditions_severity(provision: ProvisionRow, link: AgencyLink) -> Severity:
    conditions = set(provision.conditions)
    if conditions & CHANNEL_CONDITIONS:
        severity = Severity.HIGH
    elif conditions & IMMIGRATION_CONDITIONS:
        severity = Severity.MEDIUM
    else:
        severity = Severity.LOW
    return severity if link.relation == Relation.BOUND else min(severity, Severity.MEDIUM)


@rule(
    id="FR-LIM-001",
    title="Law conditioning face recognition vs. an agency using a federal face-matching app",
    severity=Severity.HIGH,
    legal_basis=(
        "The state or local law conditioning law-enforcement face recognition (its citation is on the flag); "
        '8 U.S.C. §1357(g)(1): a 287(g) officer acts "to the extent consistent with State and local law".'
    ),
    question=FR_LIM_QUESTION,
    since="0.1",
    remedies=(
        "The agency shows each condition the law sets is met for searches with the federal app (see the conditions listed on this flag).",
        "The agency adopts a written policy that its officers will not use the app, or the agreement moves to a model without it.",
        "The legislature or council amends the law to say whether it reaches federal apps used under a federal agreement.",
    ),
)
def fr_conditions_vs_federal_face_matching(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a law in force in J (state or local) that conditions face recognition (channel,
    warrant, crime list, approved system, reporting) × an active agreement whose program brings face
    recognition, held by an agency the law binds or that operates in J.

    Why it matters: typology C10; state statutes bind every agency in the state, including Task Force agencies.
    Known limits: whether the app meets a condition is not recorded, so each is named as not shown to be met;
    a federal-partnership carve-out lowers the flag and is quoted.
    """
    for j in snap.targets():
        for provision in snap.provisions_in_force([ProvisionType.FR_CONDITIONS], j.id):
            gaps = [CONDITION_GAPS[c] for c in provision.conditions if c in CONDITION_GAPS]
            for link in snap.links(provision):
                for part in snap.active_partnerships(link.agency.id):
                    caps = face_capabilities(snap, part, provision)
                    if not caps:
                        continue
                    severity, note = adjust_for_reach(_conditions_severity(provision, link), provision)
                    verified = (
                        provision_verified(snap, provision) and not part.needs_review and all(c.verified for c in caps)
                    )
                    quote = f' The provision reads: "{provision.quote}".' if provision.quote else ""
                    unmet = "; ".join(gaps) if gaps else "no condition is recorded on the provision"
                    yield finding(
                        snap=snap,
                        provision=provision,
                        link=link,
                        partnership_id=part.id,
                        capability_ids=tuple(c.id for c in caps),
                        severity=severity,
                        verified=verified,
                        explanation=(
                            f"{provision_sentence(snap, provision)}.{quote} {link.agency.name} {relation_words(link)}, "
                            f"and holds an active agreement in the {partnership_sentence(snap, part, caps)}. "
                            f"Conditions not shown to be met: {unmet}. {note}"
                        ).strip(),
                        question=question_for(FR_LIM_QUESTION, provision),
                        evidence={
                            **agreement_evidence(snap, provision, link, part, caps),
                            "unmet_conditions": {"codes": list(provision.conditions), "gaps": gaps},
                        },
                    )
