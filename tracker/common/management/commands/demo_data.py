"""`manage.py demo_data`: the real data the embedded product starts with, loaded once."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from tracker.importers.base import file_sha256
from tracker.importers.models import ImportRun

DATA = Path(settings.BASE_DIR) / "data"
#: ICE's sheets in publication order: each participating sheet replaces the one before.
ICE_SHEETS = (
    ("ice-287g/pendingAgencies05152025am.xlsx", True),
    ("ice-287g/participatingAgencies05162025am.xlsx", False),
    ("ice-287g/pendingAgencies07182025pm.xlsx", True),
    ("ice-287g/participatingAgencies07182025pm.xlsx", False),
    ("ice-287g-more/TOTAL-participatingAgencies05182026am.xlsx", False),
)


class Command(BaseCommand):
    """Seed the fixtures, load the national registry and ICE's sheets, then sweep; files already imported are skipped."""

    help = "Load the shipped real data (fixtures, OCD registry, ICE 287(g) sheets) and sweep. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        """Run each step, skipping a file whose exact bytes were imported before."""
        call_command("seed", stdout=self.stdout)
        self._once("divisions", DATA / "ocd" / "us_census_places.csv", "import_divisions", str(DATA / "ocd"))
        for name, pending in ICE_SHEETS:
            path = DATA / name
            self._once("ice_287g", path, "import_287g", str(path), *(["--pending"] if pending else []))
        call_command("sweep", stdout=self.stdout)

    def _once(self, importer: str, path: Path, command: str, *args: str) -> None:
        if ImportRun.objects.filter(importer=importer, sha256=file_sha256(path)).exists():
            self.stdout.write(f"{path.name}: already imported")
            return
        self.stdout.write(f"{command} {path.name}…")
        call_command(command, *args, verbosity=0, stdout=self.stdout)
