"""The sweep: run rules over a snapshot and turn findings into flags, set-based and idempotent."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from tracker.common import public_cache
from tracker.conflicts.choices import OPEN_STATUSES, FlagStatus
from tracker.conflicts.facts import Finding
from tracker.conflicts.fingerprint import evidence_diff, evidence_hash, fingerprint
from tracker.conflicts.loader import build_snapshot
from tracker.conflicts.models import Flag, FlagEvent
from tracker.conflicts.outbox import pending_sweeps_covered, pending_sweeps_owed
from tracker.conflicts.registry import Rule, RuleRegistry, registry
from tracker.conflicts.snapshot import Snapshot

Progress = Callable[[str], None]
BATCH = 500
#: Advisory-lock key of the whole country; scoped sweeps hold it shared, a full sweep exclusively.
FULL_SCOPE_LOCK = 0x4C4F4F4B
#: Fields an upsert refreshes on an existing flag; status, version and assignee belong to review.
REFRESHED = [
    "jurisdiction", "provision", "other_provision", "agency", "partnership", "deployment", "arrangement", "severity",
    "relation",
    "relation_how", "federal_reach", "verified", "explanation", "question", "evidence", "evidence_hash", "as_of",
    "last_seen_at",
]


@dataclass
class SweepSummary:
    """What a sweep did."""

    as_of: date
    jurisdictions: int | None
    found: int = 0
    new: int = 0
    unchanged: int = 0
    changed: int = 0
    reopened: int = 0
    stale: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The summary as printable lines."""
        scope = "all jurisdictions" if self.jurisdictions is None else f"{self.jurisdictions} jurisdiction(s)"
        out = [
            f"Sweep of {scope} as of {self.as_of}: {self.found} finding(s).",
            (f"  new {self.new} · unchanged {self.unchanged} · changed {self.changed} · "
            f"reopened {self.reopened} · stale {self.stale}"),
        ]
        out += [f"  {rule_id:<12} {count}" for rule_id, count in sorted(self.by_rule.items())]
        return out


def evaluate(snap: Snapshot, rules: Iterable[Rule], progress: Progress | None = None) -> dict[str, Finding]:
    """Run rules over a snapshot; findings by fingerprint (the most severe wins a tie)."""
    found: dict[str, Finding] = {}
    for rule in rules:
        count = 0
        for item in rule(snap):
            key = fingerprint(item.rule_id, item.fact_refs)
            if key not in found or item.severity > found[key].severity:
                found[key] = item
            count += 1
        if progress:
            progress(f"{rule.id}: {count} finding(s)")
    return found


def _lock(jurisdiction_ids: Sequence[int] | None) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if jurisdiction_ids is None:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FULL_SCOPE_LOCK])
            return
        digest = hashlib.sha256(",".join(map(str, sorted(jurisdiction_ids))).encode()).digest()
        scope_key = int.from_bytes(digest[:8], "big", signed=True)
        cursor.execute("SELECT pg_advisory_xact_lock_shared(%s), pg_advisory_xact_lock(%s)", [FULL_SCOPE_LOCK, scope_key])


def sweep(
    jurisdiction_ids: Iterable[int] | None = None,
    rule_ids: Iterable[str] | None = None,
    as_of: date | None = None,
    *,
    progress: Progress | None = None,
    rules: RuleRegistry = registry,
) -> SweepSummary:
    """Evaluate rules for some jurisdictions (all when None) as of a date and upsert their flags.

    A full sweep (every jurisdiction and rule, as of today) covers the sweeps owed before it began: it marks
    them done."""
    ids = sorted(set(jurisdiction_ids)) if jurisdiction_ids is not None else None
    full = ids is None and rule_ids is None and as_of is None
    selected = rules.selected(rule_ids)
    as_of = as_of or timezone.localdate()
    with transaction.atomic():
        _lock(ids)
        owed = pending_sweeps_owed() if full else []
        if progress:
            progress("Loading the snapshot…")
        snap = build_snapshot(ids, as_of)
        if progress:
            progress(f"Snapshot: {len(snap.jurisdictions)} jurisdictions, {len(snap.agencies)} agencies, "
                     f"{len(snap.provisions)} provisions, {len(snap.partnerships)} partnerships.")
        findings = evaluate(snap, selected, progress)
        summary = SweepSummary(as_of=as_of, jurisdictions=None if ids is None else len(ids))
        summary.found = len(findings)
        summary.by_rule = dict(Counter(f.rule_id for f in findings.values()))
        _persist(findings, [r.id for r in selected], ids, as_of, summary)
        pending_sweeps_covered(owed)
        public_cache.changed()
    return summary


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), BATCH):
        yield values[start : start + BATCH]


def _evidence(item: Finding) -> dict[str, Any]:
    return {**item.evidence, "source_ids": list(item.source_ids), "capability_ids": list(item.capability_ids)}


def _flag(key: str, item: Finding, as_of: date, now: datetime) -> Flag:
    return Flag(
        fingerprint=key, rule_id=item.rule_id, jurisdiction_id=item.jurisdiction_id, provision_id=item.provision_id,
        other_provision_id=item.other_provision_id, agency_id=item.agency_id, partnership_id=item.partnership_id,
        deployment_id=item.deployment_id, arrangement_id=item.arrangement_id, severity=int(item.severity),
        relation=str(item.relation), relation_how=item.relation_how, federal_reach=item.federal_reach, verified=item.verified,
        explanation=item.explanation, question=item.question,
        evidence=_evidence(item),
        evidence_hash="", status=FlagStatus.NEW, version=1, as_of=as_of, first_seen_at=now, last_seen_at=now,
    )


def _persist(
    findings: dict[str, Finding], rule_ids: list[str], ids: list[int] | None, as_of: date, summary: SweepSummary
) -> None:
    now = timezone.now()
    scope = Q(rule_id__in=rule_ids) & (Q(jurisdiction_id__in=ids) if ids is not None else Q())
    existing = {fp: (pk, status, h) for pk, fp, status, h in
                Flag.objects.filter(scope).values_list("id", "fingerprint", "status", "evidence_hash")}
    hashes = {key: evidence_hash(_evidence(item)) for key, item in findings.items()}
    # Unchanged flags are not rewritten (nor built): one UPDATE below touches them, so a steady-state
    # sweep issues a fixed number of queries; writes grow only with new or changed flags, one per batch.
    write_keys = [key for key in findings if key not in existing or existing[key][1] == FlagStatus.STALE
                  or existing[key][2] != hashes[key]]
    writes = [_flag(key, findings[key], as_of, now) for key in write_keys]
    for flag in writes:
        flag.evidence_hash = hashes[flag.fingerprint]
    changed_ids = [existing[k][0] for k in write_keys if k in existing and existing[k][2] != hashes[k]]
    old_evidence = dict(Flag.objects.filter(id__in=changed_ids[:BATCH * 20]).values_list("id", "evidence"))
    Flag.objects.bulk_create(
        writes, batch_size=BATCH, update_conflicts=True, unique_fields=["fingerprint"], update_fields=REFRESHED
    )
    events, reopen, bump = _written_events(writes, existing, old_evidence, as_of, now, summary)
    summary.unchanged = len(findings) - len(writes)
    found = set(findings)
    stale = [(pk, status) for fp, (pk, status, _) in existing.items() if fp not in found and status in OPEN_STATUSES]
    summary.stale = len(stale)
    events += [FlagEvent(flag_id=pk, at=now, from_status=status, to_status=FlagStatus.STALE,
                         reason=f"Its facts no longer hold as of {as_of}.") for pk, status in stale]
    for chunk in _chunks(reopen):
        Flag.objects.filter(id__in=chunk).update(status=FlagStatus.NEW, version=F("version") + 1)
    for chunk in _chunks(bump):
        Flag.objects.filter(id__in=chunk).update(version=F("version") + 1)
    for chunk in _chunks([pk for pk, _ in stale]):
        Flag.objects.filter(id__in=chunk, status__in=OPEN_STATUSES).update(
            status=FlagStatus.STALE, version=F("version") + 1
        )
    FlagEvent.objects.bulk_create(events, batch_size=BATCH)
    _touch_unchanged(scope, existing, found, [f.fingerprint for f in writes], as_of, now)


def _written_events(
    writes: list[Flag], existing: dict[str, tuple[int, str, str]], old_evidence: dict[int, Any], as_of: date,
    now: datetime, summary: SweepSummary,
) -> tuple[list[FlagEvent], list[int], list[int]]:
    """The events of the flags just written (found, reopened, evidence changed), counted in the summary, and the
    ids to reopen and to bump."""
    events: list[FlagEvent] = []
    reopen: list[int] = []
    bump: list[int] = []
    for flag in writes:
        if flag.fingerprint not in existing:
            summary.new += 1
            events.append(FlagEvent(flag_id=flag.pk, at=now, to_status=FlagStatus.NEW,
                                    reason=f"Found by the sweep as of {as_of}."))
            continue
        pk, status, old_hash = existing[flag.fingerprint]
        if status == FlagStatus.STALE or (old_hash != flag.evidence_hash and status in (
            FlagStatus.DISMISSED, FlagStatus.RESOLVED
        )):
            why = ("Its facts hold again." if status == FlagStatus.STALE else
                   "Evidence changed: " + ", ".join(evidence_diff(old_evidence.get(pk, {}), flag.evidence)) + ".")
            summary.reopened += 1
            reopen.append(pk)
            events.append(FlagEvent(flag_id=pk, at=now, from_status=status, to_status=FlagStatus.NEW, reason=why))
        elif old_hash != flag.evidence_hash:
            summary.changed += 1
            bump.append(pk)
            diff = ", ".join(evidence_diff(old_evidence.get(pk, {}), flag.evidence))
            events.append(FlagEvent(flag_id=pk, at=now, from_status=status, to_status=status,
                                    reason=f"Evidence changed: {diff}."))
    return events, reopen, bump


def _touch_unchanged(
    scope: Q, existing: dict[str, tuple[int, str, str]], found: set[str], written: list[str], as_of: date,
    now: datetime,
) -> None:
    """Record that unchanged flags were seen again, in one UPDATE when the exclusions are few."""
    skip = [pk for fp, (pk, _, _) in existing.items() if fp not in found]
    skip += [existing[fp][0] for fp in written if fp in existing]
    if len(skip) <= BATCH * 20:
        Flag.objects.filter(scope).exclude(id__in=skip).update(as_of=as_of, last_seen_at=now)
        return
    unchanged = sorted({pk for fp, (pk, _, _) in existing.items() if fp in found} - set(skip))
    for chunk in _chunks(unchanged):
        Flag.objects.filter(id__in=chunk).update(as_of=as_of, last_seen_at=now)
