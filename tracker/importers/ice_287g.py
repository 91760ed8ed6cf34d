"""ICE's 287(g) participating and pending sheets → agencies, their coverage, and their agreements.

Each participating sheet replaces the last: an agreement a newer sheet no longer lists is ended
(with that sheet as `ended_in`), never deleted. An older sheet imported after a newer one only
extends what is known backwards (first seen); it never ends or reopens anything. A pending
application is its own record (`kind`), never in effect; when it shows as an agreement the two
are linked. Agencies are found by state and any spelling they had (`ice_287g_agencies`), and
carry their FBI ORI code; where they police is matched in `tracker.places.matching`. Everything
is decided in memory and written in bulk (`ice_287g_writer`, `bulk`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.importers.base import Importer, ImporterError, ImportReport
from tracker.importers.ice_287g_sheet import PARTICIPATING, PENDING, ParsedSheet, read_sheet
from tracker.importers.ice_287g_writer import SheetWriter
from tracker.places.models import Jurisdiction

Progress = Callable[[int, int], None]


def state_codes() -> dict[str, str]:
    """Upper-case state names and postal codes → postal code, for every state-level jurisdiction loaded."""
    codes: dict[str, str] = {}
    for state in Jurisdiction.objects.states().exclude(postal_code=""):
        codes[state.name.upper()] = state.postal_code
        codes[state.postal_code.upper()] = state.postal_code
    return codes


def _as_date(value: datetime.date | str | None, *, path: Path) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ImporterError(f"--as-of {value!r} is not a date (YYYY-MM-DD)", file=path) from exc


class Ice287gImporter(Importer):
    """Import one ICE 287(g) sheet: participating (default) or pending."""

    name = "ice_287g"

    def __init__(
        self,
        path: str | Path,
        *,
        dry_run: bool = False,
        user: Any = None,
        pending: bool = False,
        as_of: datetime.date | str | None = None,
        progress: Progress | None = None,
    ) -> None:
        super().__init__(path, dry_run=dry_run, user=user)
        self.kind = PENDING if pending else PARTICIPATING
        self.sheet_date = _as_date(as_of, path=self.path)
        self.progress = progress
        self.added: list[str] = []
        self.added_agency_ids: set[int] = set()
        self.ended: list[str] = []
        self.previous_sheet: str = ""

    def parse(self, path: Path) -> ParsedSheet:
        """Read and clean the whole sheet before anything is written."""
        return read_sheet(path=path, kind=self.kind, as_of=self.sheet_date, states=state_codes())

    def as_of(self, parsed: ParsedSheet) -> datetime.date:
        """The sheet's publication date."""
        return parsed.as_of

    def write(self, parsed: ParsedSheet, report: ImportReport) -> None:
        """Upsert agencies and agreements; end what a newer sheet no longer lists."""
        writer = SheetWriter(parsed=parsed, report=report, progress=self.progress)
        writer.run()
        self.added, self.ended, self.added_agency_ids = writer.added, writer.ended, writer.added_agency_ids
        self.previous_sheet = writer.previous.title if writer.previous else ""
