"""`manage.py seed`: load the real, sourced fixtures (idempotent, with history), then owe the sweep they call for."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from tracker.common.seeding import seed_all
from tracker.conflicts.scope import written_since
from tracker.conflicts.services import sweep_touched


class Command(BaseCommand):
    """Load fixtures/*.json by natural key; a second run changes nothing and owes no sweep."""

    help = "Load the real, sourced fixtures (idempotent, with history) and queue the re-evaluation they touch."

    def handle(self, *args: Any, **options: Any) -> None:
        """Seed, queue a sweep of what changed, and print one line per file."""
        with transaction.atomic():
            start = timezone.now()
            report = seed_all()
            sweep_touched(touched=written_since(start))
        for name, counts in report.counts.items():
            line = ", ".join(f"{k} {counts.get(k, 0)}" for k in ("created", "updated", "unchanged", "held"))
            self.stdout.write(f"{name}: {line}")
        for line in report.held:
            self.stdout.write(f"held for review: {line}")
