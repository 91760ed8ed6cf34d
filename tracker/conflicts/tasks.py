"""Celery twins of `manage.py sweep`, and the outbox relay: thin, by ids, idempotent (flags are keyed by fingerprint)."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import OperationalError

from tracker.conflicts.engine import sweep
from tracker.conflicts.outbox import (
    give_up_on_failing,
    pending_sweep_done,
    pending_sweep_failed,
    pending_sweeps_dispatch,
    pending_sweeps_prune,
)


@shared_task(time_limit=30 * 60, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def sweep_all(as_of: str | None = None) -> dict[str, int]:
    """Nightly full sweep."""
    summary = sweep(as_of=date.fromisoformat(as_of) if as_of else None)
    return {"found": summary.found, "new": summary.new, "stale": summary.stale, "reopened": summary.reopened}


@shared_task(time_limit=5 * 60, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def sweep_jurisdictions(
    jurisdiction_ids: list[int], as_of: str | None = None, pending_id: int | None = None
) -> dict[str, int]:
    """Re-evaluate the jurisdictions a change touched: exactly these ids, the scope `sweep_scope` resolved."""
    try:
        summary = sweep(jurisdiction_ids, as_of=date.fromisoformat(as_of) if as_of else None)
    except Exception as exc:
        pending_sweep_failed(pending_id=pending_id, exc=exc)
        raise
    pending_sweep_done(pending_id=pending_id)
    return {"found": summary.found, "new": summary.new, "stale": summary.stale, "reopened": summary.reopened}


@shared_task(time_limit=5 * 60)
def dispatch_pending_sweeps() -> dict[str, int]:
    """Outbox relay (beat): give up on sweeps that keep failing, hand owed ones to the broker, drop old done rows."""
    gave_up = give_up_on_failing()
    sent = pending_sweeps_dispatch()
    return {"sent": sent, "gave_up": gave_up, "pruned": pending_sweeps_prune()}
