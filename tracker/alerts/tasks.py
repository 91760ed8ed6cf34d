"""Celery twin of `manage.py send_digests`: thin and safe to repeat (digests are claimed per user and period)."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from tracker.alerts.services import digests_send, hits_collect


@shared_task(time_limit=15 * 60, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def send_digests() -> dict[str, int]:
    """Collect new hits, then e-mail each user the unsent ones once per period."""
    return {"hits": hits_collect(), "digests": digests_send()}
