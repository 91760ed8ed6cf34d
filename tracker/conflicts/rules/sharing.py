"""Data-sharing limits against an agency's sharing arrangements that reach the recipients or purposes they bar.

State ALPR and data-sharing statutes (California Civ. Code §1798.90.55(b), Illinois 625 ILCS 5/2-130, New
York's Green Light law…) and local ordinances bar sharing an agency's data with some recipients (federal
agencies, federal immigration agencies, agencies of other states, private entities) or for some purposes
(civil immigration enforcement). The other side is a reported or verified arrangement: a vendor's network
with national or federal lookup, a one-to-one grant to the Border Patrol, DMV records reachable through
Nlets, a fusion-centre feed. Which arrangement reaches what is what its sources say, never inferred.
"""

from __future__ import annotations

from collections.abc import Iterator

from tracker.conflicts.choices import Relation, Severity
from tracker.conflicts.facts import ArrangementRow, Finding, ProvisionRow
from tracker.conflicts.registry import rule
from tracker.conflicts.rules._common import (
    adjust_for_reach,
    agency_evidence,
    arrangement_evidence,
    arrangement_sentence,
    covers_technology,
    finding,
    provision_evidence,
    provision_sentence,
    provision_verified,
    question_for,
    relation_words,
)
from tracker.conflicts.snapshot import Snapshot
from tracker.laws.choices import FederalReach, ProvisionType
from tracker.partnerships.choices import recipients_meet

SHARE_QUESTION = (
    "Does the arrangement let the recipients or purposes the law bars reach the agency's data (a vendor's "
    "national or federal lookup, a direct grant, DMV records through Nlets), and did it continue after the law "
    "applied?"
)


def barred_by(provision: ProvisionRow, arrangement: ArrangementRow) -> tuple[list[str], list[str]]:
    """The barred recipients the arrangement's recipients fall under, and the barred purposes it was used for."""
    recipients = list(recipients_meet(arrangement.recipients, provision.barred_recipients))
    purposes = sorted(set(arrangement.purposes) & set(provision.barred_purposes))
    return recipients, purposes


def _severity(provision: ProvisionRow, recipients: list[str]) -> Severity:
    """Critical when the law's words expressly bar these very recipients; high otherwise (a purpose is reported)."""
    if recipients and provision.federal_reach == FederalReach.EXPRESS:
        return Severity.CRITICAL
    return Severity.HIGH


def _words(codes: list[str]) -> str:
    return ", ".join(code.replace("_", " ") for code in codes)


@rule(
    id="SHARE-001",
    title="Data-sharing limit vs. a sharing arrangement that reaches the recipients or purposes it bars",
    severity=Severity.CRITICAL,
    legal_basis=(
        "The state or local data-sharing limit (its citation and quoted words are on the flag), which forbids "
        "sharing the agency's data with the recipients it names or for the purposes it names; the arrangement's "
        "reported or recorded access (its sources are on the flag)."
    ),
    question=SHARE_QUESTION,
    since="0.2",
    remedies=(
        "The agency turns off national and federal lookup in the vendor's network for the recipients the law bars, and records the date with a source.",
        "The agency ends the one-to-one grant, or terminates the sharing arrangement or the contract.",
        "The agency adopts and audits a written rule refusing searches for the barred purposes, and reports what the audit found.",
        "The legislature or council amends the law to say whether it reaches vendors' networks and federal agencies.",
    ),
)
def sharing_limit_vs_arrangement(snap: Snapshot) -> Iterator[Finding]:
    """What it flags: a data-sharing limit in force in J on the date × an arrangement of an agency it binds,
    in effect on the date, of a technology the limit covers (none named: any), whose recipients fall under
    the barred recipients (a federal immigration agency is a federal agency) or whose reported purposes are
    barred.

    Known limits: a limit conditioned on something not recorded (Illinois's written declaration of an
    out-of-state agency) is not typed as a bar; an arrangement with no dated evidence is never in effect, and
    one whose latest dated evidence precedes the day the limit began to apply is not flagged under it;
    agencies that only operate within J are not bound by its limit and are not flagged.
    """
    for j in snap.targets():
        for provision in snap.provisions_in_force([ProvisionType.DATA_SHARING_LIMIT], j.id):
            if not provision.barred_recipients and not provision.barred_purposes:
                continue
            for link in snap.links(provision):
                if link.relation != Relation.BOUND:
                    continue
                for arrangement in snap.arrangements_under(provision, link.agency.id):
                    if not covers_technology(provision, arrangement.technology):
                        continue
                    recipients, purposes = barred_by(provision, arrangement)
                    if not recipients and not purposes:
                        continue
                    severity, note = adjust_for_reach(_severity(provision, recipients), provision)
                    bars = "; ".join(
                        part
                        for part in (
                            f"it bars sharing with {_words(recipients)}" if recipients else "",
                            f"it bars use or sharing for {_words(purposes)}" if purposes else "",
                        )
                        if part
                    )
                    yield finding(
                        snap=snap,
                        provision=provision,
                        link=link,
                        arrangement_id=arrangement.id,
                        severity=severity,
                        verified=provision_verified(snap, provision) and arrangement.verified,
                        explanation=(
                            f"{provision_sentence(snap, provision)}: {bars}. {link.agency.name} "
                            f"{relation_words(link)}, and {arrangement_sentence(arrangement)}. {note}"
                        ).strip(),
                        question=question_for(SHARE_QUESTION, provision),
                        evidence={
                            "provision": provision_evidence(snap, provision),
                            "agency": agency_evidence(link.agency, link),
                            "arrangement": arrangement_evidence(
                                arrangement, barred_recipients_met=recipients, barred_purposes_met=purposes
                            ),
                        },
                    )
