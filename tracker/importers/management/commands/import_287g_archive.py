"""`manage.py import_287g_archive DIR [DIR…] [--date FILE=YYYY-MM-DD]`: a folder of ICE's sheets, in publication order."""

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.importers.base import ImporterError
from tracker.importers.ice_287g_archive import REFUSED, archive_sheets, import_archive


def _override(text: str) -> tuple[str, datetime.date]:
    name, _, day = text.rpartition("=")
    try:
        if name:
            return name, datetime.date.fromisoformat(day)
    except ValueError:
        pass
    raise CommandError(f"--date {text!r} is not FILE=YYYY-MM-DD (the file's name, as in the folder)")


class Command(BaseCommand):
    """Import every participating and pending sheet of one or more folders, oldest first."""

    help = (
        "Import a folder of ICE's 287(g) sheets (participating and pending) in publication order, dated by ICE's "
        "file names. A file whose bytes were imported before is skipped; a refused file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """DIR…, --date."""
        parser.add_argument("paths", nargs="+", type=Path, help="Folders (or single sheets) to import.")
        parser.add_argument(
            "--date",
            action="append",
            default=[],
            metavar="FILE=YYYY-MM-DD",
            help="The publication date of a file whose name does not say it (repeatable).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Order the sheets, import each, and fail at the end if any was refused."""
        dates = dict(_override(text) for text in options["date"])
        try:
            sheets = archive_sheets(options["paths"], dates=dates)
        except ImporterError as exc:
            raise CommandError(str(exc)) from exc
        outcomes = import_archive(sheets, echo=self.stdout.write)
        refused = [o for o in outcomes if o.outcome == REFUSED]
        if refused:
            raise CommandError(f"{len(refused)} of {len(outcomes)} sheet(s) refused (listed above)")
