"""`manage.py import_atlas PATH`: load EFF's Atlas of Surveillance CSV as technology deployments."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.importers.atlas import AtlasImporter
from tracker.importers.base import ImporterError


class Command(BaseCommand):
    """Upsert deployments by AOSNUMBER; a row's absence never removes anything."""

    help = "Load the Atlas of Surveillance CSV (28-column or legacy 26-column) as technology deployments."

    def add_arguments(self, parser: CommandParser) -> None:
        """PATH and --dry-run."""
        parser.add_argument("path", type=Path, help="The Atlas CSV (atlasofsurveillance.org/download.csv).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the importer and print its summary; bad input exits non-zero with file, row and column."""
        try:
            report, _run = AtlasImporter(options["path"], dry_run=options["dry_run"]).run()
        except ImporterError as exc:
            raise CommandError(str(exc)) from exc
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{report.summary()}")
        for item in report.review:
            self.stdout.write(f"  to review: {item}")
