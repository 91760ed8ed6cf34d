"""Celery twin of `manage.py fetch_287g`: thin, and a failure waits for the next run."""

from celery import shared_task


@shared_task(time_limit=30 * 60)
def fetch_ice_287g() -> str:
    """Check ICE's 287(g) page and import new sheets (`manage.py fetch_287g`); a failure waits for the next run."""
    from tracker.importers.ice_287g_fetch import ice_287g_fetch  # imported on use: workers start light

    return str(ice_287g_fetch().outcome)
