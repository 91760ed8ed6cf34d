"""Benchmark of ICE 287(g) sheet imports on the real files (not a test).

Creates a throwaway database (the test database of the configured backend, destroyed at the end),
loads the real fixtures and the national OCD registry (`import_divisions data/ocd`), then times:
1. the 18 May 2026 sheet into that database (every agency and agreement new), and the same sheet
   again (nothing changes);
2. in a second throwaway database with the registry, an archive of N sheets: the participating and
   pending sheets of a directory in date order, cycled through again until N imports were made
   (a second pass is the "older sheet after a newer one" path).

The incremental sweep an import queues runs on a worker in production; it is not in the import
figures (`--sweep` times it after each import).

    .venv/bin/python bench/imports.py [--archive DIR ...] [-n 20] [--sweep]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lookout_bench .venv/bin/python bench/imports.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection
from django.test.utils import CaptureQueriesContext

import tracker.importers.base as importer_base
from tracker.common.seeding import seed_all
from tracker.conflicts.engine import sweep
from tracker.conflicts.scope import Touched, sweep_scope
from tracker.importers.base import ImporterError
from tracker.importers.ice_287g import Ice287gImporter
from tracker.importers.ice_287g_sheet import sheet_date_from_name
from tracker.importers.ocd_divisions import DivisionsImporter
from tracker.partnerships.models import Partnership
from tracker.places.models import Agency

ROOT = Path(__file__).resolve().parents[1]
SHEET = ROOT / "data" / "ice-287g-more" / "TOTAL-participatingAgencies05182026am.xlsx"
ARCHIVE = [ROOT / "data" / "ice-287g", ROOT / "data" / "ice-287g-more"]
scope: set[int] = set()


def _queue(*, touched: Touched) -> None:
    """Stand-in for the sweep an import queues on commit: remember the scope it would sweep."""
    scope.update(sweep_scope(touched))


def fresh_database() -> str:
    """A new throwaway database with the fixtures and the national registry; returns its old name."""
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    seed_all()
    start = time.perf_counter()
    report, _ = DivisionsImporter(ROOT / "data" / "ocd").run()
    print(f"registry: {report.counts['created']} divisions in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    scope.clear()
    return old_name


def timed(label: str, path: Path, *, pending: bool = False, with_sweep: bool = False) -> float:
    """Import one sheet; print a table row; return the seconds it took."""
    scope.clear()
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        start, cpu = time.perf_counter(), time.process_time()
        report, _ = Ice287gImporter(path, pending=pending).run()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    counts = report.counts
    line = (
        f"| {connection.vendor} | {label} | {path.name} | {seconds * 1000:,.0f} ms | {cpu * 1000:,.0f} ms | "
        f"{len(queries.captured_queries)} | "
        f"{counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged, "
        f"{counts['ended']} ended, {counts['agencies_created']} agencies created, "
        f"{counts['agencies_renamed']} renamed |"
    )
    if with_sweep:
        start = time.perf_counter()
        summary = sweep(scope)
        line += f" sweep of {len(scope)} jurisdictions {time.perf_counter() - start:.1f} s ({summary.found} found) |"
    print(line, flush=True)
    return seconds


def archive_sheets(dirs: list[Path], n: int) -> list[tuple[Path, bool]]:
    """The importable sheets of the directories in date order (pending before participating of a day), cycled to n.

    A file the importer refuses (a monitor's cumulative file) is left out, as a person would.
    """
    sheets = []
    for path in sorted(p for d in dirs for p in d.iterdir() if p.suffix.lower() in (".xlsx", ".csv")):
        pending = path.name.lower().startswith("pending")
        try:
            Ice287gImporter(path, pending=pending).parse(path)
        except ImporterError as exc:
            print(f"left out: {exc}", file=sys.stderr)
            continue
        sheets.append((path, pending))
    sheets.sort(key=lambda s: (sheet_date_from_name(s[0].name), not s[1], s[0].name))
    return [sheets[i % len(sheets)] for i in range(n)] if sheets else []


def main() -> None:
    """Two throwaway databases: one sheet, then an archive."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, action="append", help="directory of sheets (repeatable)")
    parser.add_argument("-n", type=int, default=20, help="imports in the archive run (default 20; 0: none)")
    parser.add_argument("--sweep", action="store_true", help="also time the sweep each import queues")
    args = parser.parse_args()
    importer_base.sweep_touched = _queue  # type: ignore[assignment]
    print("| backend | run | sheet | time | CPU (this process) | queries | result |")
    print("|---|---|---|---|---|---|---|")
    old_name = fresh_database()
    try:
        timed("one sheet, first import", SHEET, with_sweep=args.sweep)
        timed("one sheet, again", SHEET, with_sweep=args.sweep)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if args.n == 0:
        return
    old_name = fresh_database()
    try:
        sheets = archive_sheets(args.archive or ARCHIVE, args.n)
        total = 0.0
        for i, (path, pending) in enumerate(sheets, start=1):
            total += timed(f"archive {i}/{len(sheets)}", path, pending=pending, with_sweep=args.sweep)
        print(
            f"| {connection.vendor} | archive of {len(sheets)} sheets, total | | {total:,.1f} s | | | "
            f"{Partnership.objects.count()} partnerships, {Agency.objects.count()} agencies |"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
