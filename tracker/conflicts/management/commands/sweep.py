"""`manage.py sweep [--jurisdiction OCD_ID] [--rule ID] [--as-of DATE]`: run the conflict engine.

A jurisdiction given is swept with everything inside it, the scope a change to its own facts owes
(`tracker.conflicts.scope.sweep_scope`), the same scope the sweep a writer queues covers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.conflicts.engine import sweep
from tracker.conflicts.registry import registry
from tracker.conflicts.scope import Touched, sweep_scope
from tracker.places.models import Jurisdiction


class Command(BaseCommand):
    """Sweep all jurisdictions, or some, for some rules, as of a date; print progress and a summary."""

    help = "Evaluate the conflict rules and update flags (all jurisdictions unless --jurisdiction is given)."

    def add_arguments(self, parser: CommandParser) -> None:
        """Options."""
        parser.add_argument("--jurisdiction", action="append", default=[], metavar="OCD_ID",
                            help="OCD division id (or alias): it and everything inside it; repeat for several.")
        parser.add_argument("--rule", action="append", default=[], metavar="ID", help="Rule id; repeat for several.")
        parser.add_argument("--as-of", type=date.fromisoformat, default=None, metavar="DATE",
                            help="Judge law and agreements as they stood on this date (YYYY-MM-DD); default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Resolve the options, sweep, print the summary."""
        ids = None
        if options["jurisdiction"]:
            places = set()
            for ocd_id in options["jurisdiction"]:
                match = list(Jurisdiction.objects.by_ocd_id(ocd_id).values_list("id", flat=True))
                if not match:
                    raise CommandError(f"No jurisdiction with OCD id {ocd_id}.")
                places.update(match)
            ids = sweep_scope(Touched(places=places))
        unknown = [r for r in options["rule"] if r not in registry]
        if unknown:
            raise CommandError(f"Unknown rule id(s): {', '.join(unknown)}. See `manage.py rules`.")
        summary = sweep(
            ids, options["rule"] or None, options["as_of"], progress=lambda msg: self.stderr.write(msg)
        )
        for line in summary.lines():
            self.stdout.write(line)
