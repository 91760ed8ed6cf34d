"""`manage.py collisions [--as-of DATE] [--state XX] [--format table|csv|json]`: where the conflicts are."""

from __future__ import annotations

import csv
import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tracker.conflicts.selectors import collisions


class Command(BaseCommand):
    """Every open flag grouped by state and rule, with counts and the agencies involved."""

    help = "List open conflicts by state and rule (stored flags; with --as-of, the rules' findings on that date)."

    def add_arguments(self, parser: CommandParser) -> None:
        """Options."""
        parser.add_argument("--as-of", type=date.fromisoformat, default=None, metavar="DATE",
                            help="Evaluate the rules as of this date (YYYY-MM-DD) instead of reading stored flags.")
        parser.add_argument("--state", default=None, metavar="XX", help="USPS code, e.g. VA.")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        """Print the rows in the chosen format."""
        rows = collisions(as_of=options["as_of"], state=options["state"])
        if options["format"] == "json":
            self.stdout.write(json.dumps([row.as_dict() for row in rows], indent=1))
        elif options["format"] == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(["state", "rule", "flags", "max_severity", "agencies"])
            for row in rows:
                writer.writerow([row.state, row.rule_id, row.flags, row.max_severity, "; ".join(row.agencies)])
        else:
            self.stdout.write(f"{'state':<6}{'rule':<12}{'flags':>6}  {'max':>4}  agencies")
            for row in rows:
                self.stdout.write(f"{row.state:<6}{row.rule_id:<12}{row.flags:>6}  S{row.max_severity // 10:<3}  "
                                  f"{'; '.join(row.agencies)}")
            self.stdout.write(f"{sum(r.flags for r in rows)} open flag(s) in {len({r.state for r in rows})} state(s)")
