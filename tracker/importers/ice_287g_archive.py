"""A run of ICE's 287(g) sheets, participating and pending, imported in publication order.

One ordering and one import loop serve `manage.py import_287g_archive`, `manage.py demo_data`
and the ICE monitor (`ice_287g_fetch`). A sheet's date and kind come from ICE's file name
(`sheet_date_from_name`) or an explicit override; a name that says neither plainly is refused
before anything is imported, never guessed. A file whose exact bytes were imported before is
skipped (`ImportRun.sha256`), so importing an archive twice changes nothing; an older sheet
imported after a newer one only extends what is known backwards (the importer's rule).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tracker.importers.base import ImporterError, file_sha256
from tracker.importers.ice_287g import Ice287gImporter
from tracker.importers.ice_287g_sheet import PARTICIPATING, PENDING, sheet_date_from_name
from tracker.importers.models import ImportRun

SUFFIXES = (".xlsx", ".csv")
IMPORTED, ALREADY, REFUSED = "imported", "already imported", "refused"
#: Within a day: the morning sheet, then an unmarked one, then the afternoon's.
_HALF = {"am": 0, "": 1, "pm": 2}

Echo = Callable[[str], None]


@dataclass(frozen=True)
class ArchiveSheet:
    """One sheet of the archive: where it is, what it lists, and the day ICE published it."""

    path: Path
    kind: str
    as_of: datetime.date
    half: str = ""

    def order_key(self) -> tuple[datetime.date, int, int, str]:
        """Publication order: by day, morning before afternoon, pending before participating, then name."""
        return (self.as_of, _HALF[self.half], 0 if self.kind == PENDING else 1, self.path.name)


@dataclass(frozen=True)
class SheetOutcome:
    """What happened to one sheet: imported (with its summary), already imported, or refused (why)."""

    sheet: ArchiveSheet
    outcome: str
    detail: str = ""
    sha256: str = ""
    run: ImportRun | None = None


def sheet_kind_from_name(name: str) -> str | None:
    """`pending` or `participating` from ICE's file name, or None when it names neither."""
    folded = name.lower()
    if "pending" in folded:
        return PENDING
    if "participat" in folded:
        return PARTICIPATING
    return None


def _half(name: str) -> str:
    match = re.search(r"(?i)agenc(?:y|ies)-?\d+(am|pm)", name)
    return match.group(1).lower() if match else ""


def archive_sheet(path: Path, *, as_of: datetime.date | None = None) -> ArchiveSheet:
    """The sheet at `path`, dated by its name or by `as_of`; ImporterError when either is missing."""
    kind = sheet_kind_from_name(path.name)
    if kind is None:
        raise ImporterError("the file name says neither 'participating' nor 'pending'", file=path)
    date = as_of or sheet_date_from_name(path.name)
    if date is None:
        raise ImporterError("the sheet's date is not plainly in the file name; give it with --date", file=path)
    return ArchiveSheet(path=path, kind=kind, as_of=date, half=_half(path.name))


def archive_sheets(paths: Iterable[Path], *, dates: Mapping[str, datetime.date] | None = None) -> list[ArchiveSheet]:
    """Every .xlsx/.csv sheet in `paths` (files or folders) in publication order.

    `dates` overrides the date of a file by its name. Every file is checked before any is
    imported: one name that cannot be read is an ImporterError naming it.
    """
    dates = dates or {}
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            raise ImporterError("no such file or folder", file=path)
    unknown = sorted(set(dates) - {f.name for f in files})
    if unknown:
        raise ImporterError(f"--date names file(s) not in the archive: {', '.join(unknown)}", file=unknown[0])
    sheets = [archive_sheet(f, as_of=dates.get(f.name)) for f in files]
    return sorted(sheets, key=ArchiveSheet.order_key)


def already_imported(sha256: str) -> bool:
    """Whether a sheet with exactly these bytes was imported before."""
    return ImportRun.objects.filter(importer=Ice287gImporter.name, sha256=sha256).exists()


def import_sheet(sheet: ArchiveSheet, *, user: object = None) -> SheetOutcome:
    """Import one sheet unless its bytes were imported before; an ImporterError propagates."""
    sha256 = file_sha256(sheet.path)
    if already_imported(sha256):
        return SheetOutcome(sheet, ALREADY, sha256=sha256)
    importer = Ice287gImporter(sheet.path, pending=sheet.kind == PENDING, as_of=sheet.as_of, user=user)
    report, run = importer.run()
    return SheetOutcome(sheet, IMPORTED, report.summary(), sha256, run)


def import_archive(sheets: Iterable[ArchiveSheet], *, echo: Echo | None = None) -> list[SheetOutcome]:
    """Import each sheet in the order given; a refused file changes nothing and the next one goes on."""
    outcomes = []
    for sheet in sheets:
        try:
            outcome = import_sheet(sheet)
        except ImporterError as exc:
            outcome = SheetOutcome(sheet, REFUSED, str(exc))
        outcomes.append(outcome)
        if echo:
            echo(describe(outcome))
    return outcomes


def describe(outcome: SheetOutcome) -> str:
    """One line for a terminal: the sheet, its date and kind, and what happened."""
    sheet = outcome.sheet
    head = f"{sheet.path.name} ({sheet.kind}, {sheet.as_of.isoformat()}{' ' + sheet.half if sheet.half else ''})"
    return f"{head}: {outcome.outcome}" + (f": {outcome.detail}" if outcome.detail else "")
