"""`manage.py laws_report [--on DATE] [--attention] [--format table|json]`: the health of the law register."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from tracker.laws.fixtures_doc import instrument_table, with_table
from tracker.laws.register import register_report


class Command(BaseCommand):
    """Each instrument's mark, official sources, last check and what needs attention; each state's 287(g) position."""

    help = "Report on the law register: marks, official sources, last checks, attention items, 287(g) positions."

    def add_arguments(self, parser: CommandParser) -> None:
        """Options."""
        parser.add_argument(
            "--on",
            type=date.fromisoformat,
            default=None,
            metavar="DATE",
            help="Judge dates (sunsets, staleness, what is in force) as of this day (YYYY-MM-DD).",
        )
        parser.add_argument("--attention", action="store_true", help="List only what needs attention.")
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--fixtures-table", action="store_true",
                            help="Write the instrument table of docs/fixtures.md from the fixture files, and stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Print the instruments, the states, then the summary line."""
        if options["fixtures_table"]:
            doc = Path(settings.BASE_DIR) / "docs" / "fixtures.md"
            doc.write_text(with_table(doc.read_text(), instrument_table()))
            self.stdout.write(f"wrote {doc}")
            return
        report = register_report(options["on"])
        instruments = [i for i in report.instruments if i.attention or not options["attention"]]
        states = [s for s in report.states if not options["attention"] or s in report.unstated_states]
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "on": report.on.isoformat(),
                        "summary": report.summary(),
                        "instruments": [{**asdict(i), "mark": i.mark} for i in instruments],
                        "states": [asdict(s) for s in states],
                    },
                    indent=1,
                    default=str,
                )
            )
            return
        for i in instruments:
            official = ", ".join(i.official_sources) or "none"
            self.stdout.write(
                f"{i.mark} {i.key} ({i.citation}; {i.jurisdiction}) checked {i.checked_on or 'never'}; "
                f"official: {official}"
            )
            for note in i.attention:
                self.stdout.write(f"    ! {note}")
        self.stdout.write("")
        for s in states:
            warn = " !" if s in report.unstated_states else ""
            self.stdout.write(
                f"{s.postal_code:<3}{s.position:<18}{s.active_agreements:>5} active agreements{warn}"
                + (f"  {s.basis[:120]}" if s.basis else "")
            )
        self.stdout.write("")
        self.stdout.write(report.summary())
