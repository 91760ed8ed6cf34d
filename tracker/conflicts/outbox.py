"""The sweep outbox: owed re-evaluations are rows first, broker messages second.

`sweep_request` writes a PendingSweep in the caller's transaction, so the intent commits (or
rolls back) with the data. After commit it is handed to the broker; when the broker is down or
hung the hand-over fails fast (bounded sockets), the row stays, and the relay task (beat) or the
next successful request dispatches it. Delivery is at least once: a row is marked dispatched only
after the broker took it, and done only when a worker finished the sweep; a dispatched row that is
not done after REDISPATCH_AFTER is sent again (a Redis restart can drop its queue). Sweeps are
idempotent (flags are upserted by fingerprint), so a second delivery changes nothing.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone

from tracker.conflicts.models import PendingSweep

log = logging.getLogger(__name__)
BATCH = 200
#: Longer than sweep_jurisdictions' time limit plus a queue's usual wait.
REDISPATCH_AFTER = timedelta(minutes=30)
KEEP_DONE = timedelta(days=7)
#: After a failed hand-over, requests skip the broker for this long (the relay keeps trying).
BACKOFF_SECONDS = 30.0
_broker_down_until = 0.0


def pending_sweep_add(*, jurisdiction_ids: list[int]) -> PendingSweep:
    """Record an owed sweep in the current transaction."""
    return PendingSweep.objects.create(jurisdiction_ids=jurisdiction_ids, created=timezone.now())


def due() -> Q:
    """Rows to hand to the broker: never dispatched, or dispatched long ago and still not done."""
    return Q(done_at__isnull=True) & (
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=timezone.now() - REDISPATCH_AFTER)
    )


def pending_sweeps_dispatch(*, limit: int = BATCH, respect_backoff: bool = False) -> int:
    """Hand due rows to the broker, oldest first; stop at the first failure. Returns how many were sent."""
    global _broker_down_until
    if respect_backoff and time.monotonic() < _broker_down_until:
        return 0
    from tracker.conflicts.tasks import sweep_jurisdictions

    sent = 0
    for row in PendingSweep.objects.filter(due()).order_by("id")[:limit]:
        try:
            sweep_jurisdictions.apply_async(args=[row.jurisdiction_ids], kwargs={"pending_id": row.pk})
        except Exception as exc:  # noqa: BLE001 - kombu OperationalError, RuntimeError, socket errors: all mean "not now"
            _broker_down_until = time.monotonic() + BACKOFF_SECONDS
            PendingSweep.objects.filter(pk=row.pk).update(
                attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:300]
            )
            log.warning("Sweep %s not queued (%s); it stays in the outbox", row.pk, type(exc).__name__)
            break
        # Not conditional on done_at: an eager task (no broker) has already finished by now.
        PendingSweep.objects.filter(pk=row.pk).update(dispatched_at=timezone.now())
        sent += 1
    else:
        _broker_down_until = 0.0
    return sent


def pending_sweep_done(*, pending_id: int | None) -> None:
    """Mark an owed sweep as finished by a worker."""
    if pending_id is not None:
        PendingSweep.objects.filter(pk=pending_id, done_at__isnull=True).update(done_at=timezone.now())


def pending_sweeps_prune() -> int:
    """Delete rows finished more than KEEP_DONE ago."""
    deleted, _ = PendingSweep.objects.filter(done_at__lt=timezone.now() - KEEP_DONE).delete()
    return deleted
