"""Review workflow on flags, and queuing sweeps after facts change: every write goes through here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from tracker.common import public_cache
from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.models import Flag, FlagEvent, FlagNote
from tracker.conflicts.outbox import pending_sweep_add, pending_sweeps_dispatch

#: Transitions a reviewer may make; stale is set only by the engine.
TRANSITIONS: dict[str, set[str]] = {
    FlagStatus.NEW: {FlagStatus.IN_REVIEW},
    FlagStatus.IN_REVIEW: {FlagStatus.CONFIRMED, FlagStatus.DISMISSED, FlagStatus.RESOLVED, FlagStatus.NEW},
    FlagStatus.CONFIRMED: {FlagStatus.RESOLVED, FlagStatus.IN_REVIEW},
    FlagStatus.DISMISSED: {FlagStatus.IN_REVIEW},
    FlagStatus.RESOLVED: {FlagStatus.IN_REVIEW},
    FlagStatus.STALE: {FlagStatus.IN_REVIEW, FlagStatus.RESOLVED},
}


class FlagConflictError(Exception):
    """Someone changed the flag since it was read; carries its current state so nothing is lost."""

    def __init__(self, flag: Flag, expected_version: int) -> None:
        self.current: dict[str, Any] = {
            "id": flag.pk,
            "status": flag.status,
            "assignee_id": flag.assignee_id,
            "version": flag.version,
        }
        self.expected_version = expected_version
        super().__init__(
            f"Flag {flag.pk} changed since you read it (version {expected_version}, now {flag.version}, "
            f"status {flag.status}). Reload it and try again."
        )


class FlagTransitionError(ValueError):
    """The transition is not allowed, or lacks a required reason."""


def _locked(flag: Flag, expected_version: int) -> Flag:
    current = Flag.objects.select_for_update().get(pk=flag.pk)
    if current.version != expected_version:
        raise FlagConflictError(current, expected_version)
    return current


def flag_transition(*, flag: Flag, to: str, by: Any, reason: str = "", expected_version: int) -> Flag:
    """Move a flag to a new review status, recording who, when and why."""
    if to not in FlagStatus.values or to == FlagStatus.STALE:
        raise FlagTransitionError(f"{to!r} cannot be set by a reviewer.")
    if to == FlagStatus.DISMISSED and not reason.strip():
        raise FlagTransitionError("A dismissal needs a reason.")
    with transaction.atomic():
        current = _locked(flag, expected_version)
        if to not in TRANSITIONS[current.status]:
            raise FlagTransitionError(f"A {current.status} flag cannot become {to}.")
        before = current.status
        current.status = to
        current.version += 1
        current._change_reason = reason[:100]
        current.save(update_fields=["status", "version"])
        FlagEvent.objects.create(
            flag=current, at=timezone.now(), by=by, from_status=before, to_status=to, reason=reason
        )
        public_cache.changed()
    return current


def flag_assign(*, flag: Flag, assignee: Any, by: Any, expected_version: int) -> Flag:
    """Assign a reviewer (or nobody), recorded in the flag's trail."""
    with transaction.atomic():
        current = _locked(flag, expected_version)
        current.assignee = assignee
        current.version += 1
        current.save(update_fields=["assignee", "version"])
        who = getattr(assignee, "get_username", lambda: "nobody")()
        FlagEvent.objects.create(
            flag=current, at=timezone.now(), by=by, from_status=current.status, to_status=current.status,
            reason=f"Assigned to {who}.",
        )
        public_cache.changed()
    return current


def flag_note_add(*, flag: Flag, author: Any, text: str) -> FlagNote:
    """Add a reviewer's private note."""
    if not text.strip():
        raise FlagTransitionError("A note needs text.")
    return FlagNote.objects.create(flag=flag, author=author, at=timezone.now(), text=text)


def sweep_request(*, jurisdiction_ids: Iterable[int]) -> None:
    """Owe a re-evaluation of these jurisdictions: an outbox row now, handed to the broker after commit.

    The row commits with the caller's data, so a broker outage delays the sweep but never loses it
    and never turns a committed write into an error (see tracker.conflicts.outbox).
    """
    public_cache.changed()  # the facts are public as soon as they commit, before any sweep (or with none: a source)
    ids = sorted({int(i) for i in jurisdiction_ids})
    if not ids:
        return
    pending_sweep_add(jurisdiction_ids=ids)
    transaction.on_commit(lambda: pending_sweeps_dispatch(respect_backoff=True), robust=True)


def fact_jurisdiction_ids(fact: Any) -> set[int]:
    """The jurisdictions whose flags may change when this fact changes (the sweep adds what lies inside them)."""
    from tracker.laws.models import Instrument, InstrumentEvent, Provision, ProvisionException
    from tracker.partnerships.models import (
        Approval,
        Capability,
        FederalProgram,
        Partnership,
        SharingArrangement,
        SharingEvent,
        TechnologyDeployment,
    )
    from tracker.places.models import Agency, AgencyCoverage, Jurisdiction

    if isinstance(fact, Jurisdiction):
        return {fact.pk}
    if isinstance(fact, (Instrument, Approval, AgencyCoverage)):
        return {fact.jurisdiction_id}
    if isinstance(fact, (Provision, InstrumentEvent)):
        return {fact.instrument.jurisdiction_id}
    if isinstance(fact, ProvisionException):
        return {fact.provision.instrument.jurisdiction_id}
    if isinstance(fact, Agency):
        agencies = Agency.objects.filter(pk=fact.pk)
    elif isinstance(fact, (Partnership, TechnologyDeployment, SharingArrangement)):
        agencies = Agency.objects.filter(pk=fact.agency_id)
    elif isinstance(fact, SharingEvent):
        agencies = Agency.objects.filter(sharing_arrangements=fact.arrangement_id)
    elif isinstance(fact, (FederalProgram, Capability)):
        program_id = fact.pk if isinstance(fact, FederalProgram) else fact.program_id
        agencies = Agency.objects.filter(partnerships__program_id=program_id)
    else:
        return set()
    rows = agencies.values_list("home_id", "coverages__jurisdiction_id")
    return {pk for pair in rows for pk in pair if pk is not None}


def fact_saved(*, fact: Any, before: Iterable[int] = ()) -> None:
    """Re-evaluate what a saved fact touches, and what it touched before the change (`before`)."""
    sweep_request(jurisdiction_ids=fact_jurisdiction_ids(fact) | set(before))

