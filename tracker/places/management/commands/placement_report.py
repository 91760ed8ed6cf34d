"""`manage.py placement_report [--as-of DATE]`: how many agencies with an active agreement are located."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tracker.places.selectors import placement


class Command(BaseCommand):
    """Print the located share of agencies with an active agreement, then each unplaced one with its reason."""

    help = "Count agencies with an active agreement that have a home jurisdiction or coverage; list the rest."

    def add_arguments(self, parser: CommandParser) -> None:
        """Options."""
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            metavar="DATE",
            help="Count agreements active on this date (YYYY-MM-DD); today by default.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Print the figure and the unplaced agencies."""
        result = placement(on=options["as_of"])
        self.stdout.write(
            f"{result.located:,} of {result.total:,} agencies with an active agreement located ({result.share:.1f} %)"
        )
        for row in result.unplaced:
            where = f"TYPE {row.agency_type or '?'}, COUNTY {row.county or '-'}"
            self.stdout.write(f"  {row.state} {row.name} ({where}): {row.note or 'no note'}")
