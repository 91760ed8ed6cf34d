"""`manage.py import_dataset DIR`: restore an export into an empty database, identically."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.importers.base import ImporterError
from tracker.importers.dataset import dataset_restore


class Command(BaseCommand):
    """Refuses a database that already holds data; checks every table's hash against the export."""

    help = "Restore a dataset written by export_dataset into an empty (migrated) database."

    def add_arguments(self, parser: CommandParser) -> None:
        """DIR."""
        parser.add_argument("directory", type=Path, help="The directory export_dataset wrote.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Restore and print the number of tables and rows; bad input exits non-zero and writes nothing."""
        try:
            counts = dataset_restore(directory=options["directory"])
        except ImporterError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {len(counts)} tables, {sum(counts.values())} rows from {options['directory']}")
