"""`manage.py seed`: load the real, sourced fixtures (idempotent, with history)."""

from typing import Any

from django.core.management.base import BaseCommand

from tracker.common.seeding import seed_all


class Command(BaseCommand):
    """Load fixtures/*.json by natural key; a second run changes nothing."""

    help = "Load the real, sourced fixtures (idempotent, with history)."

    def handle(self, *args: Any, **options: Any) -> None:
        """Seed and print one line per file."""
        report = seed_all()
        for name, counts in report.counts.items():
            line = ", ".join(f"{k} {counts.get(k, 0)}" for k in ("created", "updated", "unchanged", "held"))
            self.stdout.write(f"{name}: {line}")
        for line in report.held:
            self.stdout.write(f"held for review: {line}")
