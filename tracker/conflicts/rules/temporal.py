"""Time: protective law that is about to expire (typology C12)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from tracker.conflicts.choices import Severity
from tracker.conflicts.facts import Finding
from tracker.conflicts.registry import rule
from tracker.conflicts.rules._common import finding, provision_evidence, provision_sentence, provision_verified
from tracker.conflicts.rules.immigration import PROTECTIVE_TYPES
from tracker.conflicts.snapshot import Snapshot

#: How far ahead an expiry is announced.
HORIZON = timedelta(days=90)
SUNSET_QUESTION = "Will the provision be extended or replaced before it expires, and what applies after?"


@rule(
    id="SUNSET-001",
    title="Protective law that expires within 90 days",
    severity=Severity.LOW,
    legal_basis="The instrument's sunset clause or the provision's own end date (its citation is on the flag).",
    question=SUNSET_QUESTION,
    since="0.1",
    remedies=(
        "The legislature or council extends or re-enacts the protection before it expires.",
        "Flags resting on the law are reviewed again after the sunset date.",
    ),
)
def protective_law_expiring(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a protective provision in force whose provision end or instrument sunset falls within
    90 days after the date. Known limits: repeals are not announced ahead (they carry no future date).
    """
    for j in snap.targets():
        for provision in snap.provisions_in_force(PROTECTIVE_TYPES, j.id):
            inst = snap.instruments[provision.instrument_id]
            ends = [d for d in (provision.ends_on, inst.sunset_on) if d is not None]
            if not ends:
                continue
            end = min(ends)
            if not (snap.as_of < end <= snap.as_of + HORIZON):
                continue
            yield finding(
                snap=snap,
                provision=provision,
                severity=Severity.LOW,
                verified=provision_verified(snap, provision),
                explanation=f"{provision_sentence(snap, provision)}. It expires on {end} unless extended.",
                question=SUNSET_QUESTION,
                evidence={"provision": provision_evidence(snap, provision), "expires_on": {"date": str(end)}},
            )
