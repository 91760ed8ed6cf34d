"""`manage.py import_divisions PATH`: load the national jurisdiction registry (OCD division ids)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.importers.base import ImporterError
from tracker.importers.ocd_divisions import AUTO, DivisionsImporter


class Command(BaseCommand):
    """Upsert states, territories, counties, places and county subdivisions by OCD id."""

    help = (
        "Load the OCD registry from a directory (states.csv, us_territories*.csv, us_census_places.csv); "
        "uses ../ocd-extra/aliases.csv and ../census/co-est2024-alldata.csv next to it when present."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """PATH, --aliases, --population, --dry-run."""
        parser.add_argument("path", type=Path, help="The registry directory (or its us_census_places.csv).")
        parser.add_argument("--aliases", default=AUTO, help="aliases.csv (default: ../ocd-extra/aliases.csv).")
        parser.add_argument("--no-aliases", action="store_true", help="Do not read an aliases file.")
        parser.add_argument(
            "--population", default=AUTO, help="Census county estimates (default: ../census/co-est2024-alldata.csv)."
        )
        parser.add_argument("--no-population", action="store_true", help="Do not read a population file.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the importer and print its summary; bad input exits non-zero with file, row and column."""
        importer = DivisionsImporter(
            options["path"],
            dry_run=options["dry_run"],
            aliases=None if options["no_aliases"] else options["aliases"],
            population=None if options["no_population"] else options["population"],
        )
        try:
            report, _run = importer.run()
        except ImporterError as exc:
            raise CommandError(str(exc)) from exc
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{report.summary()}")
