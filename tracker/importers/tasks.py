"""Celery twins of the import commands: thin, by name and path."""

from typing import Any

from celery import shared_task

from tracker.importers.registry import importer_class


@shared_task(time_limit=30 * 60)
def import_file(importer: str, path: str, options: dict[str, Any] | None = None) -> dict[str, int]:
    """Run one importer over one file; return its counts."""
    report, _run = importer_class(importer)(path, **(options or {})).run()
    return dict(report.counts)


@shared_task(time_limit=30 * 60)
def fetch_ice_287g() -> str:
    """Check ICE's 287(g) page and import new sheets (`manage.py fetch_287g`); a failure waits for the next run."""
    from tracker.importers.ice_287g_fetch import ice_287g_fetch  # imported on use: workers start light

    return str(ice_287g_fetch().outcome)
