"""`manage.py demo_data`: the real data the embedded product starts with, loaded once."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from tracker.conflicts.outbox import sweeps_held
from tracker.importers.base import file_sha256
from tracker.importers.ice_287g_archive import archive_sheets, import_archive
from tracker.importers.models import ImportRun

DATA = Path(settings.BASE_DIR) / "data"
#: Every folder of ICE's sheets shipped in data/, imported together in publication order.
ICE_FOLDERS = (DATA / "ice-287g", DATA / "ice-287g-more", DATA / "ice-287g-archive")


class Command(BaseCommand):
    """Seed the fixtures, load the national registry and ICE's sheets, then sweep; files already imported are skipped."""

    help = "Load the shipped real data (fixtures, OCD registry, ICE 287(g) sheets) and sweep. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        """Run each step, skipping a file whose exact bytes were imported before; the closing full sweep covers
        the sweeps each step owes, so none of them runs on its own."""
        with sweeps_held():
            call_command("seed", stdout=self.stdout)
            places = DATA / "ocd" / "us_census_places.csv"
            if ImportRun.objects.filter(importer="divisions", sha256=file_sha256(places)).exists():
                self.stdout.write(f"{places.name}: already imported")
            else:
                self.stdout.write(f"import_divisions {places.name}…")
                call_command("import_divisions", str(DATA / "ocd"), verbosity=0, stdout=self.stdout)
            # The same ordering and loop as `manage.py import_287g_archive`; a refused file is reported, never fatal.
            import_archive(archive_sheets([f for f in ICE_FOLDERS if f.is_dir()]), echo=self.stdout.write)
        call_command("sweep", stdout=self.stdout)
