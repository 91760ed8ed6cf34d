"""The state layer: prohibitions of 287(g), mandates and preemption of local limits (C5, C6)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from tracker.conflicts.choices import Relation, Severity
from tracker.conflicts.facts import Finding, JurisdictionRow, PartnershipRow, ProvisionRow
from tracker.conflicts.registry import rule
from tracker.conflicts.rules._common import (
    agreement_evidence,
    finding,
    is_287g,
    partnership_sentence,
    provision_evidence,
    provision_sentence,
    provision_verified,
    relation_words,
)
from tracker.conflicts.snapshot import AgencyLink, Snapshot
from tracker.laws.choices import FR_BAN_TYPES, ProvisionType

STATE_001_QUESTION = "Is the agreement unauthorized under state law, and has the agency wound it down as required?"
STATE_002_QUESTION = (
    "Is the local limit preempted, expressly or because it materially limits immigration enforcement, and are "
    "local officials exposed to state penalties?"
)
STATE_004_QUESTION = (
    "Does the agreement contain every term the state law requires, and was it entered, renewed or amended to "
    "meet them once the law took effect?"
)
STATE_003_QUESTION = (
    "Does the state law preempt the local face-recognition rule, wholly or as applied to federal tools?"
)


@rule(
    id="STATE-001",
    title="State law prohibiting 287(g) vs. an active 287(g) agreement in that state",
    severity=Severity.CRITICAL,
    legal_basis=(
        "The state prohibition (its citation is on the flag); §1357(g)(9) makes participation a state choice; "
        "state law governs the authority of its subdivisions to contract (legal-domain §5.2 C6)."
    ),
    question=STATE_001_QUESTION,
    since="0.1",
    remedies=(
        "The agency exercises the agreement's termination clause, and ICE's sheet stops listing it.",
        "A court rules on whether the state law bars the agreement.",
    ),
)
def state_prohibition_vs_287g(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a state prohibition of 287(g) in force × an active 287(g) agreement of an agency it binds."""
    for provision, link, part, start in _state_agreements(snap, ProvisionType.PROHIBITS_287G):
        after = (
            f" The agreement was signed on {part.signed_on}, after the law took effect on {start}."
            if part.signed_on and start and part.signed_on >= start
            else ""
        )
        yield finding(
            snap=snap,
            provision=provision,
            link=link,
            partnership_id=part.id,
            severity=Severity.CRITICAL,
            verified=provision_verified(snap, provision) and not part.needs_review,
            explanation=(
                f"{provision_sentence(snap, provision)}. {link.agency.name} {relation_words(link)}, and "
                f"holds an active agreement in the {partnership_sentence(snap, part)}.{after}"
            ),
            question=STATE_001_QUESTION,
            evidence=agreement_evidence(snap, provision, link, part),
        )


@rule(
    id="STATE-004",
    title="State law conditioning 287(g) agreements vs. an active agreement not shown to meet the conditions",
    severity=Severity.MEDIUM,
    legal_basis=(
        "The state statute setting the terms a 287(g) agreement must contain (its citation is on the flag); "
        '§1357(g)(1): a 287(g) officer acts "to the extent consistent with State and local law".'
    ),
    question=STATE_004_QUESTION,
    since="0.2",
    remedies=(
        "The agency publishes its memorandum of agreement showing each term the state law requires, or signs an addendum adding them.",
        "The agency ends the agreement if it cannot meet the terms.",
    ),
)
def state_conditions_vs_287g(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a state law in force that puts conditions on any 287(g) agreement × an active 287(g)
    agreement of an agency it binds, whose memorandum is not recorded as meeting them.

    Why it matters: the agreement stays lawful only if its terms meet the statute (e.g. Virginia Acts 2026
    ch. 1028); each agreement needs its MOA read against the conditions.
    Known limits: the MOA's terms are not recorded, so every agreement is named for review, not as a breach.
    """
    for provision, link, part, start in _state_agreements(snap, ProvisionType.CONDITIONS_287G):
        quote = f' The law reads: "{provision.quote}".' if provision.quote else ""
        since = f" The law took effect on {start}." if start else ""
        yield finding(
            snap=snap,
            provision=provision,
            link=link,
            partnership_id=part.id,
            severity=Severity.MEDIUM,
            verified=provision_verified(snap, provision) and not part.needs_review,
            explanation=(
                f"{provision_sentence(snap, provision)}.{quote} {link.agency.name} {relation_words(link)}, and "
                f"holds an active agreement in the {partnership_sentence(snap, part)}, whose terms are not "
                f"recorded as meeting these conditions.{since}"
            ),
            question=STATE_004_QUESTION,
            evidence=agreement_evidence(snap, provision, link, part),
        )


def _state_agreements(
    snap: Snapshot, provision_type: str
) -> Iterator[tuple[ProvisionRow, AgencyLink, PartnershipRow, date | None]]:
    """Each state provision of this type in force × each active 287(g) agreement of an agency it binds,
    with the date the provision took effect."""
    for j in snap.targets():
        if not j.state_level:
            continue
        for provision in snap.provisions_in_force([provision_type], j.id):
            inst = snap.instruments[provision.instrument_id]
            start = provision.effective_on or inst.effective_on or inst.enacted_on
            for link in snap.links(provision):
                if link.relation != Relation.BOUND:
                    continue
                for part in snap.active_partnerships(link.agency.id):
                    if is_287g(snap, part):
                        yield provision, link, part, start


def _preemption(
    snap: Snapshot, question: str, state_types: Iterable[str], local_types: Iterable[str]
) -> Iterator[Finding]:
    """A state provision in force × a local provision in force in a jurisdiction of that state."""
    local_types = tuple(local_types)
    for j in snap.targets():
        if j.state_level or j.state_id is None:
            continue
        state_provisions = list(snap.provisions_in_force(state_types, j.state_id))
        if not state_provisions:
            continue
        for local in snap.provisions_in_force(local_types, j.id):
            for state_provision in state_provisions:
                yield finding(
                    snap=snap,
                    provision=local,
                    other_provision_id=state_provision.id,
                    severity=Severity.HIGH,
                    verified=provision_verified(snap, local) and provision_verified(snap, state_provision),
                    explanation=(
                        f"{provision_sentence(snap, local)}. {_state_name(snap, j)} law may preempt it: "
                        f"{provision_sentence(snap, state_provision)}."
                    ),
                    question=question,
                    evidence={
                        "provision": provision_evidence(snap, local),
                        "state_provision": provision_evidence(snap, state_provision),
                    },
                )


def _state_name(snap: Snapshot, j: JurisdictionRow) -> str:
    return snap.name(j.state_id)


@rule(
    id="STATE-002",
    title="State 287(g) or ICE-cooperation mandate vs. a local limit on immigration cooperation",
    severity=Severity.HIGH,
    legal_basis=(
        "The state mandate or anti-sanctuary statute (its citation is on the flag); the local limit; state "
        "preemption of local law (e.g. City of El Cenizo v. Texas, 5th Cir. 2018)."
    ),
    question=STATE_002_QUESTION,
    since="0.1",
    remedies=(
        "A court or the state attorney general rules on whether the local limit is preempted.",
        "The governing body amends the local limit to fit the state mandate, or the state mandate is amended.",
    ),
)
def state_mandate_vs_local_limit(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a state mandate of 287(g) or preemption of local immigration limits × a local limit
    on immigration cooperation (or local prohibition of 287(g)) in force in a jurisdiction of that state.
    """
    yield from _preemption(
        snap,
        STATE_002_QUESTION,
        [ProvisionType.MANDATES_287G, ProvisionType.PREEMPTS_LOCAL_IMMIGRATION],
        [ProvisionType.IMMIGRATION_LIMIT, ProvisionType.PROHIBITS_287G],
    )


@rule(
    id="STATE-003",
    title="State preemption of local face-recognition rules vs. a local ban",
    severity=Severity.HIGH,
    legal_basis="The state preemption provision (its citation is on the flag); the local face-recognition rule.",
    question=STATE_003_QUESTION,
    since="0.1",
    remedies=("A court rules on whether the state law preempts the local rule, or either law is amended.",),
)
def state_fr_preemption_vs_local_ban(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a state provision preempting local face-recognition rules × a local ban, moratorium or
    conditions on face recognition in force in a jurisdiction of that state.
    """
    yield from _preemption(
        snap,
        STATE_003_QUESTION,
        [ProvisionType.PREEMPTS_LOCAL_FR],
        [*FR_BAN_TYPES, ProvisionType.FR_CONDITIONS],
    )
