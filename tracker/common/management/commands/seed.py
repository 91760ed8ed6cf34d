"""`manage.py seed`: load the real, sourced fixtures (idempotent, with history)."""

from typing import Any

from django.core.management.base import BaseCommand

from tracker.common.seeding import seed_all


class Command(BaseCommand):
    """Load fixtures/*.json by natural key; a second run changes nothing."""

    help = "Load the real, sourced fixtures (idempotent, with history)."

    def handle(self, *args: Any, **options: Any) -> None:
        """Seed and print one line per file."""
        for name, counts in seed_all().items():
            line = ", ".join(f"{k} {counts.get(k, 0)}" for k in ("created", "updated", "unchanged"))
            self.stdout.write(f"{name}: {line}")
