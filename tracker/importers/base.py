"""The importer base: parse everything first, then write in one transaction, and report.

A subclass overrides:
- `name`: a short id stored on the ImportRun;
- `parse(path)`: read and validate the whole file, raising `ImporterError` (file, sheet, row,
  column) on bad input; returns whatever `write` needs;
- `write(parsed, report)`: upsert by natural key inside the transaction the base opens,
  counting into `report`.
`run()` opens the transaction, rolls it back on error or on a dry run, and saves the ImportRun.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from django.db import transaction
from django.utils import timezone

from tracker.conflicts.scope import Touched
from tracker.conflicts.services import sweep_touched
from tracker.importers.models import ImportRun


class ImporterError(Exception):
    """Bad input: says where (file, sheet, row, column) and what is wrong."""

    def __init__(
        self, message: str, *, file: str | Path, sheet: str = "", row: int | None = None, column: str = ""
    ) -> None:
        self.message, self.file, self.sheet, self.row, self.column = message, str(file), sheet, row, column
        super().__init__(self.location + ": " + message)

    @property
    def location(self) -> str:
        """`file, sheet S, row N, column C` with the parts that are known."""
        parts = [Path(self.file).name]
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)


class DuplicateRowError(ImporterError):
    """Two rows claim the same natural key."""


class UnresolvedReferenceError(ImporterError):
    """A row names something (a state, a jurisdiction) that does not exist."""


class _DryRunRollback(Exception):
    """Raised inside the transaction to undo a dry run."""


@dataclass
class ImportReport:
    """What an import did: counts by outcome, skipped rows with reasons, rows to review."""

    counts: Counter[str] = field(default_factory=Counter)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    review: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    touched: Touched = field(default_factory=Touched)

    def count(self, outcome: str, n: int = 1) -> None:
        """Count `n` records under an outcome (created, updated, unchanged, ended…)."""
        self.counts[outcome] += n

    def skip(self, reason: str, **where: Any) -> None:
        """Record a row that was not imported, and why."""
        self.counts["skipped"] += 1
        self.skipped.append({"reason": reason, **where})

    def flag(self, reason: str, **where: Any) -> None:
        """Record a row that was imported but needs a person to check it."""
        self.review.append({"reason": reason, **where})

    def summary(self) -> str:
        """One line for a terminal."""
        order = ["created", "updated", "unchanged", "ended", "skipped"]
        keys = order + sorted(k for k in self.counts if k not in order)
        line = ", ".join(f"{k} {self.counts.get(k, 0)}" for k in keys)
        return line + (f"; {len(self.review)} to review" if self.review else "")


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Importer:
    """Base class: see the module docstring for what a subclass overrides."""

    name: ClassVar[str] = ""

    def __init__(self, path: str | Path, *, dry_run: bool = False, user: Any = None) -> None:
        self.path = Path(path)
        self.dry_run = dry_run
        self.user = user

    def parse(self, path: Path) -> Any:
        """Read and validate the whole file; raise ImporterError on bad input."""
        raise NotImplementedError

    def write(self, parsed: Any, report: ImportReport) -> None:
        """Upsert the parsed records, counting into the report."""
        raise NotImplementedError

    def as_of(self, parsed: Any) -> Any:
        """The date the file speaks for, if it has one."""
        return None

    def run(self) -> tuple[ImportReport, ImportRun | None]:
        """Parse, write atomically, record the run; a dry run writes nothing."""
        if not self.path.is_file():
            raise ImporterError("file not found", file=self.path)
        parsed = self.parse(self.path)
        report = ImportReport()
        try:
            with transaction.atomic():
                self.write(parsed, report)
                # Queued on commit, so a dry run's rollback (or any error) discards it.
                sweep_touched(touched=report.touched)
                if self.dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            return report, None
        run = ImportRun.objects.create(
            importer=self.name,
            file_name=self.path.name,
            sha256=file_sha256(self.path),
            as_of=self.as_of(parsed),
            user=self.user if getattr(self.user, "pk", None) else None,
            finished_at=timezone.now(),
            counts=dict(report.counts),
            skipped=report.skipped,
            review=report.review,
            notes=report.notes,
        )
        return report, run
