"""`manage.py fetch_287g [--url URL]`: check ICE's 287(g) page once and import the sheets that are new."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tracker.importers.ice_287g_fetch import ice_287g_fetch
from tracker.importers.models import FetchRun


class Command(BaseCommand):
    """The ICE monitor's command twin (beat runs `tracker.importers.tasks.fetch_ice_287g`)."""

    help = (
        "Read ICE's 287(g) page (ICE_287G_URL), download the participating and pending sheets it links, and "
        "import those whose bytes were never imported, oldest first. A failure changes nothing and is recorded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """--url."""
        parser.add_argument("--url", default="", help="The page to read (default: the ICE_287G_URL setting).")

    def handle(self, *args: Any, **options: Any) -> None:
        """Run one check; print each sheet's outcome; fail with the recorded reason."""
        run = ice_287g_fetch(url=options["url"])
        for sheet in run.sheets:
            line = f"{sheet['name']}: {sheet.get('outcome', 'found')}"
            self.stdout.write(line + (f": {sheet['summary']}" if "summary" in sheet else ""))
        if run.outcome == FetchRun.Outcome.FAILED:
            raise CommandError(f"nothing changed: {run.reason} (fetch run {run.pk})")
        self.stdout.write(f"{run.get_outcome_display()} (fetch run {run.pk})")
