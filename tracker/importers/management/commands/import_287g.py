"""`manage.py import_287g PATH [--pending] [--as-of DATE] [--dry-run]`: import one of ICE's 287(g) sheets."""

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.importers.base import ImporterError
from tracker.importers.ice_287g import Ice287gImporter
from tracker.laws.models import Instrument
from tracker.places.models import Jurisdiction


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--as-of {text!r} is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    """Upsert agencies and agreements from a participating (or pending) sheet; end what it no longer lists."""

    help = (
        "Import ICE's 287(g) participating agencies sheet (.xlsx or .csv), or with --pending its pending "
        "sheet. The sheet's date comes from the file name (participatingAgencies07182025pm) or --as-of."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """PATH, --pending, --as-of, --dry-run."""
        parser.add_argument("path", type=Path, help="The sheet, as downloaded from ice.gov (.xlsx or .csv).")
        parser.add_argument("--pending", action="store_true", help="The sheet lists pending applications.")
        parser.add_argument(
            "--as-of", type=str, default=None, help="The sheet's date (YYYY-MM-DD), if not in its name."
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the importer, show progress, then the summary and the agreements added and ended."""
        as_of = _date(options["as_of"]) if options["as_of"] else None
        importer = Ice287gImporter(
            options["path"],
            dry_run=options["dry_run"],
            pending=options["pending"],
            as_of=as_of,
            progress=self._progress if options["verbosity"] >= 1 else None,
        )
        try:
            report, _run = importer.run()
        except ImporterError as exc:
            raise CommandError(str(exc)) from exc
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{report.summary()}")
        for note in report.notes:
            self.stdout.write(f"  {note}")
        for skipped in report.skipped:
            self.stdout.write(f"  skipped: {skipped}")
        if not options["dry_run"]:
            self._report_local_law(importer.added_agency_ids)
        if report.review:
            self.stdout.write(f"  {len(report.review)} to review (listed on the import run in the admin)")
            if options["verbosity"] >= 2:
                for item in report.review:
                    self.stdout.write(f"  review: {item}")

    def _report_local_law(self, agency_ids: set[int]) -> None:
        """Name the places with a law in force where an agency with a new agreement operates."""
        places = (
            Jurisdiction.objects.operated_in_by(agency_ids)
            .filter(instruments__in=Instrument.objects.in_force())
            .distinct()
            .order_by("ocd_id")
        )
        lines = [f"  {place.name} ({place.ocd_id})" for place in places]
        self.stdout.write(f"New agreements fall where a local law is in force: {len(lines)} jurisdiction(s)")
        for line in lines:
            self.stdout.write(line)

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"  {done}/{total} rows", ending="\n")
