"""The sweep outbox: owed re-evaluations are rows first, broker messages second.

`sweep_request` writes a PendingSweep in the caller's transaction, so the intent commits (or
rolls back) with the data. After commit it is handed to the broker; when the broker is down or
hung the hand-over fails fast (bounded sockets), the row stays, and the relay task (beat) or the
next successful request dispatches it. Delivery is at least once: a row is marked dispatched only
after the broker took it, and done only when a worker finished the sweep; a dispatched row that is
not done after REDISPATCH_AFTER is sent again (a Redis restart can drop its queue). Sweeps are
idempotent (flags are upserted by fingerprint), so a second delivery changes nothing.

A sweep that fails every time (a bad fact, a bug) is not sent forever: after MAX_DISPATCHES
deliveries the relay gives up on it, logs an error once, and leaves it in the admin (Outbox) with
the worker's last error, where "Send again" puts it back in line once the cause is fixed. The
nightly full sweep re-evaluates its jurisdictions meanwhile.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from tracker.conflicts.models import PendingSweep

log = logging.getLogger(__name__)
BATCH = 200
#: Longer than sweep_jurisdictions' time limit plus a queue's usual wait.
REDISPATCH_AFTER = timedelta(minutes=30)
KEEP_DONE = timedelta(days=7)
MAX_DISPATCHES = 5
#: After a failed hand-over, requests skip the broker for this long (the relay keeps trying).
BACKOFF_SECONDS = 30.0
_broker_down_until = 0.0
_held: ContextVar[bool] = ContextVar("sweeps_held", default=False)


@contextmanager
def sweeps_held() -> Iterator[None]:
    """Record owed sweeps in this block without handing them over: for a loader that ends with a full sweep,
    which covers them (`pending_sweeps_owed` / `pending_sweeps_covered`) instead of one sweep per step."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def sweeps_are_held() -> bool:
    """True inside `sweeps_held`."""
    return _held.get()


def pending_sweep_add(*, jurisdiction_ids: list[int]) -> PendingSweep:
    """Record an owed sweep in the current transaction."""
    return PendingSweep.objects.create(jurisdiction_ids=jurisdiction_ids, created=timezone.now())


def due() -> Q:
    """Rows to hand to the broker: never dispatched, or dispatched long ago and still not done (and not given up)."""
    return Q(done_at__isnull=True, gave_up_at__isnull=True, dispatches__lt=MAX_DISPATCHES) & (
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=timezone.now() - REDISPATCH_AFTER)
    )


def give_up_on_failing() -> int:
    """Stop on rows delivered MAX_DISPATCHES times and still not done after the last wait; log each once."""
    failing = PendingSweep.objects.filter(
        done_at__isnull=True, gave_up_at__isnull=True, dispatches__gte=MAX_DISPATCHES,
        dispatched_at__lt=timezone.now() - REDISPATCH_AFTER,
    )
    ids = list(failing.values_list("pk", flat=True))
    if ids:
        PendingSweep.objects.filter(pk__in=ids).update(gave_up_at=timezone.now())
        log.error("Gave up on owed sweeps %s after %d deliveries; see the admin's Outbox", ids, MAX_DISPATCHES)
    return len(ids)


def pending_sweep_failed(*, pending_id: int | None, exc: BaseException) -> None:
    """Record why a worker's sweep failed, for whoever reads the Outbox."""
    if pending_id is not None:
        PendingSweep.objects.filter(pk=pending_id).update(last_error=f"sweep: {type(exc).__name__}: {exc}"[:300])


def pending_sweeps_retry(rows: QuerySet[PendingSweep]) -> int:
    """Put given-up rows back in line with a fresh count of deliveries."""
    return rows.filter(done_at__isnull=True).update(gave_up_at=None, dispatches=0, dispatched_at=None)


def pending_sweeps_dispatch(*, limit: int = BATCH, respect_backoff: bool = False) -> int:
    """Hand due rows to the broker, oldest first; stop at the first failure. Returns how many were sent."""
    global _broker_down_until
    if respect_backoff and time.monotonic() < _broker_down_until:
        return 0
    from tracker.conflicts.tasks import sweep_jurisdictions

    sent = 0
    for row in PendingSweep.objects.filter(due()).order_by("id")[:limit]:
        try:
            sweep_jurisdictions.apply_async(args=(row.jurisdiction_ids,), kwargs={"pending_id": row.pk})
        except Exception as exc:  # noqa: BLE001 - kombu OperationalError, RuntimeError, socket errors: all mean "not now"
            _broker_down_until = time.monotonic() + BACKOFF_SECONDS
            PendingSweep.objects.filter(pk=row.pk).update(
                attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:300]
            )
            log.warning("Sweep %s not queued (%s); it stays in the outbox", row.pk, type(exc).__name__)
            break
        # Not conditional on done_at: an eager task (no broker) has already finished by now.
        PendingSweep.objects.filter(pk=row.pk).update(dispatched_at=timezone.now(), dispatches=F("dispatches") + 1)
        sent += 1
    else:
        _broker_down_until = 0.0
    return sent


def pending_sweep_done(*, pending_id: int | None) -> None:
    """Mark an owed sweep as finished by a worker."""
    if pending_id is not None:
        PendingSweep.objects.filter(pk=pending_id, done_at__isnull=True).update(done_at=timezone.now())


def pending_sweeps_owed() -> list[int]:
    """The owed sweeps committed so far: a full sweep that loads its facts after reading them covers them."""
    return list(PendingSweep.objects.filter(done_at__isnull=True).values_list("pk", flat=True))


def pending_sweeps_covered(pending_ids: list[int]) -> None:
    """Mark owed sweeps done by a full sweep that read their facts."""
    if pending_ids:
        PendingSweep.objects.filter(pk__in=pending_ids, done_at__isnull=True).update(done_at=timezone.now())


def pending_sweeps_prune() -> int:
    """Delete rows finished more than KEEP_DONE ago."""
    deleted, _ = PendingSweep.objects.filter(done_at__lt=timezone.now() - KEEP_DONE).delete()
    return deleted
