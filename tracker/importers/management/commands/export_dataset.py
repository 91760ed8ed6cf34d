"""`manage.py export_dataset DIR`: write every fact table, link table and history table as CSV plus a JSON bundle."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tracker.importers.dataset import dataset_export


class Command(BaseCommand):
    """A lossless backup of the dataset, restorable with import_dataset."""

    help = "Export the dataset (one CSV per table and dataset.json) into DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        """DIR."""
        parser.add_argument("directory", type=Path, help="Where to write the files (created if missing).")

    def handle(self, *args: Any, **options: Any) -> None:
        """Export and print the number of tables and rows."""
        counts = dataset_export(directory=options["directory"])
        self.stdout.write(f"exported {len(counts)} tables, {sum(counts.values())} rows to {options['directory']}")
