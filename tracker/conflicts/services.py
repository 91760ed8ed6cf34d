"""Review workflow on flags, and queuing sweeps after facts change: every write goes through here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from tracker.common import public_cache
from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.models import Flag, FlagEvent, FlagNote
from tracker.conflicts.outbox import pending_sweep_add, pending_sweeps_dispatch, sweeps_are_held
from tracker.conflicts.scope import Touched, sweep_scope, touched_by

T = TypeVar("T")

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
    """Owe a re-evaluation of exactly these jurisdictions (a scope `sweep_scope` resolved): an outbox row now,
    handed to the broker after commit.

    The row commits with the caller's data, so a broker outage delays the sweep but never loses it
    and never turns a committed write into an error (see tracker.conflicts.outbox). Inside `sweeps_held`
    the row waits for the caller's full sweep.
    """
    public_cache.changed()  # the facts are public as soon as they commit, before any sweep (or with none: a source)
    ids = sorted({int(i) for i in jurisdiction_ids})
    if not ids:
        return
    pending_sweep_add(jurisdiction_ids=ids)
    if not sweeps_are_held():
        transaction.on_commit(lambda: pending_sweeps_dispatch(respect_backoff=True), robust=True)


def sweep_touched(*, touched: Touched, before: Iterable[int] = ()) -> None:
    """Owe a re-evaluation of what a change touches, and of what the changed facts touched before it (`before`,
    from `fact_scope` read before the write): every writer calls this or `fact_saved`."""
    sweep_request(jurisdiction_ids=set(sweep_scope(touched)) | set(before))


def fact_scope(fact: Model) -> set[int]:
    """The jurisdictions whose flags may change when this fact changes, as it is stored now."""
    return set(sweep_scope(touched_by([fact])))


def fact_saved(*, fact: Model, before: Iterable[int] = ()) -> None:
    """Re-evaluate what a saved fact touches, and what it touched before the change (`before`)."""
    sweep_touched(touched=touched_by([fact]), before=before)


def fact_write(fact: Model, *, by: Any, reason: str, save: Callable[[], T]) -> T:
    """The one write of a fact by a person (the admin and the API): `save` writes the row and its related rows
    in one transaction; each history row it writes names the person and the reason; and the sweep owed covers
    what the fact touched before the change and after it. A person may change a locked field: the lock
    keeps machines (seeding, imports) from undoing the correction, not its author."""
    before = fact_scope(fact) if fact.pk is not None else set()
    fact._change_reason = reason[:100]  # type: ignore[attr-defined]
    if getattr(by, "is_authenticated", False):
        fact._history_user = by  # type: ignore[attr-defined]
    with transaction.atomic():
        result = save()
        fact_saved(fact=fact, before=before)
    return result
