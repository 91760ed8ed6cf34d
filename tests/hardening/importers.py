"""Each importer behind one call, and its small real input, so hostile and mutated files go through all of them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.hardening import hostile
from tracker.importers.atlas import AtlasImporter
from tracker.importers.dataset import dataset_restore
from tracker.importers.ice_287g import Ice287gImporter
from tracker.importers.ocd_divisions import DivisionsImporter

ATLAS_SAMPLE = hostile.DATA / "atlas-sample" / "atlas_2026-08_28col_sample.csv"
OCD_ROWS = 8


@dataclass(frozen=True)
class Target:
    """An importer: where its file goes in a directory, and how to run it on that directory."""

    name: str
    file_name: str
    run: Callable[[Path], object]

    def place(self, directory: Path, content: bytes) -> Path:
        """Write `content` as this importer's file in `directory`; return the file."""
        path = directory / self.file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return path


def _ocd(directory: Path) -> object:
    return DivisionsImporter(directory / "ocd", aliases=None, population=None).run()


def _states_csv() -> bytes:
    return (hostile.DATA / "ocd" / "states.csv").read_bytes()


def ocd_places() -> bytes:
    """The header and the first few rows of the real national places registry."""
    with (hostile.DATA / "ocd" / "us_census_places.csv").open("rb") as handle:
        return b"".join(handle.readline() for _ in range(OCD_ROWS + 1))


def prepare_ocd(directory: Path) -> None:
    """The registry's real states file beside the places file a test writes."""
    (directory / "ocd").mkdir(parents=True, exist_ok=True)
    (directory / "ocd" / "states.csv").write_bytes(_states_csv())


ICE_XLSX = Target("ice xlsx", hostile.ICE_NAME, lambda d: Ice287gImporter(d / hostile.ICE_NAME).run())
ICE_CSV = Target("ice csv", "participatingAgencies05162025am.csv",
                 lambda d: Ice287gImporter(d / "participatingAgencies05162025am.csv").run())
ATLAS = Target("atlas", "atlas.csv", lambda d: AtlasImporter(d / "atlas.csv").run())
OCD = Target("ocd", "ocd/us_census_places.csv", _ocd)
DATASET = Target("dataset", "bundle/dataset.json", lambda d: dataset_restore(directory=d / "bundle"))


def ice_csv(rows: list[list[object]]) -> bytes:
    """The ICE slice as the CSV ICE sometimes publishes."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for values in rows:
        writer.writerow(["" if v is None else (v.date().isoformat() if hasattr(v, "date") else v) for v in values])
    return buffer.getvalue().encode()


def copy_atlas_sample(directory: Path) -> Path:
    """The real Atlas sample in `directory`."""
    return Path(shutil.copy(ATLAS_SAMPLE, directory / ATLAS.file_name))
