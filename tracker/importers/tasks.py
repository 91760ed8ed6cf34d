"""Celery twins of the import commands: thin, by name and path."""

from typing import Any

from celery import shared_task

from tracker.importers.registry import importer_class


@shared_task(time_limit=30 * 60)
def import_file(importer: str, path: str, options: dict[str, Any] | None = None) -> dict[str, int]:
    """Run one importer over one file; return its counts."""
    report, _run = importer_class(importer)(path, **(options or {})).run()
    return dict(report.counts)
